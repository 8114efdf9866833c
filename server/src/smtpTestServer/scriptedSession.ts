// One session of a transcript played from the server's side over one connection: the `S:` lines are sent as written,
// each `C:` line is what the client must send. The first deviation is answered with a 554 naming the transcript
// line, then the connection closes; nothing waits forever and no secret is shown.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { closesChannel, isAuthDialogue, listedOpening, replyOpens } from '../dialogue/dialogueState';
import { GREETING_REPLY_CODES } from '../knowledge/replyCodes';
import { startsTlsHandshake } from '../knowledge/tlsModes';
import { capturedDefinition, matchClientLine, shownExpectation, takeCaptures, type CapturingLine } from '../model/clientLinePattern';
import { targetOf } from '../model/dialogueEvents';
import { MASK, maskSecrets } from '../model/secrets';
import { parseDuration } from '../settings/settingValues';
import type { AuthResponseExchange, ClientLine, CommandExchange, Exchange, ServerMarker, Session, Transcript } from '../model/types';
import { sharedDefinitionsAt, resolveText } from '../model/variables';
import { ClientReader, describeLineLimit, lineLimitFor, MAX_CLIENT_LINE, type ClientInput } from './clientReader';
import { authData, isAuthCommand, maskAuth } from '../model/authLineText';
import { credentialsDiffer } from './authCredentials';
import { authStepAt } from '../model/authSteps';
import { keywordsFor, offersPipelining } from './scriptedEhlo';
import { checkSentAhead } from './scriptedPipelining';
import { isHelloVerb } from '../dialogue/helloName';
import { bareLfReply, deviationReply, timeoutReply, fixedReplyLines, recipientReplyLines, refusedCaptureReply, replyLines, SHUTTING_DOWN_REPLY } from './scriptedReplies';
import { refusedCapture } from './capturedValues';
import { serverMarkerText } from '../model/pendingMarkers';
import { playDelays, resetConnection, writeReply } from './faultPlay';
import { greetingTurn, sendClosingNotice, waitOutDelay, writeWatched } from './serverTurn';
import { MessageJudge, type MessageVerdict } from './messageVerdict';
import { startImplicitTls, startTlsAfter220 } from './scriptedTls';
import { closedProblem, expectChunk, expectClientClose, expectContent, type ContentPlay } from './scriptedContent';
import type { PlayedSession, PlayOptions, WireEntry } from './scriptedPlayTypes';
import { exchangeStartLine } from '../model/exchangeRange';
import { answerWord } from '../mailauth/enforcement';
import { listsExtensions } from '../knowledge/verbs';

export type { Deviation, PlayedSession, PlayOptions, WireEntry } from './scriptedPlayTypes';

/**
 * Ends the play at the first deviation or transcript problem; caught in `playSession`. One instance, thrown again
 * and again: a new Error per session would capture a stack trace each time for nothing.
 */
class Stop extends Error {}
const STOP = new Stop('the play stopped');

const DEFAULT_GREETING = `${GREETING_REPLY_CODES.success[0]} localhost ESMTP smtp-transcript mock`;

/** `socket`: the TCP connection; with `options.implicitTls` the play starts TLS on it first. */
export async function playSession(socket: Socket, transcript: Transcript, session: Session, options: PlayOptions): Promise<PlayedSession> {
  const play = new SessionPlay(socket, transcript, session, options);
  return play.run();
}

class SessionPlay implements ContentPlay {
  readonly reader: ClientReader;
  private readonly captured = new Map<string, string>();
  private readonly secrets = new Set<string>();
  private readonly started = Date.now();
  private readonly result: PlayedSession;
  /** The text of the last 334 sent: the challenge a CRAM-MD5 answer is computed from. */
  private challenge?: string;
  /** The last reply sent was 334: the client's next line is AUTH data (RFC 4954 §4). */
  private awaitingAuthAnswer = false;
  /** The TCP connection itself, under any TLS layer: what `<reset>` resets. */
  private readonly tcp: Socket;
  /** A `<cut>` reply went out: the connection ends after it. */
  private cut = false;
  /** The exchange played last: content the client is to drop the connection in, before `C: <close>`. */
  private previous?: Exchange;
  /** The server is stopping (`PlayOptions.stop`): what ends the session now is not the client's doing. */
  private stopped = false;
  /** A TLS handshake is under way: no plain reply can go out. */
  private handshaking = false;
  /** The last EHLO reply sent offered PIPELINING (RFC 2920 §3); HELO and TLS forget it (RFC 3207 §4.2). */
  private pipeliningOffered = false;
  readonly judge?: MessageJudge;

