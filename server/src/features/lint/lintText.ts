// Lint of a text read once (the CLI): each session is parsed, checked and dropped before the next is parsed, so a
// large file needs memory for its lines, one session and the findings, not for a model of every session (~50 times
// the file's size, which the garbage collector copied again and again while the parse grew). What the whole-file
// checks need of a session is kept: its directives and the exchanges their groups name (`RuleGroup.wholeFileReads`).
// The result is `lintTranscript(parseTranscript(text), options)`'s; the editor keeps the model and uses that.
import { parseTranscript } from '../../model/parseTranscript';
import { parseSessions } from '../../model/parseSessions';
import { sessionWithExchanges } from '../../model/transcriptChunks';
import type { Exchange, Session, Transcript } from '../../model/types';
import type { Finding, LintContext } from './rule';
import { allRuleGroups } from './ruleCatalog';
import { addSessionFindings, diagnosticsOf, lintTranscript, type LintDiagnostic, type LintOptions } from './lintTranscript';

/** The diagnostics of `text`, as `lintTranscript` finds them in its parse (no cache: nothing is kept for an edit). */
export function lintText(text: string, options: Omit<LintOptions, 'cache'> = {}): LintDiagnostic[] {
  const stream = parseSessions(text);
  if (!stream) return lintTranscript(parseTranscript(text), options);
  const context = options.context ?? {};
  // Filled as the chunks come: the head's directives first, then each session as the whole-file checks will see it.
  const transcript: Transcript = { lines: stream.lines, directives: [], sessions: [], comments: [], diagnostics: [] };
  const byGroup: (readonly Finding[])[][] = allRuleGroups().map(() => []);
  let head = true;
  for (const chunk of stream.chunks) {
    if (head) transcript.directives = chunk.directives;
    head = false;
    for (const comment of chunk.comments) transcript.comments.push(comment);
    for (const diagnostic of chunk.diagnostics) transcript.diagnostics.push(diagnostic);
    if (!chunk.session) continue;
    addSessionFindings(byGroup, chunk.session, transcript, context);
    transcript.sessions.push(keptForWholeFile(chunk.session, transcript, context));
  }
  return diagnosticsOf(transcript, byGroup, options);
}

/** `session` with the exchanges some group's whole-file part reads, in their order (most sessions: none). */
function keptForWholeFile(session: Session, transcript: Transcript, context: LintContext): Session {
  let read: Set<Exchange> | undefined;
  for (const group of allRuleGroups()) {
    const exchanges = group.wholeFileReads?.(session, transcript, context) ?? [];
    if (exchanges.length === 0) continue;
    read ??= new Set();
    for (const exchange of exchanges) read.add(exchange);
  }
  return sessionWithExchanges(session, read ? session.exchanges.filter((e) => read.has(e)) : []);
}
