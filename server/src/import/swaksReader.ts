// swaks' normal output -> capture events.
// swaks marks each line: ` -> ` sent, `<-  ` received, `<** ` received error reply, with `~` in place of `-` once
// TLS is on (` ~> `, `<~  `, `<~* `); `=== ` lines are its notes, `*** ` its errors. DATA content is printed line by
// line as sent (dot-stuffed), each line still ending with the CR of its CRLF.
import { replyOpens, type ReplyTarget } from '../dialogue/dialogueState';
import { splitReplyLine } from '../dialogue/replyLine';
import type { CaptureEvent, CaptureReading, ImportProblem } from './importTypes';
import { SkippedLines } from './skippedLines';

/** ` -> text`, `-> text`, or a bare ` ->` for an empty line whose trailing space was trimmed. */
export const swaksSent = /^\s*[-~]>(?: (.*))?$/;
/** `<-  250 ok`, `<~  250 ok`, `<** 550 no`, `<~* 535 no`. */
export const swaksReceived = /^\s*<(?:-|~|\*\*|~\*)(?:\s+(.*))?$/;

const DATA_COMMAND: ReplyTarget = { kind: 'command', verb: 'DATA' };

const trying = /^=== Trying (.+?):(\d+)\.\.\.$/;
/** `--show-raw-text`'s hex dump of each write (`  > 0000: 45 48 ...`) and read (`<   0000: ...`): the lines say it already. */
const rawTextDump = /^(?: {2}>|< {2}) \d{4}: /;
/** A shell prompt and the swaks command line a user pasted along with the output. */
const commandLine = /^(?:\S*[$#%>]\s+)?swaks(?:\s|$)/;

export function readSwaks(lines: string[]): CaptureReading {
  const events: CaptureEvent[] = [];
  const problems: ImportProblem[] = [];
  const skipped = new SkippedLines();
  lines.forEach((text, line) => {
    const sent = swaksSent.exec(text);
    if (sent && isSuppressedData(sent[1], events[events.length - 1])) {
      problems.push({
        line: line + 1,
        severity: 'warning',
        message: `swaks printed "${sent[1]}" in place of the message (--suppress-data): the transcript sends an empty message; write the content above its "C: ." line, or capture without --suppress-data`,
      });
      return events.push({ kind: 'note', line, text: `swaks: ${sent[1]} (--suppress-data: the message is not in the capture)` }, { kind: 'sent', line, text: '.' });
    }
    if (sent) return events.push({ kind: 'sent', line, text: sent[1] ?? '' });
    const received = swaksReceived.exec(text);
    if (received) return events.push({ kind: 'received', line, text: received[1] ?? '' });
    if (text.startsWith('=== ')) {
      for (const event of infoLine(text, line)) events.push(event);
      return;
    }
    if (text.startsWith('*** ')) {
      events.push({ kind: 'note', line, text: `swaks: ${text.slice(4).trim()}` });
      // The server closed while swaks still had something to say or an answer to wait for.
      if (/^\*\*\* (?:Remote host|Socket) closed connection unexpectedly/.test(text)) events.push({ kind: 'closed', line });
      return;
    }
    if (text.trim() === '' || commandLine.test(text) || rawTextDump.test(text)) return undefined;
    return skipped.add(line);
  });
  for (const problem of skipped.problems('swaks output')) problems.push(problem);
  return { events, problems };
}

/** `--suppress-data` prints the count of the message's lines (its final `.` included) where the message goes. */
function isSuppressedData(text: string | undefined, previous: CaptureEvent | undefined): boolean {
  if (!/^\d+ lines sent$/.test(text ?? '') || previous?.kind !== 'received') return false;
  const code = splitReplyLine(previous.text, 'wire')?.code;
  return code !== undefined && replyOpens(DATA_COMMAND, code, 'listed') === 'content';
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