  constructor(
    private socket: Socket,
    private readonly transcript: Transcript,
    private readonly session: Session,
    private readonly options: PlayOptions,
  ) {
    this.reader = new ClientReader(socket);
    this.tcp = socket;
    this.result = { session: session.index, status: 'pass', tls: 'none', log: [], durationMs: 0 };
    if (session.name !== undefined) this.result.name = session.name;
    if (options.authentication) this.judge = new MessageJudge(options.authentication, socket.remoteAddress ?? '127.0.0.1');
    socket.on('error', () => undefined);
  }

  async run(): Promise<PlayedSession> {
    const onStop = (): void => this.stop();
    this.options.stop?.addEventListener('abort', onStop, { once: true });
    if (this.options.stop?.aborted) this.stop();
    try {
      if (this.options.implicitTls) await this.startImplicitTls();
      const exchanges = this.session.exchanges;
      // `S: <silence>` or `S: <reset>` as the first line: the greeting never comes.
      if (exchanges[0]?.kind !== 'greeting' && exchanges.length > 0) this.send([DEFAULT_GREETING]);
      for (const [index, exchange] of exchanges.entries()) {
        await this.play(exchange, index);
        this.previous = exchange;
      }
      await this.finish();
    } catch (error) {
      if (!(error instanceof Stop)) {
        this.result.status = 'error';
        this.result.error = { line: this.session.range.start.line, message: `internal error: ${(error as Error).message}` };
        this.socket.destroy();
      }
    }
    this.options.stop?.removeEventListener('abort', onStop);
    this.result.durationMs = Date.now() - this.started;
    return this.result;
  }

  private async play(exchange: Exchange, index: number): Promise<void> {
    switch (exchange.kind) {
      case 'greeting':
        // RFC 5321 §3.1: a client talking first (a "pregreet") is caught while a `<delay>` holds the greeting back
        // (and while a `<drip>` sends it, in `reply`).
        if (exchange.reply?.markers?.some((m) => m.name === 'delay')) await waitOutDelay(this, exchange.reply.markers, greetingTurn(exchangeStartLine(exchange)));
        break;
      case 'command': {
        const auth = isAuthDialogue(targetOf(exchange));
        await this.expectLine(exchange.command.line, true, auth, exchange);
        break;
      }
      case 'auth-response':
        await this.expectLine(exchange.line, false, true, exchange);
        break;
      case 'message':
        await expectContent(this, exchange);
        break;
      case 'bdat':
        await expectChunk(this, exchange);
        break;
      case 'client-close':
        await expectClientClose(this, this.previous, exchange.line.line);
        this.socket.destroy();
        throw STOP;
    }
    if (exchange.kind !== 'greeting') checkSentAhead(this, this.session.exchanges, index, this.pipeliningOffered);
    if (this.judge && (exchange.kind === 'message' || (exchange.kind === 'bdat' && exchange.last))) await this.judgeMessage(exchange);
    const code = await this.reply(exchange, exchange.kind === 'greeting');
    // RFC 3207 §4: after 220 to STARTTLS the handshake; RFC 5321 §4.1.1.10: after 221 to QUIT, and §3.8 after a 421,
    // the server closes.
    const opens = replyOpens(targetOf(exchange), code, 'listed');
    if (opens === 'tls-handshake') await this.startTls(exchangeStartLine(exchange));
    if (opens === 'end' || closesChannel(code)) {
      // The session's own ending still applies: `<delay>` above `<closed>`, or `<reset>` instead of a clean close.
      if (this.session.fault) await this.endWithFault(this.session.fault);
      else await this.delayEnding(this.session.expectsClose?.before);
      this.socket.end();
      throw STOP;
    }
  }

