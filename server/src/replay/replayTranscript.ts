// Entry points: replay a whole transcript (its sessions one after another, each on its own connection) or one session.
import type { Session, Transcript } from '../model/types';
import { errorInfo, ReplayError } from './replayError';
import type { ReplayOptions, ReplayResult, SessionResult } from './replayTypes';
import { SessionRun } from './sessionRun';

export async function replayTranscript(transcript: Transcript, options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const problem = transcriptProblem(transcript);
  if (problem) return { status: 'error', sessions: [], error: errorInfo(problem), durationMs: 0 };
  const sessions: SessionResult[] = [];
  for (const session of transcript.sessions) {
    if (options.sessions && !options.sessions.includes(session.index)) continue;
    if (options.signal?.aborted) break;
    sessions.push(await replaySession(transcript, session, options));
  }
  const status = sessions.some((s) => s.status === 'error') ? 'error' : sessions.some((s) => s.status === 'fail') ? 'fail' : 'pass';
  return { status, sessions, durationMs: Date.now() - started };
}

/** One session; `transcript` supplies the file-level directives. Never throws: failures are in the result. */
export function replaySession(transcript: Transcript, session: Session, options: ReplayOptions): Promise<SessionResult> {
  return new SessionRun(transcript, session, options).run();
}

/** A transcript with structural errors cannot be replayed faithfully: say which line first. */
export function transcriptProblem(transcript: Transcript): ReplayError | undefined {
  const errors = transcript.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ReplayError('transcript', `${first.message}${more}`, first.range.start.line);
}
