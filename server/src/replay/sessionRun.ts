// Replays one session over one connection: check everything the file needs, connect, then each group of exchanges
// (pipelined lines in one write, replies read in order), STARTTLS upgrades, and a polite end. Results and the wire
// log never show a secret.
import { replyOpens, type ReplyTarget } from '../dialogue/dialogueState';
import { contentCutAt, isStarttlsCommand } from '../model/dialogueEvents';
import type { Exchange, ReplyLine, Session, Transcript } from '../model/types';
import type { Connection } from './connection';
import { connectToTarget, planTarget } from './connectTarget';
import type { OutgoingContext } from './outgoing';
import { errorInfo, locatedErrorText, type ReplayErrorInfo, leavesConnectionInStep } from './replayError';
import type { ReplayEvent, ReplayOptions, ReplayTarget, SessionResult, StepTiming } from './replayTypes';
import type { ActualReply } from './replyReader';
import { SecretSet } from './secretSet';
import type { SessionSettings } from './sessionSettings';
import { needsResolving, SessionScope } from './sessionScope';
import { WireLog, type WireLogEntry } from './wireLog';
import { endPolitely, expectServerClose } from './sessionEnding';
import { isHandshake, ServerExtensions } from './ehloRequirements';
import { groupLandmarks } from './exchangeGroups';
import { GroupFlow } from './groupFlow';
import { checkBeforeConnecting, type Preflight } from './sessionPreflight';
import { mockScriptReason } from './mockScripts';
import { SessionResults } from './sessionResults';
import { firstSecretLineAfter, startsTls, TlsPolicy } from './tlsPolicy';
import { exchangeStartLine } from '../model/exchangeRange';
import { everyReply } from '../model/exchangeReplies';

const DATA_COMMAND: ReplyTarget = { kind: 'command', verb: 'DATA' };
const AUTH_RESPONSE: ReplyTarget = { kind: 'auth-response' };

/** An expected line whose text holds a `{{...}}` reference (module-level: no closure per exchange). */
const holdsReference = (line: ReplyLine): boolean => !line.isEllipsis && needsResolving(line.text);

/** The reply to a group's `k`th exchange; none for -1 (no such exchange, groupLandmarks). */
const replyAt = (replies: readonly ActualReply[], k: number): ActualReply | undefined => (k < 0 ? undefined : replies[k]);

export class SessionRun extends GroupFlow {
  readonly secrets = new SecretSet();
  readonly log: WireLog;
  protected readonly scope: SessionScope;
  protected readonly results: SessionResults;
  protected readonly timings: StepTiming[] = [];
  private readonly started = Date.now();
  protected connection?: Connection;
  private target?: ReplayTarget;
  private insecure = false;
  protected tlsPolicy?: TlsPolicy;
  protected lastReply?: ActualReply;
  private awaitingContent = false;
  /** A failed expectation ends the session (unless keepGoing), as does `C: <close>`. */
  protected stopped = false;
  private closedByClient = false;
  /** QUIT was sent and answered: ending the session needs no courtesy QUIT (RFC 5321 §4.1.1.10). */
  private quitAnswered = false;
  /** What the last EHLO reply advertised (RFC 5321 §4.1.1.1), forgotten after STARTTLS. */
  private readonly extensions = new ServerExtensions();
  /** Chunks built early to sign their message (outgoing.ts), sent as built. */
  private requirementsChecked = false;
  private skipReason?: string;
  private error?: ReplayErrorInfo;

  constructor(
    transcript: Transcript,
    protected readonly session: Session,
    protected readonly options: ReplayOptions,
  ) {
    super();
    this.scope = new SessionScope(transcript, session, options, this.secrets);
    const onEntry = options.onEvent ? (entry: WireLogEntry) => this.emit({ type: 'wire', session: session.index, entry }) : undefined;
    this.log = new WireLog(this.secrets, onEntry, Date.now, options.wireLog !== false);
    this.results = new SessionResults(session, (result) => {
      if (options.onEvent) this.emit({ type: 'exchange', session: session.index, result: this.secrets.maskDeep(result) });
    });
  }

