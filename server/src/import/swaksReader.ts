// swaks' normal output -> capture events.
// swaks marks each line: ` -> ` sent, `<-  ` received, `<** ` received error reply, with `~` in place of `-` once
// TLS is on (` ~> `, `<~  `, `<~* `); `=== ` lines are its notes, `*** ` its errors. DATA content is printed line by
// line as sent (dot-stuffed), each line still ending with the CR of its CRLF.
import type { CaptureEvent, CaptureReading, ImportProblem } from './importTypes';
import { SkippedLines } from './skippedLines';

/** ` -> text`, `-> text`, or a bare ` ->` for an empty line whose trailing space was trimmed. */
export const swaksSent = /^\s*[-~]>(?: (.*))?$/;
/** `<-  250 ok`, `<~  250 ok`, `<** 550 no`, `<~* 535 no`. */
export const swaksReceived = /^\s*<(?:-|~|\*\*|~\*)(?:\s+(.*))?$/;

const trying = /^=== Trying (.+?):(\d+)\.\.\.$/;
/** A shell prompt and the swaks command line a user pasted along with the output. */
const commandLine = /^(?:\S*[$#%>]\s+)?swaks(?:\s|$)/;

export function readSwaks(lines: string[]): CaptureReading {
  const events: CaptureEvent[] = [];
  const problems: ImportProblem[] = [];
  const skipped = new SkippedLines();
  lines.forEach((text, line) => {
    const sent = swaksSent.exec(text);
    if (sent) return events.push({ kind: 'sent', line, text: sent[1] ?? '' });
    const received = swaksReceived.exec(text);
    if (received) return events.push({ kind: 'received', line, text: received[1] ?? '' });
    if (text.startsWith('=== ')) return events.push(...infoLine(text, line));
    if (text.startsWith('*** ')) return events.push({ kind: 'note', line, text: `swaks: ${text.slice(4).trim()}` });
    if (text.trim() === '' || commandLine.test(text)) return undefined;
    return skipped.add(line);
  });
  problems.push(...skipped.problems('swaks output'));
  return { events, problems };
}

function infoLine(text: string, line: number): CaptureEvent[] {
  const target = trying.exec(text);
  if (target) return [{ kind: 'connect', line, host: target[1].replace(/^\[(.*)\]$/, '$1'), port: Number(target[2]) }];
  if (text.startsWith('=== TLS started')) return [{ kind: 'tls', line }];
  if (text.startsWith('=== Connection closed with remote host')) return [{ kind: 'closed', line }];
  // The connection and certificate details say nothing the transcript can use.
  if (/^=== (Connected to|TLS )/.test(text)) return [];
  return [{ kind: 'note', line, text: `swaks: ${text.slice(4).trim()}` }];
}
