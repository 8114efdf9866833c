// DATA message content as a transcript writes it (RFC 5321 §4.1.1.4): the `C:` lines and includes after the 354, up
// to the `C: .` line. Kept by the session builder while it is open. A `C: <close>` line is held back until what
// follows says what it is: more content makes it a content line; the message ending without `.` makes it the client
// closing the connection inside the content.
import { payloadEndPosition } from './lineRanges';
import { sentLineRange } from './keptRanges';
import { dataUnterminated } from './sessionProblems';
import { CLIENT_CLOSE, type ClientLine, type Include, type MessageExchange, type ParseDiagnostic } from './types';

export class OpenMessage {
  /** The last part so far (undefined while the message has one or none): its end is the message's. */
  private last?: ClientLine | Include;
  /** A `C: <close>` line not yet added: nothing but the end of the message has come after it so far. */
  private heldClose?: ClientLine;
  /** The last `C: <close>` line that more content followed: the problem of a message without `.` names it. */
  private closeReadAsContent?: ClientLine;

  constructor(readonly message: MessageExchange) {}

  addLine(line: ClientLine): void {
    this.keepCloseAsContent();
    if (line.payload.text === CLIENT_CLOSE) this.heldClose = line;
    else this.addPart(line);
  }

  addInclude(include: Include): void {
    this.keepCloseAsContent();
    this.extend(include);
    this.message.parts.push({ kind: 'include', include });
  }

  /**
   * The message ends: with its `C: .` line, or (undefined) at a reply or the session's end. Returns the `C: <close>`
   * line when the client closed the connection inside the content (RFC 5321 §4.1.1.4: without the final `.` the
   * message is abandoned); a message otherwise left without `.` is a problem.
   */
  end(terminator: ClientLine | undefined, problems: ParseDiagnostic[]): ClientLine | undefined {
    const message = this.message;
    if (terminator) {
      this.keepCloseAsContent();
      this.extend(terminator);
      message.terminator = terminator;
    }
    this.closeRange();
    if (terminator) return undefined;
    if (this.heldClose) {
      message.cutByClient = true;
      return this.heldClose;
    }
    problems.push(dataUnterminated(message.range, this.closeReadAsContent));
    return undefined;
  }

  /** The server ends the connection inside the content: the message stops at the lines read, `<close>` among them. */
  endAtFault(): void {
    this.keepCloseAsContent();
    this.closeRange();
  }

  private addPart(line: ClientLine): void {
    this.extend(line);
    this.message.parts.push({ kind: 'line', line });
  }

  private keepCloseAsContent(): void {
    if (!this.heldClose) return;
    this.addPart(this.heldClose);
    this.closeReadAsContent = this.heldClose;
    this.heldClose = undefined;
  }

  /**
   * A message's range starts at its first content line, not at the 354 that opened it. Where it ends is noted per
   * part and the range built once, in `closeRange`: not a new range for each of its lines.
   */
  private extend(part: ClientLine | Include): void {
    const message = this.message;
    if (message.parts.length === 0) {
      message.range = 'payload' in part ? sentLineRange(part) : part.range;
      this.last = undefined;
    } else this.last = part;
  }

  private closeRange(): void {
    const last = this.last;
    if (last) this.message.range = { start: this.message.range.start, end: 'payload' in last ? payloadEndPosition(last.payload) : last.range.end };
    this.last = undefined;
  }
}
