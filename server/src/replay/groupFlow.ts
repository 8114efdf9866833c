// The half of a session's replay that sends its groups and reads their replies, in step with the socket (SessionRun
// is the other half: connecting, what the replies change, TLS, errors and the end). RFC 2920 §3.1: the commands of a
// pipelined group go out together, and its replies are read in order.
import { isStarttlsCommand } from '../model/dialogueEvents';
import type { Exchange, Session } from '../model/types';
import type { Connection } from './connection';
import type { Outgoing, OutgoingContext } from './outgoing';
import type { ReplayOptions, StepTiming } from './replayTypes';
import type { ActualReply } from './replyReader';
import type { SecretSet } from './secretSet';
import type { SessionResults } from './sessionResults';
import type { SessionScope } from './sessionScope';
import type { SessionSettings } from './sessionSettings';
import { sessionOutgoingContext } from './sessionOutgoing';
import { sharedOutgoing } from './sharedOutgoing';
import type { TlsPolicy } from './tlsPolicy';
import { exchangeGroups } from './exchangeGroups';
import { writePieces } from './writePieces';

interface GroupReading {
  group: readonly Exchange[];
  indexes: number[];
  expectations: (Map<number, string> | undefined)[];
  replies: ActualReply[];
  sentAt: number;
  clock: () => number;
}

export abstract class GroupFlow {
  abstract readonly secrets: SecretSet;
  protected abstract readonly session: Session;
  protected abstract readonly options: ReplayOptions;
  protected abstract readonly scope: SessionScope;
  protected abstract readonly results: SessionResults;
  protected abstract readonly timings: StepTiming[];
  protected abstract connection?: Connection;
  protected abstract tlsPolicy?: TlsPolicy;
  protected abstract lastReply?: ActualReply;
  protected abstract stopped: boolean;
  /** Index in `results` of the exchange under way: a failure now is its failure. */
  protected current?: number;
  /** Indexes in `results` of the group being replayed. */
  protected group: number[] = [];
  private sendContext?: OutgoingContext;
  /** The groups under way (replayGroups) and where they stand. */
  private flow?: { groups: readonly (readonly Exchange[])[]; next: number; resolve: () => void; reject: (error: unknown) => void };
  /** The group whose replies are being read. */
  private reading?: GroupReading;

  /** `@requires` not met by the server's EHLO keywords: the session stops before `next`. */
  protected abstract unmetRequirements(next: Exchange): boolean;
  /** Why `exchange` is not sent (content or an AUTH response the server did not ask for), if so. */
  protected abstract notReadyFor(exchange: Exchange): string | undefined;
  protected abstract closeFromClient(index: number): void;
  protected abstract expectationTexts(exchange: Exchange): Map<number, string> | undefined;
  protected abstract resolve(text: string, line: number): string;
  protected abstract settingsAt(line: number): SessionSettings;
  /** What a group's replies change; a promise only when there is a TLS handshake to wait for. */
  protected abstract afterGroup(group: readonly Exchange[], indexes: readonly number[], replies: ActualReply[]): Promise<void> | undefined;

