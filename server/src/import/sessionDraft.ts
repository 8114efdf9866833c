// One connection of an import, written as `.smtp` lines while its events arrive. It follows the dialogue as far
// as the format needs (docs/transcript-format.md "Exchanges"): which reply answers which command (pipelining,
// RFC 2920), when message content starts and ends (RFC 5321 §4.1.1.4), when a client line answers a 334 (RFC 4954 §4).
import { closesChannel, isAuthDialogue, listedOpening, replyOpens, verbOpens, wireCommand, type ReplyTarget } from '../dialogue/dialogueState';
import { countChunkLine, chunkComplete, isEndOfData, parseBdatArgument, startChunk, type ChunkCount } from '../dialogue/framing';
import { continuesReply, joinReplyLine, shownInReplyText, splitReplyLine } from '../dialogue/replyLine';
import { sendsFreshChallenges } from '../knowledge/authMechanisms';
import { replyClass } from '../knowledge/replyClasses';
import type { TlsMode } from '../knowledge/tlsModes';
import type { ImportProblem, PendingCommand, RevealedSecret } from './importTypes';
import { LmtpRecipients } from '../dialogue/lmtpRecipients';
import { ClientMadeValues } from './clientMadeValues';
import { credentialReference, literalServerLine, literalText, type AuthProgress, type CredentialReference } from './saslCredentials';
import { commentOutClientLines, pipelinedPastClose, sentAfterEnd, unansweredLine, type Said } from './unansweredLines';
import { commentUnlistedReply } from './unlistedReplies';
import { lineBreaksAsReferences } from '../model/variables';
import { maskedAuthCommand } from '../model/authLineText';
import { CLIENT_CLOSE, SERVER_CLOSED } from '../model/types';

const LINE_BREAK = /[\r\n\u2028\u2029]/; // in a server line: it cannot stand on one transcript line, so it is a comment

export class SessionDraft {
  host?: string;
  port?: number;
  servername?: string; // what its certificate was verified as (`@tls-servername`: record's)
  tls: TlsMode;
  user?: string;
  usesUser = false;
  usesPassword = false;
  usesToken = false;
  /** Secrets the capture revealed: no line of the output may show them. */
  readonly secrets: RevealedSecret[] = [];
  /** The password was sent in a form that does not reveal it (CRAM-MD5's digest, RFC 2195 §2). */
  passwordUnseen = false;
  readonly lines: string[] = [];
  /** QUIT answered, a 421, or the connection closed: a further client line is a new session, or a comment (`sentAfterEnd`). */
  ended = false;
  /** How the session ended, for the comment above what the client sent after. */
  private endedBy?: string;
  private wentOnAfterEnd = false;
  private exchangeLines = 0;
  private greeted = false;
  private readonly pending: PendingCommand[] = [];
  private mode: 'command' | 'content' | 'auth-answer' = 'command';
  private made = new ClientMadeValues();
  private auth?: AuthProgress;
  private challenge = '';
  private contentStart = 0;
  private lastServerLine = -1;
  /** The replies being written answer the commands this draft pairs them with, as the format reads them too. */
  private pairedAsWritten = true;
  private replyOpen = false;
  private orphanReply = false;
  /** The reply being read is the server's own 421, which ends the session (RFC 5321 §3.8). */
  private notice = false;
  /** The BDAT chunk being written: its command's output line and the octets counted against its size. */
  private bdat?: { lineIndex: number; count: ChunkCount };
  private closed = false;
  /** LMTP: replies the last message end still owes its further recipients, one each (RFC 2033 §4.2). */
  private readonly recipients = new LmtpRecipients();
  private furtherReplies = 0;
  private recipientReply = false; // the reply being read is one of those

  constructor(
    private readonly problems: ImportProblem[],
    target: { host?: string; port?: number; servername?: string; tls?: TlsMode } = {},
  ) {
    ({ host: this.host, port: this.port, servername: this.servername } = target);
    this.tls = target.tls ?? 'none';
  }

  get hasExchanges(): boolean {
    return this.exchangeLines > 0;
  }

  /** The handshake before anything was said is implicit TLS; after STARTTLS, the 220 reply already said so. */
  tlsStarted(): void {
    if (!this.greeted && !this.hasExchanges) this.tls = 'implicit';
  }

