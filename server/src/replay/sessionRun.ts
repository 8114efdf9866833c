// Replays one session over one connection: connect, then each group of exchanges (pipelined lines in one write,
// replies read in order), STARTTLS upgrades, and a polite end. Results and the wire log never show a secret.
import type { Exchange, Session, Transcript } from '../model/types';
import type { Connection } from './connection';
import { connectToTarget, planTarget } from './connectTarget';
import { actualTexts, expectedTexts, pendingResult, unwrittenGreeting } from './exchangeResults';
import { matchReply } from './matchReply';
import { outgoingFor, type Outgoing, type OutgoingContext } from './outgoing';
import { errorInfo, type ReplayErrorInfo, type ReplayErrorKind } from './replayError';
import type { ExchangeResult, ReplayEvent, ReplayOptions, ReplayTarget, SessionResult, StepTiming } from './replayTypes';
import type { ActualReply } from './replyReader';
import { SecretSet } from './secretSet';
import type { SessionSettings } from './sessionSettings';
import { SessionScope } from './sessionScope';
import { WireLog } from './wireLog';
import { endPolitely, expectServerClose } from './sessionEnding';
import { ehloKeywords, isHandshake, unmetRequirement } from './ehloRequirements';
import { groupExchanges } from './exchangeGroups';
import { writePieces } from './writePieces';

// Errors found before anything was written: the connection is still in step and can be ended with QUIT.
const CONNECTION_STILL_USABLE: ReadonlySet<ReplayErrorKind> = new Set(['variable', 'include', 'bdat-size', 'transcript']);

export class SessionRun {
  readonly secrets = new SecretSet();
  readonly log: WireLog;
  private readonly scope: SessionScope;
  private readonly results: ExchangeResult[];
  /** Index in `results` of the first exchange (1 when the server's unwritten greeting leads). */
  private readonly offset: number;
  private readonly timings: StepTiming[] = [];
  private readonly started = Date.now();
  private connection?: Connection;
  private target?: ReplayTarget;
  private insecure = false;
  private current?: number;
  private lastReply?: ActualReply;
  private awaitingContent = false;
  private failed = false;
  /** A failed expectation ends the session (unless keepGoing), as does `C: <close>`. */
  private stopped = false;
  private closedByClient = false;
  /** Keywords of the last EHLO reply (RFC 5321 §4.1.1.1), forgotten after STARTTLS. */
  private ehloKeywords = new Set<string>();
  private requirementsChecked = false;
  private skipReason?: string;
  private positions?: Map<Exchange, number>;
  private error?: ReplayErrorInfo;

  constructor(
    transcript: Transcript,
    private readonly session: Session,
    private readonly options: ReplayOptions,
  ) {
    this.scope = new SessionScope(transcript, session, options, this.secrets);
    this.log = new WireLog(this.secrets, (entry) => this.emit({ type: 'wire', session: session.index, entry }));
    this.results = session.exchanges.map(pendingResult);
    const first = session.exchanges[0];
    this.offset = first && first.kind !== 'greeting' ? 1 : 0;
    if (this.offset) this.results.unshift(unwrittenGreeting(first.range.start.line));
  }

  async run(): Promise<SessionResult> {
    this.emit({ type: 'session-start', session: this.session.index, name: this.session.name });
    if (this.session.exchanges.length === 0) return this.result('skipped');
    try {
      this.scope.collectSecrets();
      await this.connect();
      if (this.offset) await this.replayGroup([], true);
      for (const group of groupExchanges(this.session.exchanges)) {
        if (this.stopped || this.unmetRequirements(group[0])) break;
        await this.replayGroup(group, false);
      }
      await this.end();
    } catch (error) {
      await this.recordError(error);
    }
    return this.result();
  }