  /** The verdict on the message just received, noted in the log; a finding fails the session, which plays on. */
  private async judgeMessage(exchange: Exchange): Promise<void> {
    if (!this.judge || !exchange.reply) return;
    const lines = replyLines(exchange.reply, targetOf(exchange), (text, line) => this.resolve(text, line).text);
    const line = exchange.reply.lines[0].line;
    // A resolver that fails (real DNS) costs the verdict, not the session.
    const verdict = await this.judge.judge(lines, line).catch((error: Error): MessageVerdict => ({ line, summary: `the checks could not run: ${error.message}` }));
    (this.result.messages ??= []).push(verdict);
    this.note('info', `authentication: ${verdict.summary}`);
    if (verdict.refusal) this.note('info', `a strict receiver ${answerWord(verdict.refusal) === 'deferred' ? 'defers' : 'refuses'} it: ${verdict.refusal}`);
    if (verdict.finding) {
      this.note('info', verdict.finding);
      if (this.result.status === 'pass') this.result.status = 'fail';
    }
  }

  /** Sends the exchange's expected reply; returns its code (undefined when the file shows none). */
  private async reply(exchange: Exchange, greeting: boolean): Promise<string | undefined> {
    if (!exchange.reply) return undefined;
    const reply = exchange.reply;
    const resolve = (text: string, line: number): string => this.resolve(text, line).text;
    const lines = fixedReplyLines(reply, () => replyLines(reply, targetOf(exchange), resolve, keywordsFor(this.session.exchanges, exchange)));
    if (lines.length === 0) return undefined;
    const code = lines[lines.length - 1].slice(0, 3);
    const verb = exchange.kind === 'command' ? exchange.command.verb : undefined;
    if (verb !== undefined && isHelloVerb(verb) && code.startsWith('2')) this.pipeliningOffered = listsExtensions(verb) && offersPipelining(lines);
    // RFC 4954 §4: a 334 carries the challenge, and the client's next line is AUTH data.
    this.awaitingAuthAnswer = listedOpening(code) === 'auth-response';
    if (this.awaitingAuthAnswer) this.challenge = lines[0].slice(4);
    // LMTP: the message end's replies for its further recipients follow its first, in the same write (RFC 2033 §4.2).
    const sent = exchange.recipientReplies ? [...lines, ...recipientReplyLines(exchange, exchange.recipientReplies, resolve)] : lines;
    const markers = exchange.reply.markers;
    if (!markers) {
      this.send(sent);
      return code;
    }
    for (const marker of markers) this.note('info', `${serverMarkerText(marker)}`);
    for (const line of sent) this.note('S', line);
    const wire = sent.map((l) => `${l}\r\n`).join('');
    const written = greeting ? await writeWatched(this, this.socket, wire, markers, greetingTurn(exchangeStartLine(exchange))) : await writeReply(this.socket, wire, markers);
    if (written.cut) {
      this.note('info', `the reply was cut after ${written.octets} octets`);
      this.cut = true;
    }
    return code;
  }

  private send(lines: readonly string[]): void {
    for (const line of lines) this.note('S', line);
    if (!this.socket.destroyed) this.socket.write(lines.map((l) => `${l}\r\n`).join(''));
  }

  /** Reads one line and compares it with a `C:` line of `exchange`; `secret`: AUTH data, never shown. */
  private async expectLine(line: ClientLine, command: boolean, expectSecret: boolean, exchange: CommandExchange | AuthResponseExchange): Promise<void> {
    const expected = this.expectation(line, expectSecret);
    const actual = await this.readLine(line.line, expected, expectSecret);
    // What the client sent is credentials when it is AUTH or answers our 334, whatever the transcript expected there.
    const secret = expectSecret || (command && isAuthCommand(actual)) || this.awaitingAuthAnswer;
    const data = secret ? (command ? authData(actual) : actual) : undefined;
    // RFC 4954 §4: `*` cancels and `=` is an empty response; neither is worth masking other text for.
    if (data && data !== '*' && data !== '=') this.secrets.add(data);
    this.note('C', secret ? maskAuth(actual, command) : actual);
    if (command && !secret) this.judge?.noteCommand(actual);
    const match = matchClientLine(expected, actual, command);
    if (!match.matches) {
      const shown = expectSecret ? maskAuth(shownExpectation(expected), command) : shownExpectation(expected);
      // Credentials are masked on both sides: for PLAIN, LOGIN and CRAM-MD5 the problem says which part differs.
      const credentials = secret ? credentialsDiffer(authStepAt(this.session, exchange), (command ? authData(expected.text) : expected.text) ?? '', data ?? '') : undefined;
      this.deviate(line.line, shown, secret ? maskAuth(actual, command) : actual, match.problem ?? credentials ?? `the client sent something other than line ${line.line + 1}`);
    }
    const refused = refusedCapture(match.captured);
    if (refused) this.deviate(line.line, shownExpectation(expected), secret ? maskAuth(actual, command) : actual, refused, refusedCaptureReply(line.line));
    this.capture(match.captured);
  }