  note(text: string): void {
    this.lines.push(`# ${text.replace(/[\r\n]+/g, ' ')}`);
  }

  sent(text: string, line: number): void {
    this.furtherReplies = 0;
    this.endOpenReply(line, 'a multi-line reply is cut off by a client line; its last line was made the final one');
    if (this.ended) return this.sentAfterEnd(text, line);
    if (!this.greeted) {
      // RFC 5321 §4.3.1: the server speaks first; some tools do not print its greeting.
      this.writeServer('220 *');
      this.greeted = true;
      this.warn(line, 'info', 'the capture shows no greeting before the first command; "S: 220 *" was added');
    }
    const lastPending = this.pending[this.pending.length - 1];
    if (this.mode === 'command' && lastPending?.target.kind === 'command' && verbOpens(lastPending.target.verb) === 'content') {
      // Client lines after a DATA with no reply yet are its content, as the format reads them; DATA still awaits
      // its reply, and a 3xx then opens content again.
      this.startContent();
      this.warn(line, 'warning', 'DATA has no 354 reply in the capture; the lines after it were read as message content');
    }
    if (this.mode === 'content') return this.contentLine(text);
    if (this.mode === 'auth-answer') return this.authAnswer(text, line);
    if (this.bdat && !this.bdat.count.done) {
      // RFC 3030 §2: the chunk is octets, not commands.
      this.bdat.count = countChunkLine(this.bdat.count, text);
      this.writeClient(literalText(text));
      if (this.bdat.count.done) this.endBdatChunk(line);
      return;
    }
    if (text.trim() === '' || /^\s/.test(text)) {
      // No command starts with a space (RFC 5321 §4.1.1): such a line cannot stand as a `C:` command.
      this.lines.push(`# C: ${lineBreaksAsReferences(maskedAuthCommand(text))}`);
      return this.warn(line, 'warning', 'an empty line or one starting with a space, sent as a command, is kept as a comment, and the reply to it too');
    }
    if (text === CLIENT_CLOSE) {
      // Written as `C: <close>`, the line would close the connection at replay instead of sending `<close>`.
      this.lines.push(`# C: ${text}`);
      return this.warn(line, 'warning', 'the command line "<close>", which a transcript reads as the client closing the connection, is kept as a comment, and the reply to it too');
    }
    const { verb, argument } = wireCommand(text); // as the format splits a command: the verb ends at the first blank
    // BDAT LAST's reply is the message's (an LMTP server's, one per recipient). Only a numeric size frames a chunk
    // here: `BDAT *` is the transcript's own notation, never a capture's.
    const chunk = verbOpens(verb) === 'chunk' && argument !== undefined ? parseBdatArgument(argument) : undefined;
    const target: ReplyTarget = chunk ? { kind: 'bdat', last: chunk.last } : { kind: 'command', verb };
    if (isAuthDialogue(target)) return this.authCommand(text, line, target);
    this.pending.push({ target, at: this.lines.length });
    this.writeClient(literalText(text));
    if (typeof chunk?.size === 'number') this.bdat = { lineIndex: this.lines.length - 1, count: startChunk(chunk.size) };
  }

