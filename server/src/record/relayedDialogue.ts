// What the recording proxy follows of the dialogue it relays (it records nothing itself): the client's commands as
// the format reads them (content, AUTH answers and BDAT chunks apart), the final replies owed for them, whether QUIT
// was sent, and which reply answers STARTTLS, so that TLS is terminated exactly there (RFC 3207 §4). Of each line
// only its start is kept: a client may send a line of any length, and it is still one line.
import { commandLineVerb, replyOpens, verbOpens, type ReplyTarget } from '../dialogue/dialogueState';
import { continuesReply, splitReplyLine } from '../dialogue/replyLine';
import { ClientLines, FOLLOWED_LINE_OCTETS, LineSplitter } from './wireLines';

/** What a piece of the server's bytes ended: a final reply line, or the 220 that accepts STARTTLS. */
export type ServerLineEnd = 'final' | 'starttls-accepted';

export class RelayedDialogue {
  private readonly client = new ClientLines('follow');
  private readonly server = new LineSplitter(FOLLOWED_LINE_OCTETS);
  /** Counts down the final replies up to the one answering STARTTLS. */
  private untilStarttlsReply?: number;
  private starttls?: ReplyTarget;
  private quit = false;

  /** Final replies the client is still owed: the greeting, then one per command, AUTH answer, `.` and BDAT. */
  get owed(): number {
    return this.client.owed;
  }

  /** The client asked to end the session (QUIT, RFC 5321 §4.1.1.10). */
  get quitSent(): boolean {
    return this.quit;
  }

  clientSent(bytes: Buffer): void {
    // Counted line by line: a command pipelined after STARTTLS is not among the replies up to STARTTLS's.
    let owed = this.client.owed;
    for (const line of this.client.push(bytes)) {
      if (line.kind !== 'command') continue;
      owed++;
      const verb = commandLineVerb(line.text);
      if (verbOpens(verb) === 'end') this.quit = true;
      if (verbOpens(verb) === 'tls-handshake') {
        this.untilStarttlsReply = owed;
        this.starttls = { kind: 'command', verb };
      }
    }
  }

  /** `piece`: the server's bytes up to and with one LF (or the start of a line); what it ended, if anything. */
  serverSent(piece: Buffer): ServerLineEnd | undefined {
    let ended: ServerLineEnd | undefined;
    for (const text of this.server.push(piece)) ended = this.replyLine(text);
    return ended;
  }

  private replyLine(text: string): ServerLineEnd | undefined {
    const reply = splitReplyLine(text, 'wire');
    if (!reply || continuesReply(reply.separator)) return undefined;
    this.client.replyEnded(reply.code);
    if (this.untilStarttlsReply === undefined) return 'final';
    this.untilStarttlsReply--;
    if (this.untilStarttlsReply > 0) return 'final';
    this.untilStarttlsReply = undefined;
    return replyOpens(this.starttls!, reply.code, 'listed') === 'tls-handshake' ? 'starttls-accepted' : 'final';
  }
}
