// Groups one session's client and server lines into exchanges. The grouping follows the replies the transcript
// expects: a 354 to DATA opens message content, a 334 during AUTH makes the next C: line a response.
// Replies go to the commands of their pipelined group in order (RFC 2920); a group that got fewer replies than it has
// commands keeps the gap to itself: the next group's replies never answer an earlier group, unless the next group
// has one reply too many and every reply fits read one exchange late (a client that did not wait, replyPairing.ts).
import { closesChannel, listedOpening, replyOpens, verbOpens, type DialogueMode } from '../dialogue/dialogueState';
import { continuesReply } from '../dialogue/replyLine';
import { isEndOfData } from '../dialogue/framing';
import { targetOf } from './dialogueEvents';
import { parseCommand } from './parseCommand';
import { parseServerMarker } from './parseServerMarker';
import { PendingMarkers, reportMisplacedMarker, serverMarkerText } from './pendingMarkers';
import { SERVER_MARKERS } from '../knowledge/serverFaults';
import { LmtpDelivery } from './lmtpDelivery';
import { argumentRange, payloadEnd, replyRange, wholeLineRange } from './lineRanges';
import { exchangeRange } from './exchangeRange';
import { bdatExchange, OpenChunk } from './transcriptChunk';
import { OpenMessage } from './openMessage';
import { replyExpectation } from './replyExpectation';
import { bdatSizeUnreadable, dataReplyMissing, includeOutsideContent, lineAfterClose, replyUnterminated, replyWithoutCommand, replyAfterClientClose } from './sessionProblems';
import { PendingExchanges } from './pendingExchanges';
import { groupLacksReplies, groupMembers, markAnsweredByClose, settleGroupReplies, takeLateReply, takeReplyTarget } from './replyPairing';
import { isInclude } from './contentParts';
import { CLIENT_CLOSE, SERVER_CLOSED, type BdatExchange, type ClientLine, type Command, type ContentPart, type Directive, type Exchange, type Include } from './types';
import type { MessageExchange, ParseDiagnostic, Range, ReplyExpectation, ReplyLine, Session } from './types';

type Mode = Extract<DialogueMode, 'commands' | 'auth-response' | 'content' | 'chunk'>;

// Every exchange is made with its `reply` (and a message with its `terminator`) as undefined: a key set later would
// give each exchange a second shape and an out-of-object property store, which lint then reads on every walk.
// No reply is open: one shared empty list (frozen: a reply's first line starts a list of its own, never pushed here).
const NO_REPLY_LINES: ReplyLine[] = Object.freeze([]) as unknown as ReplyLine[];

export class SessionBuilder {
  readonly session: Session;
  private readonly pending = new PendingExchanges();
  private replyLines: ReplyLine[] = NO_REPLY_LINES;
  private mode: Mode = 'commands';
  private message?: OpenMessage;
  private bdat?: OpenChunk;
  private group = -1;
  private replySinceSend = true;
  /** Where the connection ended (`<closed>`, `<reset>`, `<silence>`, a `<cut>` reply); `ending`: a marker may still say how. */
  private ended?: { line: number; what: string; ending: boolean };
  /** `<delay>`, `<drip>`, `<cut>` waiting for the reply (or, for `<delay>`, the ending) below them. */
  private readonly pendingMarkers: PendingMarkers;
  /** Where the session's last line so far ends: the session's range is made once, in `finish`. */
  private sessionEndLine: number;
  private sessionEndCharacter: number;
  /** Continues a session from a checkpoint (`resumedAt`): exchanges came before, so no reply is the greeting. */
  private resumed = false;
  /** LMTP: a message's end takes a reply per accepted recipient (RFC 2033 §4.2); a checkpoint keeps `speaksLmtp`. */
  readonly lmtp = new LmtpDelivery();