  /**
   * The session's groups, in step with the socket: a group's replies are handled when the data that ends them has
   * been read, and the next group goes out from there. A promise per reply and per group cost more than the
   * exchange itself; only content read or signed, a full socket buffer or a TLS handshake is awaited.
   */
  protected replayGroups(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.flow = { groups: exchangeGroups(this.session.exchanges), next: 0, resolve, reject };
      this.inStep(() => (this.results.offset ? this.sendGroup([], true) : this.nextGroup()));
    });
  }

  /** Runs a step of the flow: what it throws, or the promise it returns rejects with, ends the session's groups. */
  private inStep(step: () => Promise<void> | void): void {
    try {
      const pending = step();
      if (pending) pending.catch(this.flow!.reject);
    } catch (error) {
      this.flow!.reject(error);
    }
  }

  private nextGroup(): Promise<void> | void {
    const flow = this.flow!;
    const group = flow.groups[flow.next];
    if (!group || this.stopped || this.unmetRequirements(group[0])) return flow.resolve();
    flow.next++;
    return this.sendGroup(group, false);
  }

  private sendGroup(group: readonly Exchange[], unwrittenGreeting: boolean): Promise<void> | void {
    const indexes = unwrittenGreeting ? [0] : group.map((e) => this.results.position(e));
    this.group = indexes;
    const first = group[0];
    if (first?.kind === 'client-close') return this.closeFromClient(indexes[0]), this.nextGroup();
    const notReady = first ? this.notReadyFor(first) : undefined;
    if (notReady) return Object.assign(this.results.entries[indexes[0]], { message: notReady }), this.nextGroup();

    // Everything is resolved before the first byte goes out, so a bad variable never leaves a half-sent group.
    const outgoing: Outgoing[] = [];
    const expectations: (Map<number, string> | undefined)[] = [];
    const context = (this.sendContext ??= sessionOutgoingContext(this.session, this.scope, this.secrets, (text, line) => this.resolve(text, line)));
    for (let k = 0; k < group.length; k++) {
      this.current = indexes[k];
      const built = sharedOutgoing(group[k], context);
      if (built instanceof Promise) return this.buildRest(group, indexes, outgoing, expectations, built);
      outgoing.push(built);
      expectations.push(this.expectationTexts(group[k]));
    }
    return this.writeGroup(group, indexes, outgoing, expectations);
  }

  /** The rest of a group whose content is read from includes or signed first. */
  private async buildRest(group: readonly Exchange[], indexes: number[], outgoing: Outgoing[], expectations: (Map<number, string> | undefined)[], building: Promise<Outgoing>): Promise<void> {
    const context = this.sendContext!;
    outgoing.push(await building);
    expectations.push(this.expectationTexts(group[outgoing.length - 1]));
    for (let k = outgoing.length; k < group.length; k++) {
      this.current = indexes[k];
      const built = sharedOutgoing(group[k], context);
      outgoing.push(built instanceof Promise ? await built : built);
      expectations.push(this.expectationTexts(group[k]));
    }
    this.inStep(() => this.writeGroup(group, indexes, outgoing, expectations));
  }

  private writeGroup(group: readonly Exchange[], indexes: number[], outgoing: Outgoing[], expectations: (Map<number, string> | undefined)[]): Promise<void> | void {
    const connection = this.connection!;
    // The credential policy (tlsPolicy.ts): checked on the resolved bytes, before any of the group is written.
    for (let k = 0; k < group.length; k++) {
      const refusal = this.tlsPolicy!.check(group[k], outgoing[k], this.secrets, connection.encrypted);
      if (!refusal) continue;
      this.current = this.tlsPolicy!.refusalIndex ?? indexes[k];
      throw refusal;
    }
    const first = group[0];
    if (first && first.kind !== 'greeting') {
      this.current = indexes[0];
      for (let k = 0; k < indexes.length; k++) this.results.sent(indexes[k], outgoing[k]);
      const timeoutMs = this.settingsAt(first.range.start.line).replyTimeoutMs;
      connection.reader.expect(group.length);
      // RFC 2920 §3.1: the commands of a pipelined group go out together.
      // One write per group: small writes waiting on each other meet Nagle and delayed ACKs (~40 ms each). Large
      // message content still goes in bounded pieces so memory stays flat.
      const single = outgoing.length === 1 ? outgoing[0] : undefined;
      const shown = single ? single.shown : outgoing.flatMap((o) => o.shown);
      const pieces = writePieces(single ? single.data : outgoing.flatMap((o) => o.data));
      for (let i = 0; i < pieces.length; i++) {
        const draining = connection.write(pieces[i], i === 0 ? shown : [], timeoutMs);
        if (draining) return this.writeRest(draining, pieces, i + 1, timeoutMs, group, indexes, expectations);
      }
    }
    return this.readReplies(group, indexes, expectations);
  }

  /** A socket buffer full: the rest of the group's pieces as it drains (long content paces itself this way). */
  private async writeRest(draining: Promise<void>, pieces: Buffer[], from: number, timeoutMs: number, group: readonly Exchange[], indexes: number[], expectations: (Map<number, string> | undefined)[]): Promise<void> {
    await draining;
    for (let i = from; i < pieces.length; i++) {
      const more = this.connection!.write(pieces[i], [], timeoutMs);
      if (more) await more;
    }
    this.inStep(() => this.readReplies(group, indexes, expectations));
  }

  private readReplies(group: readonly Exchange[], indexes: number[], expectations: (Map<number, string> | undefined)[]): Promise<void> | void {
    const clock = this.options.clock ?? Date.now;
    this.reading = { group, indexes, expectations, replies: [], sentAt: clock(), clock };
    return this.readNext();
  }

  /** Handles the group's replies already read; waits (no promise) for the next one the socket brings. */
  private readNext(): Promise<void> | void {
    const reading = this.reading!;
    const { group, indexes, replies } = reading;
    while (replies.length < indexes.length) {
      const k = replies.length;
      this.current = indexes[k];
      const line = group[k]?.range.start.line ?? this.results.entries[indexes[k]].line;
      const reply = this.connection!.reader.next(this.settingsAt(line).replyTimeoutMs, this.onReply, this.flow!.reject);
      if (!reply) return;
      this.takeReply(reply, line);
    }
    this.reading = undefined;
    this.current = undefined;
    const settling = this.afterGroup(group, indexes, replies);
    if (settling) return settling.then(() => this.inStep(() => this.groupDone()));
    return this.groupDone();
  }

  private readonly onReply = (reply: ActualReply): void =>
    this.inStep(() => {
      const { group, indexes, replies } = this.reading!;
      this.takeReply(reply, group[replies.length]?.range.start.line ?? this.results.entries[indexes[replies.length]].line);
      return this.readNext();
    });

  private takeReply(reply: ActualReply, line: number): void {
    const { group, indexes, expectations, replies, sentAt, clock } = this.reading!;
    const k = replies.length;
    const index = indexes[k];
    const exchange = group[k] as Exchange | undefined;
    const ms = clock() - sentAt;
    this.timings.push({ step: 'reply', line, ms });
    this.lastReply = reply;
    const mode = this.settingsAt(exchange?.reply?.range.start.line ?? line).match;
    this.results.reply(index, exchange, reply, { expected: expectations[k], mode, ms });
    // A STARTTLS is done only once TLS is up, has failed or was refused: its row waits for afterGroup.
    if (!isStarttlsCommand(exchange)) this.results.show(index);
    replies.push(reply);
  }

  private groupDone(): Promise<void> | void {
    this.group = [];
    return this.nextGroup();
  }
}
