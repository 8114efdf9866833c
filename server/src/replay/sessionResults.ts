// The per-exchange results of one session as it runs: what was sent, the reply and how it matched, or the error
// the exchange ended in. Each finished entry is announced (masked) to live listeners.
import { closesChannel } from '../dialogue/dialogueState';
import { SERVER_IDLE_TIMEOUT_MINIMUM_MS } from '../knowledge/limits';
import { SERVER_CLOSED, type Exchange, type ReplyExpectation, type ReplyLine, type Session } from '../model/types';
import { actualTexts, expectedTexts, pendingResult, recipientReplyResults, unwrittenGreeting, type ReplyVerdict } from './exchangeResults';
import { matchReply, type MatchMode } from './matchReply';
import type { Outgoing, ShownLine } from './outgoing';
import type { ReplayErrorInfo } from './replayError';
import type { ExchangeResult, ReplacementLine } from './replayTypes';
import { replyLineText, type ActualReply, type ActualReplyLine, type CloseOutcome } from './replyReader';
import { replacementLines } from './replyReplacement';
import { exchangeEnd, exchangeStartLine } from '../model/exchangeRange';
import { everyReply } from '../model/exchangeReplies';

export interface ReplyCheck {
  /** The substituted text of each expected line, by file line; undefined when every line stands for itself. */
  expected: Map<number, string> | undefined;
  mode: MatchMode;
  ms: number;
}

const lineText = (line: ReplyLine): string => line.text;
const lineNumber = (line: ReplyLine): number => line.line;
const serverLine = (line: ActualReplyLine): ReplacementLine => ({ text: replyLineText(line), fromServer: true });
const isSent = (line: ShownLine): boolean => line.direction === 'C';
const shownText = (line: ShownLine): string => line.text;

// The parsed transcript does not change while it replays: a session replayed many times (load mode) indexes its
// exchanges once.
const positionsBySession = new WeakMap<Session, Map<Exchange, number>>();

function exchangePositions(session: Session): Map<Exchange, number> {
  let positions = positionsBySession.get(session);
  if (!positions) positionsBySession.set(session, (positions = new Map(session.exchanges.map((e, i) => [e, i]))));
  return positions;
}

export class SessionResults {
  readonly entries: ExchangeResult[];
  /** Index of the first exchange (1 when the server's greeting, which the file does not show, leads). */
  readonly offset: number;
  failed = false;
  private positions?: Map<Exchange, number>;
  private readonly notes = new Map<number, string[]>();

  constructor(
    private readonly session: Session,
    private readonly announce: (result: ExchangeResult) => void,
  ) {
    this.entries = session.exchanges.map(pendingResult);
    const first = session.exchanges[0];
    this.offset = first && first.kind !== 'greeting' ? 1 : 0;
    if (this.offset) this.entries.unshift(unwrittenGreeting(exchangeStartLine(first)));
  }

  /** The exchange's index (the greeting the file does not show may come first). */
  position(exchange: Exchange): number {
    this.positions ??= exchangePositions(this.session);
    return this.positions.get(exchange)! + this.offset;
  }

  /**
   * The indexes of a group's exchanges, `count` consecutive ones from the session's exchange `first` (a group is a
   * run of consecutive exchanges, exchangeGroups.ts): counted, not looked up exchange by exchange.
   */
  groupPositions(first: number, count: number): number[] {
    const positions = new Array<number>(count);
    for (let k = 0; k < count; k++) positions[k] = first + k + this.offset;
    return positions;
  }

  /** The index of the exchange whose lines hold `line` (an error found before connecting). */
  exchangeAt(line: number | undefined): number | undefined {
    if (line === undefined) return undefined;
    const k = this.session.exchanges.findIndex((e) => exchangeStartLine(e) <= line && line <= exchangeEnd(e).line);
    return k < 0 ? undefined : k + this.offset;
  }

  /** A note joins the exchange's differences when its reply is recorded. */
  note(index: number, text: string): void {
    this.notes.set(index, [...(this.notes.get(index) ?? []), text]);
  }

  /** Recorded before the bytes go: a reply that never comes still shows what it answered. */
  sent(index: number, outgoing: Outgoing): void {
    // Sized at once: no array grown line by line (most often every shown line was sent).
    const shown = outgoing.shown;
    this.entries[index].sent = (shown.every(isSent) ? shown : shown.filter(isSent)).map(shownText);
  }

