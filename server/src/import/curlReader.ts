// curl's SMTP output -> capture events, in either of its two forms:
// - `curl -v`: `> ` a line sent, `< ` a line received, `* ` curl's notes, `} [80 bytes data]` for octets it does not
//   show (the message, TLS records: the message is not in the capture), and the progress meter, whose row may hold
//   the first `* ` note too;
// - `curl --trace-ascii FILE`: `=> Send header, 18 bytes (0x12)` and `<= Recv header, ...` blocks, one a command or a
//   reply line; `=> Send data, ...` blocks, the message as sent (dot-stuffed), and `== Info: ` notes. A block's lines
//   are `0015: text`, each cut at 64 characters or at a CRLF, which is not printed: the offsets tell which.
// curl sends the message's final `.` without printing it, and, when it keeps the connection ("left intact"), QUIT
// as it exits, printed neither: both are added, the 221 as `221 *` (RFC 5321 §4.1.1.10 requires one).
import { replyOpens, type ReplyTarget } from '../dialogue/dialogueState';
import { splitReplyLine } from '../dialogue/replyLine';
import type { CaptureEvent, CaptureReading, ImportProblem } from './importTypes';
import { SkippedLines } from './skippedLines';

/** `> EHLO c.test`, `< 250 ok`: a bare `>` or `<` is an empty line whose trailing space was trimmed. */
const curlVerboseLine = /^([<>])(?: (.*))?$/;
/** A line `-v` shows received: `< 250 ok`. */
export const curlVerboseReceived = /^< (.*)$/;
/** `== Info: ...`, `=> Send header, 18 bytes (0x12)`, `<= Recv header, 40 bytes (0x28)`. */
export const curlTraceLine = /^(?:== Info: |=> Send (?:header|data|SSL data), \d+ bytes|<= Recv (?:header|data|SSL data), \d+ bytes)/;

