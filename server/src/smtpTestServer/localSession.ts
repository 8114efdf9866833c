// One connection to the local server: reads commands, BDAT chunks and DATA content with ClientReader, answers with
// the handlers of localCommands.ts, and asks the dialogue core what each command and reply opens (a chunk, content,
// the TLS handshake, the end). Every read is bounded (line length, SIZE, the client's pace); nothing throws out.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import { closesChannel, isAuthDialogue, nextMode, verbOpens, wireCommand, type DialogueMode, type ReplyTarget } from '../dialogue/dialogueState';
import { holdsControlCharacter, isEndOfData, lineOctets, parseBdatArgument, stuffedDots } from '../dialogue/framing';
import { AUTH_PARAMETER_LINE_EXTENSION, SMTP_SIZE_LIMITS } from '../knowledge/limits';
import { ClientReader, type ClientInput } from './clientReader';
import { TurnClock, type ClientPace } from './clientPace';
import { deliverMessage, type DeliveryTarget } from './localDelivery';
import { LOCAL_COMMANDS, type Chunk, type LocalSettings, type Replies, type SessionHandle, type SessionState } from './localCommands';
import { serverTlsHandshake } from './localListener';
import { maskedAuthCommand } from '../model/authLineText';
import { LOCAL_REPLIES, messageEndReplies, replyText, type Reply } from './localReplies';
import { sessionLog, type SessionLog } from './serverLog';
import type { WireTap } from './wireTap';

export interface SessionSetup {
  settings: LocalSettings;
  pace: ClientPace;
  secureContext: SecureContext;
  delivery: DeliveryTarget;
  onLog?: (line: string) => void;
  onTlsFailure?: (failure: TlsFailure) => void;
}

/** A TLS handshake that did not complete: the client (`address:port`), where, and why (localListener.ts). */
export interface TlsFailure {
  client: string;
  mode: 'implicit' | 'starttls';
  problem: string;
}

/** Longest command line read as a command: RFC 5321 §4.5.3.1.4, plus what AUTH= may add (RFC 4954 §3). */
const MAX_COMMAND_OCTETS = SMTP_SIZE_LIMITS.commandLine.octets + AUTH_PARAMETER_LINE_EXTENSION;
/** Commands refused as unknown, malformed or out of sequence before the server gives up on a client (garbage, a
 * TLS handshake on the plain port); refusals of what the client asked for (a rejected recipient) do not count. */
const MAX_ERRORS = 20;
const PROTOCOL_ERRORS: ReadonlySet<number> = new Set([500, 501, 502, 503, 504, 555]);
/** Dropped chunk octets are read in pieces of this size, so an oversized chunk never sits in memory. */
const DROP_PIECE = 64 * 1024;
/** Reads wait on the pace clock, not on a timer of their own. */
const NO_READ_TIMEOUT = 2 ** 31 - 1;

/** What the log shows for AUTH data. */
const SECURED = '/* secured */';

const newSessionId = (): string => randomBytes(6).readUIntBE(0, 6).toString(36);

export class LocalSession implements SessionHandle {
  readonly id = newSessionId();
  state: SessionState = { extended: false };
  secure = false;
  private socket: Socket;
  private reader?: ClientReader;
  private transactions = 0;
  private errors = 0;
  private ended = false;
  private handshaking = false;
  /** `shutdown()` was called: the server, not the client, ends the session. */
  private shuttingDown = false;
  private closedBy?: 'client' | 'server' | 'error';
  private readonly clock: TurnClock;
  private readonly logLine: SessionLog;