  private async connect(): Promise<void> {
    const settings = this.settingsAt(this.session.exchanges[0].range.start.line);
    const planned = Date.now();
    const plan = await planTarget(settings, this.options);
    if (plan.mx) this.timings.push({ step: 'dns', ms: Date.now() - planned });
    const extraCaPem = await this.scope.extraCaPem(settings);
    const { connection, target } = await connectToTarget(
      plan,
      { connectTimeoutMs: settings.connectTimeoutMs, log: this.log, signal: this.options.signal, limits: this.options.limits },
      (host) => ({ servername: plan.servername ?? host, extraCaPem, insecure: this.isInsecure(host, plan.port) }),
    );
    this.connection = connection;
    this.target = target;
    this.timings.push({ step: 'connect', ms: connection.timings.connectMs ?? 0 });
    if (connection.tlsInfo) {
      this.timings.push({ step: 'tls', ms: connection.timings.tlsMs ?? 0 });
      this.noteTls();
    }
    this.emit({ type: 'connected', session: this.session.index, target });
  }

  private async replayGroup(group: Exchange[], unwrittenGreeting: boolean): Promise<void> {
    const connection = this.connection!;
    const indexes = unwrittenGreeting ? [0] : group.map((e) => this.position(e));
    const first = group[0];
    if (first?.kind === 'client-close') return this.closeFromClient(indexes[0]);
    const notReady = first ? this.notReadyFor(first) : undefined;
    if (notReady) return void Object.assign(this.results[indexes[0]], { message: notReady });

    // Everything is resolved before the first byte goes out, so a bad variable never leaves a half-sent group.
    const outgoing: Outgoing[] = [];
    const expectations: Map<number, string>[] = [];
    for (const [k, exchange] of group.entries()) {
      this.current = indexes[k];
      outgoing.push(await outgoingFor(exchange, this.outgoingContext()));
      expectations.push(this.expectationTexts(exchange));
    }
    if (first && first.kind !== 'greeting') {
      this.current = indexes[0];
      const timeoutMs = this.settingsAt(first.range.start.line).replyTimeoutMs;
      connection.reader.expect(group.length);
      // RFC 2920 §3.1: the commands of a pipelined group go out together.
      // One write per group: small writes waiting on each other meet Nagle and delayed ACKs (~40 ms each). Large
      // message content still goes in bounded pieces so memory stays flat.
      const shown = outgoing.flatMap((o) => o.shown);
      for (const [i, piece] of writePieces(outgoing.flatMap((o) => o.data)).entries()) await connection.write(piece, i === 0 ? shown : [], timeoutMs);
    }
    const sentAt = Date.now();
    const replies: ActualReply[] = [];
    for (const [k, index] of indexes.entries()) {
      this.current = index;
      const exchange = group[k] as Exchange | undefined;
      const line = exchange?.range.start.line ?? this.results[index].line;
      const reply = await connection.reader.read(this.settingsAt(line).replyTimeoutMs);
      const ms = Date.now() - sentAt;
      this.timings.push({ step: 'reply', line, ms });
      this.recordReply(index, exchange, reply, { outgoing: outgoing[k], expected: expectations[k] ?? new Map(), ms });
      replies.push(reply);
    }
    this.current = undefined;
    await this.afterGroup(group, replies);
  }

  /**
   * `@requires`: checked against the last EHLO reply once the session moves past EHLO and STARTTLS (the keywords
   * offered after TLS may differ, RFC 3207 §4.2). A server without them skips the session, politely.
   */
  private unmetRequirements(next: Exchange): boolean {
    if (this.requirementsChecked || isHandshake(next)) return false;
    this.requirementsChecked = true;
    this.skipReason = unmetRequirement(this.settingsAt(next.range.start.line).requires, this.ehloKeywords);
    if (!this.skipReason) return false;
    this.log.add('info', `session skipped: ${this.skipReason}`);
    this.stopped = true;
    return true;
  }

