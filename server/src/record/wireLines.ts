// Bytes as they arrive -> the lines a transcript writes. Reads and writes split lines anywhere, so a line is kept
// until its LF comes. The client side also knows the one place where lines are not the unit: a BDAT chunk is
// exactly the octets its command declares (RFC 3030 §2), and may end mid-line; inside DATA content (RFC 5321
// §4.1.1.4) a line that reads `BDAT 5` is text, not a command.
import { listedOpening, verbOpens, wireCommand } from '../dialogue/dialogueState';
import { isEndOfData, parseBdatArgument } from '../dialogue/framing';

const LF = 0x0a;
const CR = 0x0d;

/**
 * How much of a line the proxy reads to follow the dialogue: a verb and its arguments, a reply code (RFC 5321
 * §4.5.3.1.4-5 give a command line and a reply line 512 octets each). The rest of a longer line is relayed, not kept.
 */
export const FOLLOWED_LINE_OCTETS = 1000;

/**
 * Lines ended by LF (CR LF on the wire, RFC 5321 §2.3.8; a bare LF is taken as one too), without their ending. A
 * line is one line however long it is: `keptOctets` bounds what is kept of it, not where it ends.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingOctets = 0;
  /** The last octet pushed: a CR there and an LF first in the next read make one CRLF. */
  private last = -1;

  constructor(private readonly keptOctets = Infinity) {}

  /**
   * `crlfOnly`: only CR LF ends a line, as message content and BDAT chunks are framed (RFC 5321 §4.1.1.4: a bare LF
   * there is part of the line, and `<LF>.<LF>` ends nothing); the line's text keeps such an LF.
   */
  push(bytes: Buffer, crlfOnly = false): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) {
      if (crlfOnly && (at > 0 ? bytes[at - 1] : this.last) !== CR) continue;
      this.keep(bytes.subarray(start, at));
      lines.push(lineText(Buffer.concat(this.pending)));
      this.pending = [];
      this.pendingOctets = 0;
      start = at + 1;
    }
    if (start < bytes.length) this.keep(bytes.subarray(start));
    if (bytes.length > 0) this.last = bytes[bytes.length - 1];
    return lines;
  }

  /** A line has begun and not ended yet. */
  get midLine(): boolean {
    return this.pending.length > 0;
  }

  /** What is left without a line end (the connection closed mid-line). */
  rest(): string | undefined {
    if (this.pending.length === 0) return undefined;
    const text = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingOctets = 0;
    return text;
  }

  private keep(piece: Buffer): void {
    const room = this.keptOctets - this.pendingOctets;
    if (piece.length === 0 || room <= 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    this.pending.push(kept);
    this.pendingOctets += kept.length;
  }
}

function lineText(line: Buffer): string {
  const end = line.length > 0 && line[line.length - 1] === CR ? line.length - 1 : line.length;
  return line.subarray(0, end).toString('utf8');
}

/** A client line and how it was read: a command (or an AUTH answer), a line of DATA content, a line of a BDAT chunk. */
export interface ClientLine {
  text: string;
  kind: 'command' | 'content' | 'chunk';
}

/**
 * The client's bytes as transcript lines: commands, content lines, AUTH answers, and BDAT chunks split into lines;
 * and how many final replies the client is owed for them.
 */
export class ClientLines {
  private readonly lines: LineSplitter;
  private inContent = false;
  /** The BDAT chunk being read: octets still declared, and those read so far. */
  private chunk?: { remaining: number; read: Buffer[] };
  /** Final replies the client is owed: the greeting, then one per command, AUTH answer, `.` and BDAT. */
  private owedReplies = 1;

  /**
   * `record`: lines and chunks are kept whole. `follow` (the proxy follows the dialogue, it records nothing): a
   * chunk's octets are counted, not kept, and of a line only its first FOLLOWED_LINE_OCTETS.
   */
  constructor(private readonly use: 'record' | 'follow' = 'record') {
    this.lines = new LineSplitter(use === 'record' ? Infinity : FOLLOWED_LINE_OCTETS);
  }

  get owed(): number {
    return this.owedReplies;
  }

  /** Midway through a command line (not content, not a chunk): what the server says now answers no line yet read. */
  get midCommandLine(): boolean {
    return this.chunk === undefined && !this.inContent && this.lines.midLine;
  }

  push(bytes: Buffer): ClientLine[] {
    const out: ClientLine[] = [];
    let rest = bytes;
    while (rest.length > 0) {
      if (this.chunk) {
        const taken = rest.subarray(0, this.chunk.remaining);
        if (this.use === 'record') this.chunk.read.push(taken);
        this.chunk.remaining -= taken.length;
        rest = rest.subarray(taken.length);
        // A chunk may hold any number of lines: pushed one by one, not spread as arguments.
        if (this.chunk.remaining === 0) for (const line of this.endChunk()) out.push(line);
        continue;
      }
      const lineEnd = rest.indexOf(LF);
      const piece = lineEnd < 0 ? rest : rest.subarray(0, lineEnd + 1);
      rest = rest.subarray(piece.length);
      for (const line of this.lines.push(piece, this.inContent)) out.push(this.line(line));
    }
    for (const line of out) if (line.kind === 'command') this.owedReplies++;
    return out;
  }

  /** The server dropped the last `commands` lines unread (plain text after STARTTLS, RFC 3207 §5), and any line begun. */
  dropped(commands: number): void {
    this.owedReplies = Math.max(0, this.owedReplies - commands);
    this.lines.rest();
  }

  /** The server's final reply line has this code: 354 opens message content, whatever it answers (RFC 5321 §4.3.2). */
  replyEnded(code: string): void {
    this.owedReplies = Math.max(0, this.owedReplies - 1);
    if (listedOpening(code) === 'content') this.inContent = true;
  }

  /** The octets of a BDAT chunk begun and not complete, as its lines; none when no chunk is open. */
  chunkSoFar(): ClientLine[] {
    return this.chunk ? this.endChunk() : [];
  }

  /** What was left unfinished when the connection closed: a partial line or chunk. */
  rest(): ClientLine[] {
    if (this.chunk) return this.endChunk();
    const text = this.lines.rest();
    return text === undefined ? [] : [this.line(text)];
  }

  private line(text: string): ClientLine {
    if (this.inContent) {
      // The `.` ends the content and, like a command, gets a reply.
      if (!isEndOfData(text)) return { text, kind: 'content' };
      this.inContent = false;
      return { text, kind: 'command' };
    }
    const { verb, argument } = wireCommand(text);
    if (argument !== undefined && verbOpens(verb) === 'chunk') {
      const size = parseBdatArgument(argument).size;
      if (typeof size === 'number' && size > 0) this.chunk = { remaining: size, read: [] };
    }
    return { text, kind: 'command' };
  }

  /** A chunk's lines; the last one has no line end when the chunk ends mid-line (the format counts it so). */
  private endChunk(): ClientLine[] {
    const octets = Buffer.concat(this.chunk!.read);
    this.chunk = undefined;
    const splitter = new LineSplitter();
    const lines = splitter.push(octets, true);
    const tail = splitter.rest();
    return (tail === undefined ? lines : [...lines, tail]).map((text) => ({ text, kind: 'chunk' }));
  }
}
