// A BDAT chunk as a transcript writes it (RFC 3030 §2): the `C:` lines after `BDAT n` are its octets, counted against
// the declared size, until the size is reached or the next `S:` line. Kept by the session builder while it is open.
import { countChunkLine, CRLF_OCTETS, lineOctets, startChunk, type ChunkCount } from '../dialogue/framing';
import { payloadEndPosition } from './lineRanges';
import { spanRange } from './ranges';
import { bdatSizeMismatch } from './sessionProblems';
import type { BdatExchange, ClientLine, Include, ParseDiagnostic } from './types';
import { CLIENT_CLOSE } from './types';
import { sentLiteralText } from './variables';

export class OpenChunk {
  private count: ChunkCount;

  constructor(readonly exchange: BdatExchange) {
    // Unreadable, the chunk runs to the next reply as `BDAT *` does: its lines are not read as commands.
    this.count = startChunk(exchange.declaredSize ?? '*');
  }

  /** One more line of the chunk; true when the declared size is reached with it. */
  addLine(line: ClientLine): boolean {
    const exchange = this.exchange;
    exchange.parts.push({ kind: 'line', line });
    exchange.range = { start: exchange.range.start, end: payloadEndPosition(line.payload) };
    // The chunk's octets are those sent: `\{{` goes out as `{{`, `{{$lf}}` as one LF (another reference's value is
    // known only at replay).
    this.count = countChunkLine(this.count, sentLiteralText(line.payload.text));
    exchange.chunkOctets = this.count.octets;
    exchange.endsMidLine = this.count.endsMidLine;
    return this.count.done;
  }

  /** A file's octets: their number is known only at replay, so the chunk now runs to the next `S:` line. */
  addInclude(include: Include): void {
    this.exchange.parts.push({ kind: 'include', include });
    this.exchange.range = spanRange(this.exchange.range, include.range);
    this.count = { ...this.count, remaining: undefined };
  }

  /**
   * The chunk ends short of its declared octets with a `C: <close>` line: that line is the client closing the
   * connection inside the chunk, not chunk data. It is taken off the chunk and returned; undefined otherwise.
   */
  cutByClient(): ClientLine | undefined {
    const exchange = this.exchange;
    const parts = exchange.parts;
    const last = parts[parts.length - 1];
    if (this.count.done || this.count.remaining === undefined || last?.kind !== 'line' || last.line.payload.text !== CLIENT_CLOSE) return undefined;
    parts.pop();
    exchange.chunkOctets -= lineOctets(CLIENT_CLOSE) + CRLF_OCTETS;
    exchange.cutByClient = true;
    const before = parts[parts.length - 1];
    const end = before === undefined ? exchange.command.line : before.kind === 'line' ? before.line : undefined;
    exchange.range = { start: exchange.range.start, end: end ? payloadEndPosition(end.payload) : exchange.range.end };
    return last.line;
  }

  /** The chunk ends: a counted size other than the declared one is a problem. */
  close(problems: ParseDiagnostic[]): void {
    const declared = this.exchange.declaredSize;
    if (typeof declared === 'number' && this.count.remaining !== undefined && this.exchange.chunkOctets !== declared) {
      problems.push(bdatSizeMismatch(this.exchange, declared));
    }
  }
}