  async run(): Promise<SessionResult> {
    this.emit({ type: 'session-start', session: this.session.index, name: this.session.name });
    this.skipReason = mockScriptReason(this.session, (line) => this.settingsAt(line));
    if (this.skipReason) {
      this.log.add('info', `session skipped: ${this.skipReason}`);
      return this.result('skipped');
    }
    if (this.session.exchanges.length === 0) {
      this.skipReason = 'the session has no exchange to replay';
      this.log.add('info', `session skipped: ${this.skipReason}`);
      return this.result('skipped');
    }
    try {
      this.scope.collectSecrets();
      this.noteShortSecret();
      const { extraCaPem } = await this.checkBeforeConnecting();
      await this.connect(extraCaPem);
      await this.replayGroups();
      await this.end();
    } catch (error) {
      await this.recordError(error);
    }
    return this.result();
  }

  /** Every line resolved, every include read, before the first byte: once per session when the caller keeps the finding. */
  private async checkBeforeConnecting(): Promise<Preflight> {
    const checked = this.options.checkedSessions;
    const known = checked?.get(this.session);
    if (known) return known;
    const found = await checkBeforeConnecting(this.session, this.scope, this.options.signal);
    checked?.set(this.session, found);
    return found;
  }

  private async connect(extraCaPem: string | undefined): Promise<void> {
    const settings = this.settingsAt(exchangeStartLine(this.session.exchanges[0]));
    const planned = Date.now();
    const plan = await planTarget(settings, this.options, (note) => this.log.add('info', note), this.session.exchanges.some(isStarttlsCommand));
    if (plan.mx) this.timings.push({ step: 'dns', ms: Date.now() - planned });
    const { connection, target } = await connectToTarget(
      plan,
      { connectTimeoutMs: settings.connectTimeoutMs, log: this.log, signal: this.options.signal, limits: this.options.limits },
      (host) => ({ servername: plan.servername ?? host, extraCaPem, insecure: this.isInsecure(host, plan.port) }),
    );
    this.connection = connection;
    this.target = target;
    this.tlsPolicy = new TlsPolicy(target.tls, this.session.exchanges.some(isStarttlsCommand));
    this.timings.push({ step: 'connect', ms: connection.timings.connectMs ?? 0 });
    if (connection.tlsInfo) {
      this.timings.push({ step: 'tls', ms: connection.timings.tlsMs ?? 0 });
      this.noteTls();
    }
    this.emit({ type: 'connected', session: this.session.index, target });
    this.noteMissingStarttls();
  }

  /**
   * `@tls = starttls` (or the caller's) on a session that never sends `C: STARTTLS` runs in plain text. Not a
   * failure: the TLS mode often comes from the caller for every session of a file, and a session may check how
   * the server treats a plain-text client on purpose. But it is said loudly: in the wire log, and as a note on
   * the greeting's result.
   */
  private noteMissingStarttls(): void {
    if (this.target?.tls !== 'starttls' || this.session.exchanges.some(isStarttlsCommand)) return;
    const note = 'the session never upgraded to TLS although @tls = starttls: it ran in plain text';
    this.log.add('info', note);
    this.results.note(0, note);
  }

  /** Said once, on the greeting, before anything is shown: the report masks a short secret wherever it stands. */
  private noteShortSecret(): void {
    const note = this.secrets.shortSecretNote;
    if (!note) return;
    this.log.add('info', note);
    this.results.note(0, note);
  }

  /**
   * `@requires`: checked against the last EHLO reply once the session moves past EHLO and STARTTLS (the keywords
   * offered after TLS may differ, RFC 3207 §4.2). A server without them skips the session, politely.
   */
  protected unmetRequirements(next: Exchange): boolean {
    if (this.requirementsChecked || isHandshake(next)) return false;
    this.requirementsChecked = true;
    this.skipReason = this.extensions.unmet(this.settingsAt(exchangeStartLine(next)).requires);
    if (!this.skipReason) return false;
    this.log.add('info', `session skipped: ${this.skipReason}`);
    this.stopped = true;
    return true;
  }