  constructor(
    private readonly tcp: Socket,
    private readonly setup: SessionSetup,
    private readonly implicitTls: boolean,
    private readonly tap: WireTap | undefined,
  ) {
    this.socket = tcp;
    this.logLine = sessionLog(setup.onLog, this.id);
    this.clock = new TurnClock(setup.pace, (verdict) => {
      const why = verdict.kind === 'idle' ? 'it sent nothing' : `it sent ${verdict.received} octets`;
      this.logLine('info', `closing: ${why} in ${verdict.elapsedMs} ms, too slowly`);
      this.closeWith(verdict.kind === 'idle' ? LOCAL_REPLIES.idle(this.settings.name) : LOCAL_REPLIES.tooSlow(this.settings.name));
    });
    tcp.on('error', () => (this.closedBy ??= 'error'));
    tcp.on('end', () => (this.closedBy ??= 'client'));
    tcp.once('close', () => {
      this.ended = true;
      this.clock.stop();
      this.logLine('info', 'Connection closed');
      this.tap?.closed(this.closedBy ?? 'client');
    });
  }

  get settings(): LocalSettings {
    return this.setup.settings;
  }

  get remoteAddress(): string {
    // A client on a UNIX-domain socket runs on this host: the loopback address stands for it (HELO's reply, SPF).
    return this.tcp.remoteAddress ?? '127.0.0.1';
  }

  get canStartTls(): boolean {
    return !this.secure && !this.implicitTls;
  }

  readonly ask = async (challenge: string): Promise<string | undefined> => {
    this.send(LOCAL_REPLIES.authChallenge(challenge));
    const input = await this.reader!.readLine(NO_READ_TIMEOUT);
    if (this.ended) return undefined;
    if (!('value' in input)) return this.inputProblem(input);
    this.clock.working();
    this.logLine('debug', `C: ${SECURED}`);
    return input.value;
  };

  log(text: string): void {
    this.logLine('info', text);
  }

  async deliver(content: Buffer): Promise<readonly Reply[]> {
    const { envelope, helo, user, lmtp } = this.state;
    Object.assign(this.state, { envelope: undefined, chunks: undefined });
    if (!envelope) return [LOCAL_REPLIES.badSequence('need MAIL command')];
    const from = { id: `${this.id}-${++this.transactions}`, envelope, secure: this.secure, remoteAddress: this.remoteAddress, helo: helo ?? '' };
    const reply = await deliverMessage(content, user === undefined ? from : { ...from, user }, this.setup.delivery);
    return messageEndReplies(reply, lmtp === true, envelope.recipients);
  }

  messageEnd(reply: Reply): readonly Reply[] {
    return messageEndReplies(reply, this.state.lmtp === true, this.state.envelope?.recipients ?? []);
  }

  async run(): Promise<void> {
    this.logLine('info', `Connection from [${this.remoteAddress}]`);
    if (this.implicitTls && !(await this.upgrade('implicit'))) return;
    this.reader = new ClientReader(this.socket, (chunk) => this.fromClient(chunk));
    this.send(LOCAL_REPLIES.greeting(this.settings.name));
    while (!this.ended) {
      await this.nextCommand();
      // RFC 2920 §3.1: a pipelining client reads its replies. One that does not is not answered into memory: the
      // next command waits until they drain (the pace clock closes a client that never reads).
      if (this.socket.writableNeedDrain) await this.drained();
    }
  }

  private drained(): Promise<void> {
    const socket = this.socket;
    return new Promise((resolve) => {
      const done = (): void => {
        socket.off('drain', done);
        this.tcp.off('close', done);
        resolve();
      };
      socket.once('drain', done);
      this.tcp.once('close', done);
    });
  }

  /** `close()` of the server: `421` to a client still connected, closed within a second. */
  shutdown(): void {
    this.shuttingDown = true;
    if (this.handshaking) this.tcp.destroy();
    else this.closeWith(LOCAL_REPLIES.shuttingDown(this.settings.name));
  }

