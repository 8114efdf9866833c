// Quick fixes for the sequencing rules, doing what their messages propose: insert the missing command (with a
// wildcard success reply), or change the expectation to the refusal the server must send (RFC 5321 §3.3, §4.1.4).
import type { Exchange } from '../../../model/types';
import type { Fix } from '../rule';
import { payloadEndPosition } from '../../../model/lineRanges';
import { exchangeEnd, exchangeStartLine } from '../../../model/exchangeRange';

/** The sender and recipient an inserted MAIL or RCPT uses: placeholders the user is meant to replace. */
export const PLACEHOLDER_SENDER = '<sender@example.com>';
export const PLACEHOLDER_RECIPIENT = '<recipient@example.com>';

/** RFC 5321 §4.2.5 / RFC 3463: a bad sequence of commands. */
const BAD_SEQUENCE = '503 5.5.1 *';

/** Inserts `C: <command>` and `S: 250 *` for each command, on the lines right above the exchange. */
export function insertCommandsBefore(exchange: Exchange, title: string, commands: readonly string[]): Fix {
  const at = { line: exchangeStartLine(exchange), character: 0 };
  return { title, edits: [{ range: { start: at, end: at }, newText: commands.map((command) => `C: ${command}\nS: 250 *\n`).join('') }] };
}

/** Replaces the exchange's expected reply (or adds one after its command) with `S: 503 5.5.1 *`. */
export function expectBadSequence(exchange: Exchange): Fix {
  const title = `Expect the refusal: S: ${BAD_SEQUENCE}`;
  const reply = exchange.reply;
  if (reply && reply.lines.length > 0) {
    const start = { line: reply.lines[0].line, character: 0 };
    const end = payloadEndPosition(reply.lines[reply.lines.length - 1].payload);
    return { title, edits: [{ range: { start, end }, newText: `S: ${BAD_SEQUENCE}` }] };
  }
  const end = exchangeEnd(exchange);
  return { title, edits: [{ range: { start: end, end }, newText: `\nS: ${BAD_SEQUENCE}` }] };
}