  /**
   * Content the connection is closed in: by the client (`C: <close>` next), or by the server after the lines written
   * (`S: <closed>` next, checked as the session ends). Sent as written, and no reply awaited.
   */
  cutContent(index: number, exchange: Exchange): void {
    const result = this.entries[index];
    result.status = 'pass';
    if (exchange.kind === 'bdat') {
      const then = exchange.closedByServer ? 'the transcript expects the server to close the connection here' : 'then closed the connection (C: <close>)';
      result.message = `sent ${exchange.chunkOctets} of the ${String(exchange.declaredSize)} octets the chunk declares, ${then}: the message is incomplete, and no reply is awaited`;
    } else if (exchange.kind === 'message' && exchange.closedByServer) {
      result.message = 'sent the content written, without the final `.`: the transcript expects the server to close the connection here, and no reply is awaited';
    } else {
      result.message = 'sent the content without the final `.`, then closed the connection (C: <close>): the message is incomplete, and no reply is awaited';
    }
    // Shown as a note: a row that passed otherwise says only what it sent.
    result.differences = [result.message];
    this.show(index);
  }

  /** No reply came, and none is written: the server closed the connection, as the `S: <closed>` after it expects. */
  closedInPlaceOfReply(index: number): void {
    const result = this.entries[index];
    result.status = 'pass';
    result.actual = [SERVER_CLOSED];
    result.message = 'the server closed the connection without a reply, as the transcript expects (no reply written, then S: <closed>)';
    result.differences = [result.message];
    this.show(index);
  }

  /**
   * LMTP (RFC 2033 §4.2): the replies to a message's end after the first (recorded by `reply`), one per further
   * recipient the server accepted, each matched to the transcript's reply in that place; the row shows them all.
   */
  recipientReplies(index: number, exchange: Exchange, first: ActualReply, further: readonly ActualReply[], check: ReplyCheck): void {
    const result = this.entries[index];
    const expected = exchange.recipientReplies ?? [];
    const texts = check.expected;
    const substitute = texts ? (l: ReplyLine): string => texts.get(l.line) ?? l.text : lineText;
    result.timeMs = check.ms;
    result.actual = [first, ...further].flatMap(actualTexts);
    const written = everyReply(exchange);
    result.expected = written.flatMap((reply) => expectedTexts(reply, texts));
    result.expectedLines = written.flatMap((reply) => reply.lines.map(lineNumber));
    const problems: string[] = [];
    // Each recipient's reply judged on its own, the first by `reply`; one the server or the transcript lacks fails.
    const verdicts: ReplyVerdict[] = [result.status === 'fail' ? { status: 'fail', message: result.message } : { status: 'pass' }];
    const answered = further.length === 0 ? 'once' : `for ${further.length + 1} accepted recipients`;
    const miscount = `the server answered the end of the message ${answered} (RFC 2033 §4.2); the transcript writes ${expected.length + 1} ${expected.length === 0 ? 'reply' : 'replies'} there`;
    further.forEach((reply, i) => {
      if (!expected[i]) return void verdicts.push({ status: 'fail', message: miscount });
      const match = matchReply(expected[i], reply, check.mode, substitute);
      const which = `recipient ${i + 2}`;
      if (match.status === 'fail') {
        verdicts.push({ status: 'fail', message: `${which}: ${match.message}` });
        problems.push(`${which}: ${match.message}`);
      } else {
        verdicts.push({ status: 'pass' });
        for (const difference of match.differences) result.differences.push(`${which}: ${difference}`);
      }
    });
    while (verdicts.length < written.length) verdicts.push({ status: 'fail', message: miscount });
    result.recipientReplies = recipientReplyResults(verdicts, written, [first, ...further]);
    if (further.length !== expected.length) problems.push(miscount);
    if (problems.length === 0 && result.status !== 'fail') return;
    if (result.status !== 'fail') result.message = problems[0];
    result.status = 'fail';
    for (const problem of problems) result.differences.push(problem);
    // What --update writes in place of all the replies: each kept where it still matches, the server's elsewhere.
    const replaced = (reply: ActualReply, i: number): ReplacementLine[] => (expected[i] ? replacementLines(expected[i], reply, substitute) : reply.lines.map(serverLine));
    const firstLines = exchange.reply ? replacementLines(exchange.reply, first, substitute) : first.lines.map(serverLine);
    result.replacementLines = [firstLines, ...further.map(replaced)].flat();
    this.failed = true;
  }

