// `replay --reporter github`: next to the text reporter's log, a GitHub Actions annotation for each failure, at the
// transcript line it is about, so that it shows on the pull request's diff. Secrets are masked before results get
// here; what the server sent is made visible as the text reporter shows it.
import type { ReplayResult, SessionResult } from '../replay/replayTypes';
import { annotationCommand, type Annotation } from './githubCommands';
import { exchangeFailure, failedExchanges, INSECURE_TEXT, replyComparison, sessionTitle, untoldSessionError } from './sessionLog';
import { visibleText } from './visibleText';

/**
 * The workflow commands for one file's replay: errors for failures, warnings for unverified TLS, notices for skips
 * and for the notes on exchanges that passed (unless `quiet`, which shows only what did not pass, as the text does).
 */
export function replayAnnotations(file: string, result: ReplayResult, quiet = false): string[] {
  const annotations: Annotation[] = [];
  // A transcript refused as a whole (parse errors) before any session ran.
  if (result.error) annotations.push({ level: 'error', file, line: lineNumber(result.error.line), title: 'replay', message: visibleText(result.error.message) });
  // Loops, not spreads, here and below: a spread passes each item as an argument, and past about 125,000 (a session
  // of that many failed exchanges) the call overflows the stack.
  for (const session of result.sessions) for (const annotation of sessionAnnotations(file, session, quiet)) annotations.push(annotation);
  return annotations.map(annotationCommand);
}

function sessionAnnotations(file: string, session: SessionResult, quiet: boolean): Annotation[] {
  const title = `replay ${sessionTitle(session)}`;
  const annotations: Annotation[] = failedExchanges(session).map((exchange) => {
    const { line, message } = exchangeFailure(exchange);
    return { level: 'error', file, line: line + 1, title, message: [visibleText(message), ...replyComparison(exchange)].join('\n') };
  });
  // What passed but is worth a look (reply text that differs under `@match = code`, a reply the transcript does not
  // show, a session that stayed in plain text despite `@tls = starttls`): the text's `note:` lines.
  if (!quiet) for (const exchange of session.exchanges) if (exchange.status === 'pass' && exchange.differences.length > 0) annotations.push({ level: 'notice', file, line: exchange.line + 1, title, message: `note: ${visibleText(exchange.differences.join('; '))}` });
  // A session that never got to an exchange (connection refused, TLS handshake failed) is reported at its first line.
  const error = untoldSessionError(session);
  if (error) annotations.push({ level: 'error', file, line: error.line + 1, title, message: visibleText(error.message) });
  if (session.insecure) annotations.push({ level: 'warning', file, line: session.line + 1, title, message: INSECURE_TEXT });
  if (session.status === 'skipped' && session.skipReason) annotations.push({ level: 'notice', file, line: session.line + 1, title, message: `skipped: ${visibleText(session.skipReason)}` });
  return annotations;
}

function lineNumber(line: number | undefined): number | undefined {
  return line === undefined ? undefined : line + 1;
}