  constructor(
    index: number,
    start: Range,
    private readonly problems: ParseDiagnostic[],
    separator?: Session['separator'],
    name?: string,
  ) {
    this.session = { index, name, separator, range: start, directives: [], exchanges: [] };
    this.pendingMarkers = new PendingMarkers(problems);
    this.sessionEndLine = start.end.line;
    this.sessionEndCharacter = start.end.character;
  }

  /**
   * A builder that continues a session at a quiet point (see `quietGroup`), in pipelined group `group`: what it
   * builds from there is what the session's builder would, since nothing before that point can change any more.
   */
  static resumedAt(index: number, start: Range, problems: ParseDiagnostic[], group: number, lmtp: boolean): SessionBuilder {
    const builder = new SessionBuilder(index, start, problems);
    builder.group = group;
    builder.resumed = true;
    builder.lmtp.recipients.speaksLmtp = lmtp;
    return builder;
  }


  /**
   * The current pipelined group when nothing is pending (no open reply, content, chunk, AUTH dialogue or marker,
   * every exchange of the group answered, the connection open): a `C:` line here starts a new group that no later
   * line can pair with anything above. Undefined elsewhere.
   */
  quietGroup(): number | undefined {
    if (this.mode !== 'commands' || !this.replySinceSend || this.replyLines.length > 0 || !this.pending.isEmpty) return undefined;
    if (this.ended !== undefined || this.pendingMarkers.waiting() || (this.session.exchanges.length === 0 && !this.resumed)) return undefined;
    return groupLacksReplies(this.session.exchanges, this.group) ? undefined : this.group;
  }

  /**
   * The kind of content whose first line is next, DATA content or a `BDAT *` chunk, nothing held or pending around it:
   * what content taken whole can stand for (reusedContent.ts). Undefined elsewhere.
   */
  awaitedContent(): 'message' | 'bdat' | undefined {
    const open = this.mode === 'content' ? this.message : this.mode === 'chunk' ? this.bdat : undefined;
    if (!open?.isEmpty || this.ended || this.pendingMarkers.waiting() || this.replyLines.length > 0) return undefined;
    return this.mode === 'content' ? 'message' : 'bdat';
  }

  /** The awaited content takes `parts` read before (a chunk's `octets` of them); the session ends at its last part so far. */
  adoptContent(parts: ContentPart[], octets: number): MessageExchange | BdatExchange {
    const content = this.mode === 'content' ? this.message!.adopt(parts) : this.bdat!.adopt(parts, octets);
    const last = parts[parts.length - 1];
    if (isInclude(last)) this.extendSession(last.range.end.line, last.range.end.character);
    else this.extendSession(last.line, payloadEnd(last));
    return content;
  }

  addDirective(directive: Directive): void {
    this.session.directives.push(directive);
    this.extendSession(directive.range.end.line, directive.range.end.character);
  }

  addClientLine(line: ClientLine): void {
    this.lmtp.clear();
    this.extendSession(line.line, payloadEnd(line));
    this.warnAfterClose(line);
    this.endPartialReply();
    this.pendingMarkers.drop('a `C:` line follows');
    // A `C: <close>` held in a chunk that more follows is chunk data; when it completes the chunk, this line is not.
    if (this.mode === 'chunk' && this.bdat!.releaseHeldClose()) this.endChunk();
    if (this.mode === 'commands' && this.lastPendingIsUnansweredData()) this.startMessage(line, true);
    if (this.mode === 'content') return this.addContentLine(line);
    if (this.mode === 'chunk') return this.addChunkLine(line);
    if (this.mode === 'auth-response') {
      this.mode = 'commands';
      return this.open({ kind: 'auth-response', line, pipelineGroup: this.nextGroup(), reply: undefined });
    }
    if (line.text === CLIENT_CLOSE) return this.openClientClose(line);
    const command = parseCommand(line, this.problems);
    if (command.verbText === '') {
      // Reported by parseCommand. It stays an exchange (the editor completes the verb there) but awaits no reply: the
      // `S:` lines below belong to the commands around it.
      this.session.exchanges.push({ kind: 'command', command, pipelineGroup: this.nextGroup(), reply: undefined });
      return;
    }
    this.addCommand(command);
  }