  expectation(line: ClientLine, secret: boolean): CapturingLine {
    const capturing = takeCaptures(line.text);
    const resolved = this.resolve(capturing.text, line.line);
    const data = secret ? (line.text.trimStart().toUpperCase().startsWith('AUTH') ? authData(resolved.text) : resolved.text) : undefined;
    if (data && data !== '*' && data !== '=') this.secrets.add(data);
    return { text: resolved.text, names: capturing.names };
  }

  async readLine(line: number, expected: CapturingLine | undefined, secret: boolean): Promise<string> {
    const limit = lineLimitFor(expected?.text);
    const input = await this.reader.readLine(this.timeoutAt(line), limit);
    if ('value' in input) {
      // A client expecting implicit TLS starts a handshake where a command belongs: said so, not shown as bytes.
      if (!(this.socket instanceof TLSSocket) && startsTlsHandshake(Buffer.from(input.value.slice(0, 2), 'latin1'))) {
        const expectedText = expected ? (secret ? MASK : shownExpectation(expected)) : '';
        this.deviate(line, expectedText, '(a TLS handshake)', 'the client began a TLS handshake on this plain port: it expects implicit TLS (give the mock --tls-port and connect the client there)', false);
      }
      // A server that takes a bare LF as a line end is open to SMTP smuggling (`<LF>.<LF>` ending DATA early): a
      // client must not send one (RFC 5321 §2.3.8), and the mock exists to find out.
      if (input.bareLf) {
        const expectedText = expected ? (secret ? MASK : shownExpectation(expected)) : '';
        this.deviate(line, expectedText, secret ? MASK : input.value, 'the client ended this line with a bare LF, not CRLF (RFC 5321 §2.3.8: a client sends CR and LF only together, as the line end)', bareLfReply(line));
      }
      return input.value;
    }
    const shown = expected ? (secret ? MASK : shownExpectation(expected)) : '';
    this.inputProblem(input, line, shown, limit);
  }

  inputProblem(input: Exclude<ClientInput<unknown>, { value: unknown }>, line: number, expected: string, limit = MAX_CLIENT_LINE): never {
    if ('closed' in input) this.deviate(line, expected, '(the client closed the connection)', closedProblem(expected), false);
    if ('timedOut' in input) this.deviate(line, expected, '(nothing)', `the client sent nothing for ${this.timeoutAt(line)} ms`, timeoutReply(line, this.timeoutAt(line)));
    const most = describeLineLimit(limit);
    this.deviate(line, expected, `(a line longer than ${most})`, `the client sent a line longer than ${most}`);
  }

  private async startTls(line: number): Promise<void> {
    this.handshaking = true;
    this.socket = await startTlsAfter220(this, this.socket, this.options.secureContext, line).finally(() => (this.handshaking = false));
    this.pipeliningOffered = false;
    this.result.tls = 'starttls';
  }

  private async startImplicitTls(): Promise<void> {
    this.result.tls = 'implicit';
    const first = this.session.exchanges[0];
    const line = first ? exchangeStartLine(first) : this.session.range.start.line;
    this.handshaking = true;
    this.socket = await startImplicitTls(this, this.socket, this.options.secureContext, line).finally(() => (this.handshaking = false));
  }

  /** After the last exchange: `S: <closed>` closes; otherwise the client should close or say nothing more. */
  private async finish(): Promise<void> {
    const notice = this.session.closingNotice;
    const last = this.session.exchanges[this.session.exchanges.length - 1];
    if (notice && !this.socket.writableEnded && !this.cut) await sendClosingNotice(this, this.socket, notice, last?.kind === 'message' && last.closedByServer);
    const fault = this.session.fault;
    if (fault) return this.endWithFault(fault);
    if (notice || this.session.expectsClose || this.socket.writableEnded || this.cut) {
      await this.delayEnding(this.session.expectsClose?.before);
      this.socket.end();
      return;
    }
    const input = await this.reader.readLine(this.options.timeoutMs);
    if ('value' in input) {
      this.note('C', input.value);
      this.deviate(this.session.range.end.line, '(the end of the session)', input.value, 'the client sent more than the transcript holds');
    }
    this.socket.end();
  }

