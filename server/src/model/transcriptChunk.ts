// A BDAT chunk as a transcript writes it (RFC 3030 §2): the `C:` lines after `BDAT n` are its octets, counted against
// the declared size, until the size is reached or the next `S:` line. Kept by the session builder while it is open.
import { countChunkLine, CRLF_OCTETS, lineOctets, parseBdatArgument, startChunk, type ChunkCount } from '../dialogue/framing';
import { bdatSizeMismatch } from './sessionProblems';
import { isInclude } from './contentParts';
import { CLIENT_CLOSE, type BdatExchange, type ClientLine, type Command, type ContentPart, type Include, type ParseDiagnostic } from './types';
import { sentLiteralText } from './variables';

/** `<close>` as the chunk's next line would make it exactly its declared size (with its CRLF, or ending mid-line). */
const completes = (remaining: number): boolean => remaining === lineOctets(CLIENT_CLOSE) || remaining === lineOctets(CLIENT_CLOSE) + CRLF_OCTETS;

/** The exchange a `BDAT` command starts, its chunk still to come: every field set, `reply` too, as the parser makes them. */
export function bdatExchange(command: Command, pipelineGroup: number): BdatExchange {
  const { size: declaredSize, last } = parseBdatArgument(command.argument);
  return { kind: 'bdat', command, declaredSize, last, parts: [], chunkOctets: 0, endsMidLine: false, pipelineGroup, reply: undefined };
}

export class OpenChunk {
  private count: ChunkCount;
  /**
   * A `C: <close>` line that would not make the chunk exactly its declared size, not yet counted: a line or include
   * after it makes it chunk data; the chunk ending without one makes it the client closing the connection there.
   */
  private heldClose?: ClientLine;

  constructor(readonly exchange: BdatExchange) {
    // Unreadable, the chunk runs to the next reply as `BDAT *` does: its lines are not read as commands.
    this.count = startChunk(exchange.declaredSize ?? '*');
  }

  /** Nothing counted yet, nothing held, and the chunk runs to the next reply (`BDAT *`): what reusedContent.ts takes. */
  get isEmpty(): boolean {
    return this.exchange.parts.length === 0 && !this.heldClose && this.count.remaining === undefined;
  }

  /** Takes chunk lines counted before, `octets` of them, as if each had been added (model/reusedContent.ts). */
  adopt(parts: ContentPart[], octets: number): BdatExchange {
    this.exchange.parts = parts;
    this.exchange.chunkOctets = octets;
    this.count = { remaining: undefined, octets, endsMidLine: false, done: false };
    return this.exchange;
  }

  /** One more line of the chunk; true when the declared size is reached with it. */
  addLine(line: ClientLine): boolean {
    if (line.text === CLIENT_CLOSE && this.count.remaining !== undefined && !completes(this.count.remaining)) {
      this.heldClose = line;
      return false;
    }
    return this.countLine(line);
  }

  /** Something follows a held `C: <close>`: it is chunk data, counted now. True when the chunk is complete with it. */
  releaseHeldClose(): boolean {
    const held = this.heldClose;
    if (!held) return false;
    this.heldClose = undefined;
    return this.countLine(held);
  }

  private countLine(line: ClientLine): boolean {
    const exchange = this.exchange;
    exchange.parts.push(line);
    this.count = countChunkLine(this.count, sentText(line));
    exchange.chunkOctets = this.count.octets;
    exchange.endsMidLine = this.count.endsMidLine;
    return this.count.done;
  }

  /** A file's octets: their number is known only at replay, so the chunk now runs to the next `S:` line. */
  addInclude(include: Include): void {
    this.exchange.parts.push(include);
    this.count = { ...this.count, remaining: undefined };
  }

  /** A `C: <close>` line is held: the chunk ending now is the client closing the connection in it. */
  get endsWithClientClose(): boolean {
    return this.heldClose !== undefined;
  }

  /**
   * The chunk ends (a reply, the session's end) with a `C: <close>` held: the client closed the connection inside the
   * chunk, short of its declared octets (RFC 3030 §2). That line is returned; undefined otherwise.
   */
  cutByClient(): ClientLine | undefined {
    const held = this.heldClose;
    if (!held) return undefined;
    this.heldClose = undefined;
    this.exchange.cutByClient = true;
    return held;
  }

  /** The chunk ends: a counted size other than the declared one is a problem. */
  close(problems: ParseDiagnostic[]): void {
    const declared = this.exchange.declaredSize;
    if (typeof declared === 'number' && this.count.remaining !== undefined && this.exchange.chunkOctets !== declared) {
      problems.push(bdatSizeMismatch(this.exchange, declared));
    }
  }
}

/** The octets `parts[from, to)` hold in a chunk that runs to the next reply (`BDAT *`): an include's are known at replay. */
export function starChunkOctets(parts: readonly ContentPart[], from: number, to: number): number {
  let count = startChunk('*');
  for (let i = from; i < to; i++) {
    const part = parts[i];
    if (!isInclude(part)) count = countChunkLine(count, sentText(part));
  }
  return count.octets;
}

/** The chunk's octets are those sent: `\{{` goes out as `{{`, `{{$lf}}` as one LF (another reference's value is known only at replay). */
function sentText(line: ClientLine): string {
  return sentLiteralText(line.text);
}