  /** With keepGoing after a failure, content and AUTH responses are only sent when the server asked for them. */
  protected notReadyFor(exchange: Exchange): string | undefined {
    if (exchange.kind === 'message' && !this.awaitingContent) return 'not sent: the server did not answer DATA with 354';
    if (exchange.kind === 'auth-response' && !this.challengeAwaited()) return 'not sent: the server sent no 334 challenge';
    return undefined;
  }

  /**
   * The substituted text of each expected line, by file line; undefined when no line holds a reference, so each
   * stands for itself (the common case, which then builds nothing).
   */
  protected expectationTexts(exchange: Exchange): Map<number, string> | undefined {
    if (!exchange.recipientReplies) return exchange.reply && this.replyTexts(exchange.reply.lines);
    // LMTP: the replies for the further recipients too (RFC 2033 §4.2); file lines tell them apart.
    return this.replyTexts(everyReply(exchange).flatMap((reply) => reply.lines));
  }

  /** The substituted text of each expected line holding a reference, by file line; undefined when none does. */
  private replyTexts(lines: readonly ReplyLine[]): Map<number, string> | undefined {
    if (!lines.some(holdsReference)) return undefined;
    const texts = new Map<number, string>();
    for (const line of lines) if (!line.isEllipsis) texts.set(line.line, this.resolve(line.text, line.line));
    return texts;
  }

  /**
   * What the group's replies change: content or a challenge awaited, EHLO keywords, TLS, QUIT answered. A promise
   * only when there is a TLS handshake to wait for.
   */
  protected afterGroup(group: readonly Exchange[], indexes: readonly number[], replies: ActualReply[]): Promise<void> | undefined {
    const { data, ehlo, helo, starttls, end } = groupLandmarks(group);
    let failed = false;
    for (const index of indexes) if (this.results.entries[index].status === 'fail') failed = true;
    // On the wire only the listed reply opens content (RFC 5321 §4.1.1.4: 354).
    if (group.length > 0) this.awaitingContent = data >= 0 && replyOpens(DATA_COMMAND, replyAt(replies, data)?.code, 'listed') === 'content';
    const ehloReply = replyAt(replies, ehlo);
    if (ehloReply) this.extensions.noteReply('EHLO', ehloReply);
    const heloReply = replyAt(replies, helo);
    if (heloReply) this.extensions.noteReply('HELO', heloReply);
    const starttlsReply = replyAt(replies, starttls);
    if (starttlsReply) return this.afterStarttls(group[starttls], starttlsReply).then(() => this.groupEnded(replyAt(replies, end) !== undefined, failed));
    this.groupEnded(replyAt(replies, end) !== undefined, failed);
    return undefined;
  }

  private groupEnded(quitAnswered: boolean, failed: boolean): void {
    // Whatever it was answered, a QUIT that got a reply has ended the session from the client's side: no second one.
    if (quitAnswered) this.quitAnswered = true;
    if (failed && !this.options.keepGoing) this.stopped = true;
  }

  /**
   * RFC 3207 §4: after 220 the next bytes are the TLS handshake, whatever the transcript expected; a failed
   * handshake is the STARTTLS exchange's error. Any other reply leaves the connection plain, and when the session
   * would send credentials later it ends here (tlsPolicy.ts), with or without --keep-going.
   */
  private async afterStarttls(starttls: Exchange, reply: ActualReply): Promise<void> {
    const index = this.results.position(starttls);
    this.current = index;
    if (startsTls(reply)) {
      const started = Date.now();
      await this.connection!.upgradeToTls();
      this.timings.push({ step: 'tls', line: exchangeStartLine(starttls), ms: Date.now() - started });
      this.noteTls();
      this.extensions.forget();
    } else {
      this.tlsPolicy!.refused(exchangeStartLine(starttls), index, reply);
      const secretLine = await firstSecretLineAfter(starttls, this.session.exchanges, this.aheadContext(), this.secrets);
      if (secretLine !== undefined) throw this.tlsPolicy!.error(secretLine);
    }
    this.current = undefined;
    this.results.show(index);
  }

  /** Resolves lines not yet sent, without reading includes or using the live session's fresh values. */
  private aheadContext(): OutgoingContext {
    return {
      resolve: (text, line) => this.scope.resolveAhead(text, line, () => undefined),
      addSecret: () => undefined,
      readInclude: () => Promise.resolve(Buffer.alloc(0)),
    };
  }