const DATA_COMMAND: ReplyTarget = { kind: 'command', verb: 'DATA' };
const blockStart = /^(=>|<=) (Send|Recv) (header|data|SSL data), (\d+) bytes/;
const dumpLine = /^([0-9a-f]{4,}): ?(.*)$/;
/** The progress meter's header rows, and a row of figures (the first `* ` note may follow on the same row). */
const meterHeader = /^\s+(?:% Total\s+% Received|Dload\s+Upload)/;
const meterRow = /^\s*\d{1,3}\s+\S+\s+\d{1,3}\s+\S+\s+\d{1,3}\s+\S+\s+\S+\s+\S+\s+(?:--:--:--|\d+:\d\d:\d\d)\s+(?:--:--:--|\d+:\d\d:\d\d)\s+(?:--:--:--|\d+:\d\d:\d\d)\s+\S+/;
const connected = /^Connected to (\S+) \((.*?)\) port (\d+)/;
/** The connection ended under curl (the server closed it, or the network did). */
const lost = /^(?:Connection died|Recv failure|Send failure|Connection reset|Remote host closed)/;
const commandLine = /^(?:\S*[$#%>]\s+)?curl(?:\s|$)/;

interface Block {
  kind: 'sent' | 'received' | 'data' | 'ignored';
  line: number;
  size: number;
  dump: { line: number; offset: number; text: string }[];
}

class CurlReading {
  readonly events: CaptureEvent[] = [];
  readonly problems: ImportProblem[] = [];
  /** In a message: its lines were sent (or said to be), and the final `.`, which curl does not print, is due. */
  private inMessage = false;
  /** A message line a data block ended inside of, continued by the next block. */
  private partial: { line: number; text: string } | undefined;
  private kept = false;

  sent(line: number, text: string): void {
    this.endMessage(line);
    this.events.push({ kind: 'sent', line, text });
  }

  received(line: number, text: string): void {
    if (this.contentDue()) this.messageNotShown(line);
    this.endMessage(line);
    this.events.push({ kind: 'received', line, text });
  }

  messageLine(line: number, text: string): void {
    this.inMessage = true;
    this.events.push({ kind: 'sent', line, text });
  }

  /** The last event is a reply that opens the message (354), and no line of it came: `-v` does not print it. */
  private contentDue(): boolean {
    const previous = this.events[this.events.length - 1];
    const code = previous?.kind === 'received' ? splitReplyLine(previous.text, 'wire')?.code : undefined;
    return code !== undefined && replyOpens(DATA_COMMAND, code, 'listed') === 'content';
  }

  private messageNotShown(line: number): void {
    this.problems.push({
      line: line + 1,
      severity: 'warning',
      message: 'curl -v does not print the message it sends: the transcript sends an empty message; write the content above its "C: ." line, or capture with --trace-ascii FILE, which shows it',
    });
    this.events.push({ kind: 'note', line, text: 'curl -v does not print the message: it is not in the capture' });
    this.inMessage = true;
  }

  partialLine(line: number, text: string): void {
    this.partial = this.partial ? { line: this.partial.line, text: this.partial.text + text } : { line, text };
  }

  takePartial(text: string): { line: number; text: string } | undefined {
    const partial = this.partial;
    this.partial = undefined;
    return partial && { line: partial.line, text: partial.text + text };
  }

  info(line: number, text: string): void {
    const at = connected.exec(text);
    if (at) {
      this.kept = false;
      // `--unix-socket PATH`: `Connected to localhost (/path) port 25`, the URL's host the name TLS is verified as.
      if (at[2].startsWith('/')) return void this.events.push({ kind: 'connect', line, host: `unix:${at[2]}`, servername: at[1] });
      return void this.events.push({ kind: 'connect', line, host: at[1], port: Number(at[3]) });
    }
    if (text.startsWith('SSL connection using ')) return void this.events.push({ kind: 'tls', line });
    if (lost.test(text)) {
      this.events.push({ kind: 'note', line, text: `curl: ${text}` }, { kind: 'closed', line });
      return;
    }
    if (/^Connection #\d+ to host .* left intact$/.test(text)) this.kept = true;
    // What curl says of itself, the TLS handshake and the certificate is no part of the dialogue.
    if (/^(?:\s*Trying |Connection #|Closing connection|We are completely uploaded|TLSv|\s*CAfile|\s*CApath|Server certificate|\s+(?:subject|start date|expire date|subjectAltName|issuer|SSL certificate verify)|ALPN|Using Stream|old SSL session|Mark bundle|Hostname .* was found|Re-using|Found bundle|Connection cache)/.test(text)) return;
    this.events.push({ kind: 'note', line, text: `curl: ${text.trim()}` });
  }

  /** The capture's end: the final `.` still due, and the QUIT curl sends unprinted when it kept the connection. */
  finish(lastLine: number): void {
    this.endMessage(lastLine);
    if (!this.kept) return;
    this.events.push(
      { kind: 'note', line: lastLine, text: 'curl sends QUIT as it exits and prints neither it nor the reply: the 221 RFC 5321 §4.1.1.10 requires is expected' },
      { kind: 'sent', line: lastLine, text: 'QUIT' },
      { kind: 'received', line: lastLine, text: '221 *' },
    );
  }

  private endMessage(line: number): void {
    if (!this.inMessage) return;
    this.inMessage = false;
    if (this.partial) this.events.push({ kind: 'sent', line: this.partial.line, text: this.takePartial('')!.text });
    this.events.push({ kind: 'sent', line, text: '.' });
  }
}

export function readCurl(lines: string[]): CaptureReading {
  const reading = new CurlReading();
  const skipped = new SkippedLines();
  let block: Block | undefined;
  const flush = () => {
    if (block) emitBlock(block, reading);
    block = undefined;
  };
  lines.forEach((raw, line) => {
    const start = blockStart.exec(raw);
    if (start) {
      flush();
      const kind = start[3] === 'SSL data' ? 'ignored' : start[3] === 'data' && start[1] === '=>' ? 'data' : start[1] === '=>' ? 'sent' : 'received';
      block = { kind, line, size: Number(start[4]), dump: [] };
      return;
    }
    const dumped = block ? dumpLine.exec(raw) : null;
    if (block && dumped) return void block.dump.push({ line, offset: parseInt(dumped[1], 16), text: dumped[2] });
    flush();
    if (raw.startsWith('== Info: ')) return reading.info(line, raw.slice(9));
    if (meterHeader.test(raw)) return;
    const meter = meterRow.exec(raw);
    const text = meter ? raw.slice(meter[0].length) : raw;
    const verbose = curlVerboseLine.exec(text);
    if (verbose) return verbose[1] === '>' ? reading.sent(line, verbose[2] ?? '') : reading.received(line, verbose[2] ?? '');
    if (text.startsWith('* ')) return reading.info(line, text.slice(2));
    // Where curl wrote or read octets it does not show (the message, TLS records).
    if (/^[{}] \[\d+ bytes data\]$/.test(text)) return;
    if (/^curl: \(\d+\)/.test(text)) return void reading.events.push({ kind: 'note', line, text: text.trim() });
    if (text.trim() === '' || meter || commandLine.test(text)) return;
    skipped.add(line);
  });
  flush();
  reading.finish(lines.length - 1);
  for (const problem of skipped.problems('curl output')) reading.problems.push(problem);
  return { events: reading.events, problems: reading.problems };
}

/**
 * A trace block's lines as sent: a dump line is followed by its CRLF when the next one starts two octets after its
 * end (the block's size for the last), and was cut at 64 characters when the next one starts right at its end. A
 * message line cut at a data block's end goes on in the next data block; a command or reply line is one block.
 */
function emitBlock(block: Block, reading: CurlReading): void {
  if (block.kind === 'ignored') return;
  const lines = blockLines(block);
  if (block.kind !== 'data') {
    for (const line of lines) {
      if (block.kind === 'sent') reading.sent(line.line, line.text);
      else reading.received(line.line, line.text);
    }
    return;
  }
  for (const line of lines) {
    if (!line.ended) reading.partialLine(line.line, line.text);
    else {
      const whole = reading.takePartial(line.text) ?? line;
      reading.messageLine(whole.line, whole.text);
    }
  }
}

/** The block's lines joined where the dump cut them; the last one `ended` only when the block ends with its CRLF. */
function blockLines(block: Block): { line: number; text: string; ended: boolean }[] {
  const out: { line: number; text: string; ended: boolean }[] = [];
  let open: { line: number; text: string } | undefined;
  block.dump.forEach((dumped, i) => {
    const next = block.dump[i + 1]?.offset ?? block.size;
    const ended = next - (dumped.offset + dumped.text.length) >= 2;
    open = open ? { line: open.line, text: open.text + dumped.text } : { line: dumped.line, text: dumped.text };
    if (ended) {
      out.push({ ...open, ended });
      open = undefined;
    }
  });
  if (open) out.push({ ...open, ended: false });
  return out;
}