  /** With keepGoing after a failure, content and AUTH responses are only sent when the server asked for them. */
  private notReadyFor(exchange: Exchange): string | undefined {
    if (exchange.kind === 'message' && !this.awaitingContent) return 'not sent: the server did not answer DATA with 354';
    if (exchange.kind === 'auth-response' && this.lastReply?.code !== '334') return 'not sent: the server sent no 334 challenge';
    return undefined;
  }

  /** The substituted text of each expected line, by file line. */
  private expectationTexts(exchange: Exchange): Map<number, string> {
    const texts = new Map<number, string>();
    for (const line of exchange.reply?.lines ?? []) if (!line.isEllipsis) texts.set(line.line, this.resolve(line.text, line.line));
    return texts;
  }

  private recordReply(
    index: number,
    exchange: Exchange | undefined,
    reply: ActualReply,
    sent: { outgoing?: Outgoing; expected: Map<number, string>; ms: number },
  ): void {
    this.lastReply = reply;
    const result = this.results[index];
    result.sent = (sent.outgoing?.shown ?? []).filter((l) => l.direction === 'C').map((l) => l.text);
    result.actual = actualTexts(reply);
    result.timeMs = sent.ms;
    const expectation = exchange?.reply;
    if (!expectation) {
      Object.assign(result, { status: 'pass', differences: ['the transcript shows no reply here'], message: `got ${result.actual[0]}` });
    } else {
      result.expected = expectedTexts(expectation, sent.expected);
      const mode = this.settingsAt(expectation.range.start.line).match;
      Object.assign(result, matchReply(expectation, reply, mode, (l) => sent.expected.get(l.line) ?? l.text));
    }
    // A reply sent before the command it seems to answer means client and server are out of step (RFC 5321 §4.2);
    // only a 421 shutdown notice may come at any time (RFC 5321 §3.8).
    if (reply.unsolicited && reply.code !== '421') {
      const problem = 'this reply arrived before the client sent anything it could answer (unsolicited)';
      Object.assign(result, { status: 'fail', differences: [problem, ...result.differences], message: `${problem}: ${result.actual[0]}` });
    }
    if (result.status === 'fail') this.failed = true;
    if (this.options.onEvent) this.emit({ type: 'exchange', session: this.session.index, result: this.secrets.maskDeep(result) });
  }

  private async afterGroup(group: Exchange[], replies: ActualReply[]): Promise<void> {
    const replyTo = (verb: string): ActualReply | undefined => {
      const k = group.findIndex((e) => e.kind === 'command' && e.command.verb === verb);
      return k < 0 ? undefined : replies[k];
    };
    if (group.length > 0) this.awaitingContent = replyTo('DATA')?.code === '354';
    const ehlo = replyTo('EHLO');
    if (ehlo?.code.startsWith('2')) this.ehloKeywords = ehloKeywords(ehlo);
    // RFC 3207 §4: after 220 the next bytes are the TLS handshake, whatever the transcript expected.
    if (replyTo('STARTTLS')?.code.startsWith('2')) {
      // A failed handshake is the STARTTLS exchange's error.
      const starttls = group.find((e) => e.kind === 'command' && e.command.verb === 'STARTTLS')!;
      this.current = this.position(starttls);
      const started = Date.now();
      await this.connection!.upgradeToTls();
      this.timings.push({ step: 'tls', line: group[group.length - 1].range.start.line, ms: Date.now() - started });
      this.noteTls();
      this.ehloKeywords = new Set();
      this.current = undefined;
    }
    const failed = group.some((e) => this.results[this.position(e)].status === 'fail');
    if (failed && !this.options.keepGoing) this.stopped = true;
  }

  private closeFromClient(index: number): void {
    this.log.add('info', 'closing the connection (C: <close>)');
    this.connection!.close();
    Object.assign(this.results[index], { status: 'pass', sent: ['<close>'], message: 'closed the connection without QUIT' });
    this.stopped = true;
    this.closedByClient = true;
  }