  protected closeFromClient(index: number): void {
    const cut = contentCutAt(this.session.exchanges, index - this.results.offset);
    const inside = cut ? (cut.kind === 'message' ? ' inside the message content, without the final `.`' : ' inside the BDAT chunk') : '';
    this.log.add('info', `closing the connection${inside} (C: <close>)`);
    this.connection!.close();
    Object.assign(this.results.entries[index], { status: 'pass', sent: ['<close>'], message: `closed the connection${inside || ' without QUIT'}` });
    this.results.show(index);
    this.stopped = true;
    this.closedByClient = true;
  }

  private async end(): Promise<void> {
    const connection = this.connection!;
    if (this.closedByClient) return;
    if (this.stopped) return this.quitAnswered ? connection.close() : endPolitely(connection, this.log, this.politeness());
    const notice = this.session.closingNotice;
    if (notice) {
      // RFC 5321 §3.8: the server's own 421 (an idle timeout, a shutdown), waited for as long as any reply.
      const line = notice.lines[0].line;
      const { replyTimeoutMs, match } = this.settingsAt(line);
      connection.reader.expect(1);
      const started = Date.now();
      const outcome = await connection.reader.waitForClose(replyTimeoutMs);
      this.results.notice(notice, outcome, { expected: this.replyTexts(notice.lines), mode: match, ms: Date.now() - started }, replyTimeoutMs);
    }
    const close = this.session.expectsClose;
    if (!close) return connection.close();
    this.results.add(await expectServerClose(connection, close.line, this.settingsAt(close.line).replyTimeoutMs));
    connection.close();
  }

  private politeness(): { awaitingContent: boolean; awaitingAuth: boolean; timeoutMs: number } {
    let timeoutMs = 5000;
    try {
      timeoutMs = Math.min(this.settingsAt(this.session.range.end.line + 1).replyTimeoutMs, timeoutMs);
    } catch {
      // A broken @timeout is already reported; the courtesy QUIT uses the default.
    }
    return { awaitingContent: this.awaitingContent, awaitingAuth: this.challengeAwaited(), timeoutMs };
  }

  /**
   * A failure belongs to the exchange it happened in (a timeout, a failed handshake after STARTTLS, a variable
   * that cannot be resolved): that exchange gets the error, and the session's error carries its line.
   */
  private async recordError(error: unknown): Promise<void> {
    const info = errorInfo(error);
    const index = this.current ?? this.results.exchangeAt(info.line);
    if (index !== undefined) this.results.error(index, info, this.group);
    this.error = info;
    this.log.add('info', locatedErrorText(info));
    // The stack of a bug goes to the wire log only (secrets masked there), for the report; results show one line.
    if (info.kind === 'internal' && error instanceof Error && error.stack) this.log.add('info', error.stack);
    const connection = this.connection;
    if (!connection) return;
    if (leavesConnectionInStep(info.kind) && connection.usable) await endPolitely(connection, this.log, this.politeness());
    else connection.destroy();
  }

  private result(status?: SessionResult['status']): SessionResult {
    const result: SessionResult = {
      index: this.session.index,
      line: this.session.range.start.line,
      status: status ?? (this.error ? 'error' : this.results.failed ? 'fail' : this.skipReason ? 'skipped' : 'pass'),
      exchanges: this.results.entries,
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

  protected resolve(text: string, line: number): string {
    if (!needsResolving(text)) return text;
    const challenge = this.challengeAwaited() ? this.lastReply?.lines[0].text : undefined;
    return this.scope.resolve(text, line, challenge);
  }

  /** RFC 4954 §4: the last reply was a 334, so the next line answers its challenge. */
  private challengeAwaited(): boolean {
    return replyOpens(AUTH_RESPONSE, this.lastReply?.code, 'listed') === 'auth-response';
  }

  protected settingsAt(line: number): SessionSettings {
    return this.scope.settingsAt(line);
  }

  private emit(event: ReplayEvent): void {
    this.options.onEvent?.(event);
  }
}
