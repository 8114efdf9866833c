// DATA message content as a transcript writes it (RFC 5321 §4.1.1.4): the `C:` lines and includes after the 354, up
// to the `C: .` line. Kept by the session builder while it is open. A `C: <close>` line is held back until what
// follows says what it is: more content makes it a content line; the message ending without `.` makes it the client
// closing the connection inside the content.
import { exchangeRange } from './exchangeRange';
import { replyRange, wholeLineRange } from './lineRanges';
import { dataUnterminated } from './sessionProblems';
import { CLIENT_CLOSE, type ClientLine, type ContentPart, type Include, type MessageExchange, type ParseDiagnostic, type ReplyExpectation } from './types';

export class OpenMessage {
  /** A `C: <close>` line not yet added: nothing but the end of the message has come after it so far. */
  private heldClose?: ClientLine;
  /** The last `C: <close>` line that more content followed: the problem of a message without `.` names it. */
  private closeReadAsContent?: ClientLine;

  /** `opening`: the 354 that opened the content, or the line read as content where the reply to DATA was missing. */
  constructor(
    readonly message: MessageExchange,
    private readonly opening: ReplyExpectation | ClientLine,
  ) {}

  addLine(line: ClientLine): void {
    this.keepCloseAsContent();
    if (line.text === CLIENT_CLOSE) this.heldClose = line;
    else this.addPart(line);
  }

  /** Nothing read into the message yet, nothing held. */
  get isEmpty(): boolean {
    return this.message.parts.length === 0 && !this.heldClose;
  }

  /** Takes content lines read before, as if each had been added (model/reusedContent.ts). */
  adopt(parts: ContentPart[]): MessageExchange {
    this.message.parts = parts;
    return this.message;
  }

  addInclude(include: Include): void {
    this.keepCloseAsContent();
    this.message.parts.push(include);
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
      message.terminator = terminator;
    }
    this.keepOpeningIfEmpty();
    if (terminator) return undefined;
    if (this.heldClose) {
      message.cutByClient = true;
      return this.heldClose;
    }
    problems.push(dataUnterminated(exchangeRange(message), this.closeReadAsContent));
    return undefined;
  }

  /** The content ends with a `C: <close>` line (held back): the message ending now is the client closing in it. */
  get endsWithClientClose(): boolean {
    return this.heldClose !== undefined;
  }

  /** The server ends the connection inside the content: the message stops at the lines read, `<close>` among them. */
  endAtFault(): void {
    this.keepCloseAsContent();
    this.keepOpeningIfEmpty();
  }

  private addPart(line: ClientLine): void {
    this.message.parts.push(line);
  }

  private keepCloseAsContent(): void {
    if (!this.heldClose) return;
    this.addPart(this.heldClose);
    this.closeReadAsContent = this.heldClose;
    this.heldClose = undefined;
  }

  /** A message with no content line and no `.` line has nothing else its range could start at (exchangeRange.ts). */
  private keepOpeningIfEmpty(): void {
    const message = this.message;
    if (message.parts.length > 0 || message.terminator) return;
    message.opening = 'lines' in this.opening ? replyRange(this.opening) : wholeLineRange(this.opening);
  }
}