  private async nextCommand(): Promise<void> {
    const input = await this.reader!.readLine(NO_READ_TIMEOUT);
    if (this.ended) return;
    if (!('value' in input)) return void this.inputProblem(input);
    this.clock.working();
    const line = input.value;
    // As the dialogue core reads a command on the wire: the verb ends at a space or a tab; a blank before it, no command.
    const { word, verb, argument = '' } = wireCommand(line);
    const target: ReplyTarget = { kind: 'command', verb };
    // An AUTH with a blank before it is refused as unknown, and masked all the same: it carries credentials.
    this.logLine('debug', `C: ${isAuthDialogue(target) ? `${word} ${argument.split(' ')[0]} ${SECURED}` : maskedAuthCommand(line)}`);
    if (lineOctets(line) > MAX_COMMAND_OCTETS) return this.answer(LOCAL_REPLIES.lineTooLong, target);
    // Refused before any handler reads it: an address or name with ESC or NUL would reach replies, files and logs.
    if (holdsControlCharacter(line)) return this.answer(LOCAL_REPLIES.controlCharacters, target);
    // RFC 3030 §2: a BDAT chunk follows its command at once and is read whatever the reply will be.
    const bdat = verbOpens(verb) === 'chunk' ? parseBdatArgument(argument) : undefined;
    let chunk: Chunk | undefined;
    if (bdat && typeof bdat.size === 'number') {
      const mode = nextMode('commands', { kind: 'sent', target, bdat });
      chunk = mode === 'chunk' ? await this.readChunk(bdat.size, bdat.last) : { size: 0, last: bdat.last, octets: Buffer.alloc(0) };
      if (!chunk) return;
    }
    const handler = verb && LOCAL_COMMANDS[verb];
    const reply = !verb ? LOCAL_REPLIES.unknownCommand : !handler ? LOCAL_REPLIES.notImplemented(verb) : await handler(this, argument, chunk);
    if (this.ended) return;
    await this.answer(reply, target);
  }

  /** Sends the reply and goes where it opens: content after 354, TLS after 220 to STARTTLS, the end after 221. */
  private async answer(replies: Replies, target: ReplyTarget): Promise<void> {
    const reply = 'code' in replies ? replies : replies[0];
    if ('code' in replies) this.send(replies);
    else for (const each of replies) this.send(each);
    const mode: DialogueMode = nextMode('commands', { kind: 'reply', to: target, code: String(reply.code), reading: 'listed' });
    if (mode === 'content') return this.receiveContent();
    if (mode === 'tls-handshake') return void (await this.upgrade('starttls'));
    if (mode === 'ended' || closesChannel(String(reply.code))) return this.finish('server');
    if (PROTOCOL_ERRORS.has(reply.code) && ++this.errors >= MAX_ERRORS) this.closeWith(LOCAL_REPLIES.tooManyErrors(this.settings.name));
  }

  /**
   * DATA content up to the line holding only a period (RFC 5321 §4.1.1.4), dot-unstuffed (§4.5.2), up to SIZE. Only
   * `<CRLF>.<CRLF>` ends it: a line ending in a bare LF is content (as Postfix's smtpd_forbid_bare_newline=normalize
   * takes it), so `<LF>.<LF>` and its mixes cannot end a message early and smuggle the commands after them.
   */
  private async receiveContent(): Promise<void> {
    const parts: Buffer[] = [];
    let octets = 0;
    // The DATA command's own line ended with the CRLF that may begin the terminator (an empty message).
    let afterCrlf = true;
    for (;;) {
      const input = await this.reader!.readLineOctets(NO_READ_TIMEOUT);
      if (this.ended) return;
      if (!('value' in input)) return void this.inputProblem(input);
      const line = input.value;
      const crlf = line.length >= 2 && line[line.length - 2] === 0x0d;
      const text = line.toString('latin1').replace(/\r?\n$/, '');
      if (afterCrlf && crlf && isEndOfData(text)) break;
      afterCrlf = crlf;
      const kept = line.subarray(stuffedDots(text));
      octets += kept.length;
      if (octets <= this.settings.size) parts.push(kept);
      else parts.length = 0;
    }
    this.clock.working();
    const replies = octets > this.settings.size ? this.messageEnd(LOCAL_REPLIES.tooBig(this.settings.size)) : await this.deliver(Buffer.concat(parts));
    if (octets > this.settings.size) Object.assign(this.state, { envelope: undefined, chunks: undefined });
    if (!this.ended) await this.answer(replies, { kind: 'message' });
  }