  addInclude(include: Include): void {
    this.lmtp.clear();
    this.extendSession(include.range.end.line, include.range.end.character);
    this.pendingMarkers.drop('an include follows');
    if (this.mode === 'chunk' && this.bdat!.releaseHeldClose()) this.endChunk();
    if (this.mode === 'content' && this.message) {
      this.message.addInclude(include);
    } else if (this.mode === 'chunk' && this.bdat) {
      this.bdat.addInclude(include);
    } else {
      this.problems.push(includeOutsideContent(include.range));
    }
  }

  addServerLine(line: ReplyLine): void {
    this.extendSession(line.line, payloadEnd(line.payload));
    const text = line.payload.text;
    if (text !== SERVER_CLOSED && text.startsWith('<')) return this.addServerMarker(line);
    const closed = text === SERVER_CLOSED;
    this.warnAfterClose(line, closed);
    if (this.mode === 'content' || this.mode === 'chunk') {
      // `<closed>`, or the server's own 421 (RFC 5321 §3.8): it stopped reading the message (a `BDAT *` chunk is whole
      // there: its size is what is written). After a `C: <close>` that ends it, the client closed first.
      const content = this.mode === 'content';
      const closes = (closed || closesChannel(line.code)) && (content || typeof this.bdat!.exchange.declaredSize === 'number');
      if (closes && !(content ? this.message! : this.bdat!).endsWithClientClose) this.endContentAtClose();
      else if (content) this.endMessage(undefined);
      else this.endChunk();
    }
    this.replySinceSend = true;
    if (closed) {
      this.endPartialReply();
      // What still awaits a reply gets none: the server closes instead (kept pending: a reply written after the
      // close still pairs with it, and is reported as a line after the close).
      this.pending.forEach(markAnsweredByClose);
      const before = this.pendingMarkers.takeBeforeEnding(text);
      this.session.expectsClose = { line: line.line, range: wholeLineRange(line), ...(before.length > 0 ? { before } : {}) };
      this.ended = { line: line.line, what: '`S: <closed>`', ending: false };
      return;
    }
    if (this.replyLines.length === 0) this.replyLines = [line];
    else this.replyLines.push(line);
    if (!continuesReply(line.separator)) this.completeReply(false);
  }

  finish(): Session {
    const { start, end } = this.session.range;
    if (end.line !== this.sessionEndLine || end.character !== this.sessionEndCharacter) {
      this.session.range = { start, end: { line: this.sessionEndLine, character: this.sessionEndCharacter } };
    }
    this.endPartialReply();
    this.pendingMarkers.drop('nothing follows it in the session');
    if (this.mode === 'content') this.endMessage(undefined);
    if (this.mode === 'chunk') this.endChunk();
    this.closeGroup();
    return this.session;
  }

  private addCommand(command: Command): void {
    if (verbOpens(command.verb) !== 'chunk') {
      this.open({ kind: 'command', command, pipelineGroup: this.nextGroup(), reply: undefined });
      return;
    }
    const exchange = bdatExchange(command, this.nextGroup());
    const declaredSize = exchange.declaredSize;
    this.session.exchanges.push(exchange);
    if (typeof declaredSize === 'number' && declaredSize === 0) return void this.pending.push(exchange);
    // Unreadable, its lines are still not read as commands (one finding).
    if (declaredSize === undefined) this.problems.push(bdatSizeUnreadable(argumentRange(command)));
    this.bdat = new OpenChunk(exchange);
    this.mode = 'chunk';
  }

  private addChunkLine(line: ClientLine): void {
    if (this.bdat!.addLine(line)) this.endChunk();
  }

  private endChunk(): void {
    const chunk = this.bdat!;
    this.bdat = undefined;
    this.mode = 'commands';
    // RFC 3030 §2: a chunk short of its declared octets whose last line is `C: <close>`: the client drops the
    // connection inside the chunk.
    const close = chunk.cutByClient();
    if (close) return this.openClientClose(close);
    chunk.close(this.problems);
    this.pending.push(chunk.exchange);
  }

