// `replay --session NAME|NUMBER` over one or many files: a file without such a session is left out; a name that no
// file has is a mistake worth stopping for, answered with the names there are.
import type { Transcript } from '../model/types';

interface LoadedTranscript {
  display: string;
  transcript: Transcript;
}

const matches = (wanted: string, session: { index: number; name?: string }) => wanted === session.name || wanted === String(session.index + 1);

/** Indexes of the sessions to replay: all of them without `--session`. */
export function selectSessions(transcript: Transcript, wanted: string[] | undefined): number[] {
  return transcript.sessions.filter((s) => !wanted || wanted.some((w) => matches(w, s))).map((s) => s.index);
}

/** Undefined when every wanted session is in some file; else what is missing and what there is. */
export function missingSessionsMessage(wanted: string[], files: LoadedTranscript[]): string | undefined {
  const sessions = files.flatMap((f) => f.transcript.sessions);
  const missing = wanted.filter((w) => !sessions.some((s) => matches(w, s)));
  if (missing.length === 0 || files.length === 0) return undefined;
  const names = [...new Set(sessions.flatMap((s) => (s.name === undefined ? [] : [s.name])))];
  const most = files.reduce((max, f) => Math.max(max, f.transcript.sessions.length), 0);
  const shown = names.slice(0, 20).map((n) => `"${n}"`).join(', ') + (names.length > 20 ? `, and ${names.length - 20} more` : '');
  const numbers = most === 1 ? 'or the number 1' : `or a number from 1 to ${most}`;
  const available = names.length > 0 ? `sessions: ${shown}; ${numbers}` : `no session has a name: use ${numbers.slice(3)}`;
  const what = `no session named ${missing.map((m) => `'${m}'`).join(', ')}`;
  return files.length === 1 ? `${files[0].display}: ${what} (${available})` : `${what} in any of the ${files.length} files (${available})`;
}