  /** `<reset>`: a TCP RST. `<silence>`: nothing more, until the client gives up (a pass) or the timeout (a deviation). */
  private async endWithFault(fault: NonNullable<Session['fault']>): Promise<void> {
    await this.delayEnding(fault.before);
    const { marker } = fault;
    this.note('info', serverMarkerText(marker));
    if (marker.name === 'reset') return resetConnection(this.tcp);
    const timeout = this.timeoutAt(marker.line);
    if (!(await this.reader.waitForClose(timeout))) {
      this.deviate(marker.line, '(the client gives up and closes the connection)', '(the connection stayed open)', `the client still waited after ${timeout} ms of silence`, false);
    }
    this.note('info', 'the client closed the connection');
    this.socket.destroy();
  }

  /** The `<delay>` markers above `<closed>`, `<reset>` or `<silence>`, noted in the log. */
  private async delayEnding(markers: readonly ServerMarker[] | undefined): Promise<void> {
    for (const marker of markers ?? []) this.note('info', serverMarkerText(marker));
    await playDelays(this.socket, markers);
  }

  /** Records the deviation, tells the client (unless it is gone; `answer`: a reply of its own) and ends the play. */
  deviate(line: number, expected: string, actual: string, message: string, answer: boolean | string = true): never {
    if (this.stopped) {
      // The connection ended because the server stopped: the client is not blamed for it.
      this.result.status = 'fail';
      this.result.deviation = { line, expected: this.mask(expected), actual: '(the server was stopped)', message: 'the mock server was stopped while this session was playing: the client had followed the transcript up to this line' };
      throw STOP;
    }
    this.result.status = 'fail';
    this.result.deviation = { line, expected: this.mask(expected), actual: this.mask(actual), message: this.mask(message) };
    if (answer !== false && !this.socket.destroyed) this.send([typeof answer === 'string' ? answer : deviationReply(line, this.result.deviation.expected)]);
    this.socket.end();
    throw STOP;
  }

  /**
   * The server stops with this session still playing: `421` (RFC 5321 §3.8, a server shutting down) where a reply may
   * go, then the connection ends; a client that does not close it is cut off after a second.
   */
  private stop(): void {
    this.stopped = true;
    if (this.handshaking) return void this.tcp.destroy();
    if (!this.socket.writableEnded) this.send([SHUTTING_DOWN_REPLY]);
    this.socket.end();
    setTimeout(() => this.tcp.destroy(), 1000).unref();
  }

  resolve(text: string, line: number): { text: string; secrets: string[] } {
    const shared = sharedDefinitionsAt(this.transcript, this.session, line);
    // Captured values join a copy; without any, the shared scope is read as it is.
    let definitions = shared;
    if (this.captured.size > 0) {
      const withCaptured = new Map(shared);
      for (const [name, value] of this.captured) withCaptured.set(name, capturedDefinition(name, value, line));
      definitions = withCaptured;
    }
    const resolved = resolveText(text, { definitions, env: this.options.env, challenge: this.challenge });
    for (const value of resolved.secrets) this.secrets.add(value);
    if (resolved.errors.length > 0) {
      this.result.status = 'error';
      this.result.error = { line, message: resolved.errors.join('; ') };
      if (!this.socket.destroyed) this.send([`451 4.3.0 smtp-transcript mock: line ${line + 1} of the transcript cannot be resolved`]);
      this.socket.end();
      throw STOP;
    }
    return resolved;
  }

  timeoutAt(line: number): number {
    const value = sharedDefinitionsAt(this.transcript, this.session, line).get('timeout')?.value.text;
    return (value && parseDuration(value)) || this.options.timeoutMs;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  readInclude(path: string, line: number): Promise<Buffer> {
    return this.options.readInclude(path, line);
  }

  capture(captured: Iterable<[string, string]>): void {
    for (const [name, value] of captured) this.captured.set(name, value);
  }

  private mask(text: string): string {
    return this.secrets.size === 0 ? text : maskSecrets(text, [...this.secrets]);
  }

  note(direction: WireEntry['direction'], text: string): void {
    const entry = { direction, text: this.mask(text) };
    this.result.log.push(entry);
    this.options.onLog?.(entry);
  }
}