  /** The chunk's octets; past what SIZE still allows they are read in pieces and dropped. Undefined: the client is gone. */
  private async readChunk(size: number, last: boolean): Promise<Chunk | undefined> {
    const allowed = this.settings.size - (this.state.chunks?.octets ?? 0);
    if (size <= allowed) {
      const input = await this.reader!.readOctets(size, NO_READ_TIMEOUT);
      if (this.ended) return undefined;
      if (!('value' in input)) return this.inputProblem(input);
      return { size, last, octets: input.value };
    }
    for (let left = size; left > 0; ) {
      const input = await this.reader!.readOctets(Math.min(left, DROP_PIECE), NO_READ_TIMEOUT);
      if (this.ended) return undefined;
      if (!('value' in input)) return this.inputProblem(input);
      left -= input.value.length;
    }
    return { size, last };
  }

  /** TLS at connect (implicit) or after STARTTLS's 220; RFC 3207 §4.2: the client starts again with EHLO. */
  private async upgrade(mode: 'implicit' | 'starttls'): Promise<boolean> {
    // RFC 3207 §5: plain text sent after STARTTLS, before the handshake, is dropped, never read as commands.
    this.reader?.detach();
    this.clock.working();
    this.handshaking = true;
    const handshake = await serverTlsHandshake(this.tcp, this.setup.secureContext, this.setup.pace.commandTimeoutMs);
    this.handshaking = false;
    // A handshake cut short by the server's own shutdown is not the client's failure, nor is a port check's close.
    if ('problem' in handshake && !this.shuttingDown && !handshake.probe) {
      this.logLine('info', `TLS handshake failed: ${handshake.problem}`);
      this.setup.onTlsFailure?.({ client: `${this.remoteAddress}:${this.tcp.remotePort}`, mode, problem: handshake.problem });
    }
    const secure: TLSSocket | undefined = 'secure' in handshake ? handshake.secure : undefined;
    if (!secure || this.ended) {
      this.closedBy ??= 'error';
      this.ended = true;
      this.tcp.destroy();
      return false;
    }
    this.socket = secure;
    this.secure = true;
    // An LMTP session stays one: the client sends LHLO again (RFC 2033 §4.1, RFC 3207 §4.2).
    this.state = { extended: false, ...(this.state.lmtp ? { lmtp: true } : {}) };
    this.reader?.attach(secure);
    const protocol = secure.getProtocol() ?? 'TLS';
    this.logLine('info', `Connection upgraded to ${protocol}`);
    this.tap?.tlsStarted(mode, protocol);
    this.clock.replied();
    return true;
  }

  private send(reply: Reply): void {
    if (this.ended || this.socket.destroyed) return;
    const text = replyText(reply);
    this.logLine('debug', `S: ${text.replace(/\r\n$/, '').replace(/\r\n/g, '\nS: ')}`);
    const bytes = Buffer.from(text, 'utf8');
    this.tap?.fromServer(bytes);
    this.socket.write(bytes);
    this.clock.replied();
  }

  private fromClient(chunk: Buffer): void {
    this.tap?.fromClient(chunk);
    this.clock.received(chunk.length);
  }

  /** The client closed, or sent a line past the reader's cap (its buffer is full: the session cannot go on). */
  private inputProblem(input: Exclude<ClientInput<unknown>, { value: unknown }>): undefined {
    if ('tooLong' in input) this.closeWith(LOCAL_REPLIES.lineOverflow(this.settings.name));
    else this.finish('closed' in input ? 'client' : 'server');
    return undefined;
  }

  private closeWith(reply: Reply): void {
    if (this.ended) return;
    this.send(reply);
    this.finish('server');
  }

  private finish(by: 'client' | 'server'): void {
    if (this.ended) return;
    this.closedBy ??= by;
    this.ended = true;
    this.clock.stop();
    this.socket.end();
    // A client that keeps the connection open after our FIN is not waited for.
    setTimeout(() => this.tcp.destroy(), 1000).unref();
  }
}