  reply(index: number, exchange: Exchange | undefined, reply: ActualReply, check: ReplyCheck): void {
    const result = this.entries[index];
    result.actual = actualTexts(reply);
    result.timeMs = check.ms;
    const expectation = exchange?.reply;
    // Fields set one by one: an Object.assign of a new object per reply was the costlier way to the same entry.
    if (!expectation) {
      result.status = 'pass';
      result.differences = ['the transcript shows no reply here'];
      result.message = `got ${result.actual[0]}`;
    } else judged(result, expectation, reply, check);
    // A reply sent before the command it seems to answer means client and server are out of step (RFC 5321 §4.2);
    // only a 421 shutdown notice may come at any time (RFC 5321 §3.8).
    if (reply.unsolicited && !closesChannel(reply.code)) {
      const problem = 'this reply arrived before the client sent anything it could answer (unsolicited)';
      Object.assign(result, { status: 'fail', differences: [problem, ...result.differences], message: `${problem}: ${result.actual[0]}` });
    }
    const notes = this.notes.get(index);
    if (notes) for (const added of notes) result.differences.push(added);
    if (result.status === 'fail') this.failed = true;
  }

  /**
   * The exchange a failure happened in gets the error; its line is the error's unless the error names another
   * (an include, an `S:` line), which the message then says. Later exchanges of its group that were sent too
   * say why they have no reply.
   */
  error(index: number, info: ReplayErrorInfo, group: readonly number[]): void {
    const result = this.entries[index];
    info.line ??= result.line;
    const message = info.line === result.line ? info.message : `line ${info.line + 1}: ${info.message}`;
    Object.assign(result, { status: 'error', error: info, message });
    this.show(index);
    for (const later of group) {
      const entry = this.entries[later];
      if (later > index && entry.status === 'skipped' && entry.sent.length > 0) entry.message = 'sent, but the session ended before its reply';
    }
  }

  /**
   * The 421 the transcript expects the server to send unasked (`Session.closingNotice`, RFC 5321 §3.8): compared as
   * any reply is, when it came.
   */
  notice(expectation: ReplyExpectation, outcome: CloseOutcome, check: ReplyCheck, timeoutMs: number): void {
    const line = expectation.lines[0].line;
    const expectedLines = expectation.lines.map((l) => l.line);
    const result: ExchangeResult = { kind: 'notice', line, status: 'fail', sent: [], expected: expectedTexts(expectation), actual: [], differences: [], message: '', timeMs: check.ms, expectedLines, insertAfterLine: line - 1 };
    if ('reply' in outcome) {
      result.actual = actualTexts(outcome.reply);
      judged(result, expectation, outcome.reply, check);
    } else {
      // An idle timeout's 421 comes only after the server's own timeout, which the wait may be shorter than.
      result.message =
        'closed' in outcome
          ? 'the server closed the connection without the reply expected here'
          : `the server sent nothing for ${timeoutMs} ms, where a reply of its own is expected; a server times a silent client out only after its own idle timeout (${SERVER_IDLE_TIMEOUT_MINIMUM_MS / 60_000} minutes at least, RFC 5321 §4.5.3.2.7; Postfix's smtpd_timeout is 300s by default): set @timeout longer than it`;
      result.differences = [result.message];
    }
    this.add(result);
  }

  add(result: ExchangeResult): void {
    this.entries.push(result);
    if (result.status === 'fail') this.failed = true;
    this.show(this.entries.length - 1);
  }

  /** Tells live listeners the exchange is done. */
  show(index: number): void {
    this.announce(this.entries[index]);
  }
}

/** `result` judged against the expectation: status, differences, message, and what `--update` would write instead. */
function judged(result: ExchangeResult, expectation: ReplyExpectation, reply: ActualReply, check: ReplyCheck): void {
  // Without substitutions the expected texts are those of the pending entry already.
  const texts = check.expected;
  if (texts) result.expected = expectedTexts(expectation, texts);
  const substitute = texts ? (l: ReplyLine): string => texts.get(l.line) ?? l.text : lineText;
  const match = matchReply(expectation, reply, check.mode, substitute);
  result.status = match.status;
  result.differences = match.differences;
  result.message = match.message;
  if (result.status === 'fail') result.replacementLines = replacementLines(expectation, reply, substitute);
}