  received(text: string, line: number): void {
    const reply = LINE_BREAK.test(text) ? undefined : splitReplyLine(text, 'valid');
    if (this.bdat) this.endBdatChunk(line, reply !== undefined && closesChannel(reply.code));
    if (this.mode === 'content' && reply && closesChannel(reply.code)) {
      // The server's own 421 (RFC 5321 §3.8, an idle timeout): it stopped reading the message, which gets no `.`.
      this.note('the server ended the session inside the message content, before the final "."');
      this.mode = 'command';
    }
    if (this.mode === 'content') this.endContent(line, 'a server reply cuts the message content off; "C: ." was added before it');
    if (!reply) {
      // A server that is no SMTP server may send anything: its control characters are written as \xHH, not raw.
      this.lines.push(`# S: ${shownInReplyText(text)}`);
      if (!this.replyOpen) this.warn(line, 'warning', 'a server line without a reply code (2xx-5xx) is kept as a comment');
      return;
    }
    // After the session ended (a 421, the reply to QUIT) nothing the server says answers a command.
    if (!this.replyOpen) {
      // RFC 2033 §4.2: a message end's further recipients are answered before a command pipelined after it (QUIT).
      this.recipientReply = !this.closed && !this.ended && this.furtherReplies > 0;
      if (this.recipientReply) this.furtherReplies--;
      this.orphanReply = !this.recipientReply && (this.closed || this.ended || (this.greeted && this.pending.length === 0));
      // RFC 5321 §3.8: a 421 no command awaits ends the session (an idle timeout, a shutdown): `Session.closingNotice`.
      this.notice = this.orphanReply && !this.closed && !this.ended && closesChannel(reply.code);
    }
    this.replyOpen = continuesReply(reply.separator);
    if (this.notice) {
      this.writeServer(text);
      if (!this.replyOpen) this.endWith(`the server's ${reply.code} ended it, RFC 5321 §3.8`);
      return;
    }
    if (this.orphanReply) {
      this.lines.push(`# S: ${shownInReplyText(text)}`);
      if (!this.replyOpen) this.warn(line, 'warning', 'a reply to no command the capture shows is kept as a comment');
      return;
    }
    // A fresh SASL challenge (CRAM-MD5's) differs in every session: expected as `*`, as the recorder writes it.
    const auth = this.pending[0]?.auth;
    const fresh = auth !== undefined && reply.text.trim() !== '' && listedOpening(reply.code) === 'auth-response' && sendsFreshChallenges(auth.mechanism);
    this.writeServer(fresh ? joinReplyLine({ ...reply, text: '*' }) : text);
    if (!this.replyOpen) this.replyEnded(reply.code, reply.text.trim(), line);
  }

  closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    this.endWith('the server closed the connection');
    // Not in a half-written reply (`finish` ends it). In DATA content, no `.` the client never sent (RFC 5321 §4.1.1.4),
    // in a chunk no size it never sent (RFC 3030 §2); where replies are due, the close stands in their place.
    if (!this.hasExchanges || this.replyOpen || this.mode === 'auth-answer') return;
    if (this.bdat) this.note('the server closed the connection inside the BDAT chunk, short of the octets it declares');
    else if (this.mode === 'content') this.note('the server closed the connection inside the message content, before the final "."');
    else if (this.pending.length > 0) this.note(`the server closed the connection without replying to ${this.pending.length === 1 ? 'the line above' : `the last ${this.pending.length} lines it was sent`}`);
    this.mode = 'command';
    this.bdat = undefined;
    this.lines.push(`S: ${SERVER_CLOSED}`);
  }

  /**
   * The client closed the connection: `C: <close>`, in content too. After the server's 221 or 421 the server closes
   * (RFC 5321 §3.8, §4.1.1.10), which a client leaving on that reply only races: `S: <closed>` whichever came first.
   */
  closedByClient(): void {
    if (this.closed) return;
    if (this.ended) return this.closedByPeer();
    this.closed = true;
    this.ended = true;
    if (this.closeInContent('the client closed the connection')) return;
    // Only where the dialogue is between exchanges: a command still awaiting its reply is the last thing shown.
    if (!this.hasExchanges || this.replyOpen || this.mode !== 'command' || this.pending.length > 0) return;
    this.lines.push('C: <close>');
  }

  /**
   * Makes what the capture left unfinished parse: a message or chunk the client was sending when the capture ends
   * is where the client's side ended (`C: <close>`); one the server replied into gets its `.`; an open reply its last line.
   */
  finish(lastLine: number): void {
    if (!this.closed && this.closeInContent('the capture ends')) {
      this.warn(lastLine, 'warning', 'the capture ends inside message content; written as the client closing the connection there ("C: <close>"), without the final "."');
    }
    if (this.bdat) this.endBdatChunk(lastLine);
    if (this.mode === 'content') this.endContent(lastLine, 'the capture ends inside message content; "C: ." was added');
    this.endOpenReply(lastLine, 'the capture ends inside a multi-line reply; its last line was made the final one');
  }

  /**
   * The client's side ends inside DATA content or a BDAT chunk short of its size: `C: <close>` as the content's last
   * line says so (RFC 5321 §4.1.1.4: without its final `.` the message is not complete, and no server delivers it).
   * False when no content or chunk is open.
   */
  private closeInContent(what: string): boolean {
    const inChunk = this.bdat !== undefined;
    if (this.mode !== 'content' && !inChunk) return false;
    this.note(`${what} inside the ${inChunk ? 'BDAT chunk, short of the octets it declares' : 'message content, without the final "."'}`);
    this.lines.push('C: <close>');
    this.mode = 'command';
    this.bdat = undefined;
    return true;
  }

  private endContent(line: number, message: string): void {
    this.contentLine('.');
    this.warn(line, 'warning', message);
  }

  /**
   * A chunk must hold exactly its declared octets; it may end right after a line's text (RFC 3030 §2). One the
   * capture shows otherwise becomes `BDAT *`, counted at replay, unless the server's own 421 cut it short (an idle
   * timeout, RFC 5321 §3.8): it keeps its size then, and its BDAT awaits no reply.
   */
  private endBdatChunk(line: number, byNotice = false): void {
    const { lineIndex, count } = this.bdat!;
    this.bdat = undefined;
    if (chunkComplete(count)) return;
    if (byNotice) {
      this.pending.pop();
      return this.note('the server ended the session inside the BDAT chunk, short of the octets it declares');
    }
    this.lines[lineIndex] = this.lines[lineIndex].replace(/^(C: BDAT\s+)\d+/i, '$1*');
    this.warn(line, 'warning', 'the BDAT chunk in the capture does not hold the octets its command declares; written as BDAT *, counted at replay');
  }

  /** RFC 5321 §4.2.1: a reply ends with a line whose code is followed by a space; a cut-off one gets one. */
  private endOpenReply(line: number, message: string): void {
    if (!this.replyOpen) return;
    this.replyOpen = false;
    if (this.orphanReply) return;
    const last = this.lines.findLastIndex((l) => l.startsWith('S: '));
    const reply = splitReplyLine(this.lines[last].slice('S: '.length), 'valid')!;
    this.lines[last] = `S: ${joinReplyLine({ ...reply, separator: ' ' })}`;
    this.warn(line, 'warning', message);
    this.replyEnded(reply.code, reply.text.trim(), line);
  }

  /** A further LMTP recipient's reply answers no command; one that closes (421) still ends the session. */
  private replyEnded(code: string, text: string, line: number): void {
    if (!this.recipientReply) this.finalReply(code, text, line);
    else if (closesChannel(code)) this.endWith(`the server's ${code} closes it, RFC 5321 §3.8`);
  }

  private finalReply(code: string, text: string, line: number): void {
    // RFC 5321 §3.8: after a 421, to the greeting or to a command, the server closes.
    if (closesChannel(code)) this.endWith(`the server's ${code} closes it, RFC 5321 §3.8`);
    if (!this.greeted && this.pending.length === 0) {
      this.greeted = true;
      return;
    }
    const command = this.pending.shift();
    if (closesChannel(code) && this.pending.length > 0 && this.pairedAsWritten) this.leftUnanswered(code, line);
    if (!command) return;
    this.furtherReplies = this.recipients.noteReply(command.target, code) - 1;
    this.lastServerLine += commentUnlistedReply(this.lines, this.lastServerLine, command.target, code);
    // As the format reads replies: any 3xx to DATA opens content, any 3xx to AUTH asks for a response; TLS and the end
    // only on the replies the RFCs name (220, 221).
    const opening = replyOpens(command.target, code, 'class');
    if (opening === 'content') {
      this.startContent();
    } else if (opening === 'auth-response' && command.auth) {
      this.mode = 'auth-answer';
      this.auth = command.auth;
      this.challenge = text;
    } else if (command.auth && command.sendsCredentials && /^[45]/.test(code)) {
      this.warn(line, 'warning', `AUTH failed in the capture (${code}); the transcript sends {{password}} from SMTP_PASSWORD, so with the right password a replay gets 235 instead`);
    } else {
      const listed = replyOpens(command.target, code, 'listed');
      if (listed === 'tls-handshake' && this.tls === 'none') this.tls = 'starttls';
      else if (listed === 'end') this.endWith(`QUIT was answered ${code}, RFC 5321 §4.1.1.10`);
    }
  }

  // RFC 5321 §3.8, RFC 2920 §3.1: commands pipelined after the one a 421 answers get no reply, the server closes. They
  // stay where they were sent, as comments: replay and the mock end the session where the server did.
  private leftUnanswered(code: string, line: number): void {
    const from = this.pending[0].at;
    if (this.bdat && this.bdat.lineIndex >= from) this.bdat = undefined;
    this.pending.length = 0;
    this.say(pipelinedPastClose(commentOutClientLines(this.lines, from), code), line);
  }

  private endWith(why: string): void {
    this.ended = true;
    this.endedBy ??= why;
  }

  /** The connection is one session (a recording): what the client sent after it ended stays in it, unanswered. */
  private sentAfterEnd(text: string, line: number): void {
    if (!this.wentOnAfterEnd) this.say(sentAfterEnd(this.endedBy ?? 'it was over'), line);
    this.wentOnAfterEnd = true;
    this.lines.push(unansweredLine(text));
  }

  private say(said: Said, line: number): void {
    this.note(said.note);
    this.warn(line, 'info', said.problem);
  }

  private authCommand(text: string, line: number, target: ReplyTarget): void {
    const parts = /^(\S+)(\s+)(\S+)(?:(\s+)(.*))?$/.exec(text);
    const progress: AuthProgress = { mechanism: (parts?.[3] ?? '').toUpperCase(), messages: 0 };
    if (!parts || parts[5] === undefined) {
      this.pending.push({ target, auth: progress, at: this.lines.length });
      return this.writeClient(literalText(text));
    }
    const reference = credentialReference(progress, parts[5].trim());
    progress.messages = 1;
    this.pending.push({ target, auth: progress, sendsCredentials: this.record(reference, line), at: this.lines.length });
    this.writeClient(`${literalText(parts[1] + parts[2] + parts[3] + parts[4])}${reference.text}`);
  }

  private authAnswer(text: string, line: number): void {
    const progress = this.auth!;
    const reference = credentialReference(progress, text, this.challenge);
    progress.messages++;
    this.mode = 'command';
    this.pending.push({ target: { kind: 'auth-response' }, auth: progress, sendsCredentials: this.record(reference, line), at: this.lines.length });
    this.writeClient(reference.text);
  }

  /** Takes note of what a credential reference needs; true when it sends the password or token. */
  private record(reference: CredentialReference, line: number): boolean {
    if (reference.text.includes('{{user}}')) this.usesUser = true;
    if (reference.user !== undefined) this.user ??= reference.user;
    if (reference.password) this.secrets.push({ value: reference.password, variable: reference.usesToken ? 'token' : 'password' });
    if (reference.usesPassword) this.usesPassword = true;
    if (reference.usesPassword && reference.password === undefined) this.passwordUnseen = true;
    if (reference.usesToken) this.usesToken = true;
    if (reference.problem) this.warn(line, 'warning', reference.problem);
    return Boolean(reference.usesPassword || reference.usesToken);
  }

  private startContent(): void {
    this.mode = 'content';
    this.made = new ClientMadeValues();
    this.contentStart = this.lines.length;
  }

  private contentLine(text: string): void {
    // RFC 5321 §4.1.1.4: the line `.` ends the content; the reply after it is the message's.
    if (isEndOfData(text)) {
      this.mode = 'command';
      this.pending.push({ target: { kind: 'message' }, at: this.contentStart });
      return this.writeClient(text);
    }
    const payload = this.made.payload(text);
    if (payload !== undefined) this.writeClient(payload);
  }

  private writeClient(payload: string): void {
    this.lines.push(payload === '' ? 'C:' : `C: ${payload}`);
    this.exchangeLines++;
  }

  private writeServer(text: string): void {
    if (this.lines.slice(this.lastServerLine + 1).some((line) => line.startsWith('C:'))) {
      // A pipelined group ends here (RFC 2920): the format pairs the replies below with its commands, in order, as
      // this draft does unless a command above the group still awaits one (a capture that interleaves groups).
      this.pairedAsWritten = this.pending.length === 0 || this.pending[0].at > this.lastServerLine;
    }
    // A 3xx changes what the lines after it are (content, an AUTH answer): past one, the pairing is left as it is.
    if (replyClass(text.slice(0, 3))?.severity.severity === 'positive-intermediate') this.pairedAsWritten = false;
    this.lines.push(`S: ${literalServerLine(text)}`);
    this.lastServerLine = this.lines.length - 1;
    this.exchangeLines++;
  }

  private warn(line: number, severity: ImportProblem['severity'], message: string): void {
    this.problems.push({ line: line + 1, severity, message });
  }
}