  private async end(): Promise<void> {
    const connection = this.connection!;
    if (this.closedByClient) return;
    if (this.stopped) return endPolitely(connection, this.log, this.politeness());
    const close = this.session.expectsClose;
    if (!close) return connection.close();
    const result = await expectServerClose(connection, close.line, this.settingsAt(close.line).replyTimeoutMs);
    this.results.push(result);
    if (result.status === 'fail') this.failed = true;
    if (this.options.onEvent) this.emit({ type: 'exchange', session: this.session.index, result: this.secrets.maskDeep(result) });
    connection.close();
  }

  private politeness(): { awaitingContent: boolean; awaitingAuth: boolean; timeoutMs: number } {
    let timeoutMs = 5000;
    try {
      timeoutMs = Math.min(this.settingsAt(this.session.range.end.line + 1).replyTimeoutMs, timeoutMs);
    } catch {
      // A broken @timeout is already reported; the courtesy QUIT uses the default.
    }
    return { awaitingContent: this.awaitingContent, awaitingAuth: this.lastReply?.code === '334', timeoutMs };
  }

  private async recordError(error: unknown): Promise<void> {
    const info = errorInfo(error);
    this.error = info;
    if (this.current !== undefined) Object.assign(this.results[this.current], { status: 'error', error: info, message: info.message });
    this.log.add('info', info.message);
    const connection = this.connection;
    if (!connection) return;
    if (CONNECTION_STILL_USABLE.has(info.kind) && connection.usable) await endPolitely(connection, this.log, this.politeness());
    else connection.destroy();
  }

  private result(status?: SessionResult['status']): SessionResult {
    const result: SessionResult = {
      index: this.session.index,
      line: this.session.range.start.line,
      status: status ?? (this.error ? 'error' : this.failed ? 'fail' : this.skipReason ? 'skipped' : 'pass'),
      exchanges: this.results,
      timings: this.timings,
      wireLog: this.log.entries,
      durationMs: Date.now() - this.started,
    };
    if (this.session.name !== undefined) result.name = this.session.name;
    if (this.skipReason) result.skipReason = this.skipReason;
    if (this.target) result.target = this.target;
    if (this.connection?.tlsInfo) result.tls = this.connection.tlsInfo;
    if (this.insecure) result.insecure = true;
    if (this.error) result.error = this.error;
    const masked = this.secrets.maskDeep(result);
    this.emit({ type: 'session-end', session: this.session.index, result: masked });
    return masked;
  }

  /** TLS is up: if verification was switched off for this target, the result must say so. */
  private noteTls(): void {
    const { host, port } = this.target!;
    if (this.isInsecure(host, port) || this.connection?.tlsInfo?.authorized === false) this.insecure = true;
  }

  private isInsecure(host: string, port: number): boolean {
    const choice = this.options.insecureTls;
    return typeof choice === 'function' ? choice({ host, port }) : choice === true;
  }

  private challenge(): string | undefined {
    return this.lastReply?.code === '334' ? this.lastReply.lines[0].text : undefined;
  }

  private resolve(text: string, line: number): string {
    return this.scope.resolve(text, line, this.challenge());
  }

  private settingsAt(line: number): SessionSettings {
    return this.scope.settingsAt(line);
  }

  private outgoingContext(): OutgoingContext {
    return {
      resolve: (text, line) => this.resolve(text, line),
      addSecret: (value) => this.secrets.add([value]),
      readInclude: (path, line) => this.scope.readFile(path, line),
    };
  }

  /** The exchange's index in `results` (the greeting the file does not show may come first). */
  private position(exchange: Exchange): number {
    if (!this.positions) this.positions = new Map(this.session.exchanges.map((e, i) => [e, i]));
    return this.positions.get(exchange)! + this.offset;
  }

  private emit(event: ReplayEvent): void {
    this.options.onEvent?.(event);
  }
}