  /** `opening`: the 354 that opens the content, or its first line when the reply to DATA is missing. */
  private startMessage(opening: ReplyExpectation | ClientLine, replyMissing: boolean): void {
    if (replyMissing) this.problems.push(dataReplyMissing(exchangeRange(this.pending.last()!)));
    const message: MessageExchange = { kind: 'message', parts: [], pipelineGroup: this.nextGroup(), terminator: undefined, reply: undefined };
    this.message = new OpenMessage(message, opening);
    this.session.exchanges.push(message);
    this.mode = 'content';
  }

  private addContentLine(line: ClientLine): void {
    if (isEndOfData(line.text)) return this.endMessage(line);
    this.message!.addLine(line);
  }

  private endMessage(terminator: ClientLine | undefined): void {
    const open = this.message!;
    this.message = undefined;
    this.mode = 'commands';
    const close = open.end(terminator, this.problems);
    // The client closed the connection inside the content: the message awaits no reply, the close follows it.
    if (close) return this.openClientClose(close);
    this.pending.push(open.message);
  }

  private openClientClose(line: ClientLine): void {
    this.open({ kind: 'client-close', line, pipelineGroup: this.nextGroup(), reply: undefined });
  }

  private completeReply(unterminated: boolean): void {
    // The reply keeps a list as long as it is (a list grown by push keeps spare room); most replies are one line.
    const lines = this.replyLines.length === 1 ? this.replyLines : this.replyLines.slice();
    this.replyLines = NO_REPLY_LINES;
    const reply = replyExpectation(lines, unterminated);
    const markers = this.pendingMarkers.takeForReply();
    if (markers) {
      reply.markers = markers;
      const cut = reply.markers.find((m) => m.name === 'cut');
      if (cut) this.ended = { line: lines[lines.length - 1].line, what: `\`S: ${serverMarkerText(cut)}\` above it`, ending: true };
    }
    // LMTP: the replies to a message's end come one per accepted recipient, before any command sent after it.
    if (this.lmtp.takesAwaited(reply)) return;
    const target = takeReplyTarget(this.pending, reply);
    if (target?.kind === 'client-close') return void this.problems.push(replyAfterClientClose(replyRange(reply), target.line.line));
    if (target) {
      target.reply = reply;
      this.lmtp.answered(target, reply);
      return this.afterReply(target, reply);
    }
    // More replies than recipients: still the message's (lint compares the count with its recipients).
    if (this.lmtp.takesSurplus(reply)) return;
    if (this.session.exchanges.length === 0 && !this.resumed) {
      this.session.exchanges.push({ kind: 'greeting', reply, pipelineGroup: -1 });
      return;
    }
    const current = groupMembers(this.session.exchanges, this.group);
    if (this.group > 0 && takeLateReply(groupMembers(this.session.exchanges, this.group - 1), current, reply)) {
      return this.afterReply(current[current.length - 1], reply);
    }
    // RFC 5321 §3.8: a 421 may come unasked, as the server closes (its idle timeout, a shutdown); nothing follows it.
    if (closesChannel(reply.code) && !this.session.closingNotice) {
      this.session.closingNotice = reply;
      this.ended = { line: reply.lines[0].line, what: "the server's `421`", ending: true };
      return;
    }
    this.problems.push(replyWithoutCommand(replyRange(reply)));
    // A 354 whose DATA was left out still opens what follows as content: the message is not read as commands.
    if (listedOpening(reply.code) === 'content') this.startMessage(reply, false);
  }

  private afterReply(exchange: Exchange, reply: ReplyExpectation): void {
    // As the format reads replies: any 3xx to DATA opens content, any 3xx in an AUTH dialogue asks for a response.
    const opening = replyOpens(targetOf(exchange), reply.code, 'class');
    if (opening === 'content') this.startMessage(reply, false);
    else if (opening === 'auth-response') this.mode = 'auth-response';
  }

  private endPartialReply(): void {
    if (this.replyLines.length === 0) return;
    this.problems.push(replyUnterminated(this.replyLines));
    this.completeReply(true);
  }

  private lastPendingIsUnansweredData(): boolean {
    const last = this.pending.last();
    return last?.kind === 'command' && verbOpens(last.command.verb) === 'content' && !last.reply;
  }

  private open(exchange: Exchange): void {
    this.session.exchanges.push(exchange);
    this.pending.push(exchange);
  }

  private nextGroup(): number {
    if (this.replySinceSend) {
      this.closeGroup();
      this.group++;
    }
    this.replySinceSend = false;
    return this.group;
  }

  /** The current group is complete: what got no reply keeps none (the reply-missing lint rule reports it there). */
  private closeGroup(): void {
    this.pending.clear();
    if (this.group < 0 || !groupLacksReplies(this.session.exchanges, this.group)) return;
    settleGroupReplies(groupMembers(this.session.exchanges, this.group));
  }

  /** `ending`: the line is `<closed>`, `<reset>` or `<silence>`, which may still follow a `<cut>` reply. */
  private warnAfterClose(line: ClientLine | ReplyLine, ending = false): void {
    if (this.ended === undefined || (ending && this.ended.ending)) return;
    this.problems.push(lineAfterClose(wholeLineRange(line), this.ended));
    this.ended = undefined;
  }

  /** `S: <delay 2s>` and the like (knowledge/serverFaults.ts): kept for the reply below, or ending the connection. */
  private addServerMarker(line: ReplyLine): void {
    const marker = parseServerMarker(line, this.problems);
    if (!marker) return;
    (this.session.serverMarkers ??= []).push(marker);
    const spec = SERVER_MARKERS[marker.name];
    const ending = spec.placement === 'ending';
    // Where an ending may still follow (after a `<cut>` reply or the server's own 421), so may a `<delay>` before it.
    this.warnAfterClose(line, ending || spec.placement === 'next');
    const misplaced = (why: string): void => reportMisplacedMarker(this.problems, marker, why);
    if (this.replyLines.length > 0 && this.replyLines[this.replyLines.length - 1].separator === '-') {
      return misplaced('it cannot stand inside a multi-line reply: write it above the reply\'s first line');
    }
    if (this.mode === 'chunk') return misplaced('it cannot stand inside a BDAT chunk, whose octets are counted');
    if (this.mode === 'content' && !spec.inContent) {
      return misplaced('inside DATA content only `<delay>`, `<reset>`, `<silence>` and `<closed>` can stand (the server acts after reading the lines above)');
    }
    if (!ending) return this.pendingMarkers.add(marker);
    if (this.mode === 'content') this.endMessageAtFault();
    this.endPartialReply();
    const text = serverMarkerText(marker);
    this.session.fault = { marker, before: this.pendingMarkers.takeBeforeEnding(text) };
    this.ended = { line: line.line, what: `\`S: ${text}\``, ending: false };
  }

  /** The server ends the connection inside DATA content: the message stops at the lines read, with no `.` line. */
  private endMessageAtFault(): void {
    this.message!.endAtFault();
    this.pending.push(this.message!.message);
    this.message = undefined;
    this.mode = 'commands';
  }

  /**
   * `S: <closed>` (or a 421) inside DATA content or a BDAT chunk: the server closes the connection after reading what is
   * written above it. The message stops there: no `.` or octets are missing, and no reply is awaited.
   */
  private endContentAtClose(): void {
    if (this.message) {
      this.message.endAtFault();
      this.message.message.closedByServer = true;
    } else this.bdat!.exchange.closedByServer = true;
    this.message = undefined;
    this.bdat = undefined;
    this.mode = 'commands';
  }

  /** The session's range is built once, in `finish`: it ends where its last line does (content taken whole: its last). */
  private extendSession(line: number, character: number): void {
    this.sessionEndLine = line;
    this.sessionEndCharacter = character;
  }
}

