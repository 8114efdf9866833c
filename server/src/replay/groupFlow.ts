// The half of a session's replay that sends its groups and reads their replies, in step with the socket (SessionRun
// is the other half: connecting, what the replies change, TLS, errors and the end). RFC 2920 §3.1: the commands of a
// pipelined group go out together, and its replies are read in order.
import { isCutContent, isStarttlsCommand } from '../model/dialogueEvents';
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
import { replayedBefore, sharedOutgoing } from './sharedOutgoing';
import type { TlsPolicy } from './tlsPolicy';
import { exchangeGroups } from './exchangeGroups';
import { writePieces } from './writePieces';
import { exchangeStartLine } from '../model/exchangeRange';
import { ReplayError } from './replayError';
import { endsDelivery, LmtpRecipients } from '../dialogue/lmtpRecipients';
import { closesChannel } from '../dialogue/dialogueState';
import { targetOf } from '../model/dialogueEvents';

/** A message end sent whole (its `.`, or BDAT LAST): what an LMTP server answers once per accepted recipient. */
const isDeliveryEnd = (exchange: Exchange): boolean => endsDelivery(targetOf(exchange)) && !isCutContent(exchange);

/** Replies a group's exchanges get: all but content the connection is closed in, which ends its group. */
const awaitedReplies = (group: readonly Exchange[]): number => (isCutContent(group[group.length - 1]) ? group.length - 1 : group.length);

/** The server's greeting the file does not show: the result entry it fills. */
const GREETING_ONLY: readonly number[] = [0];
const NO_GROUP: readonly number[] = [];

interface GroupReading {
  group: readonly Exchange[];
  indexes: readonly number[];
  expectations: (Map<number, string> | undefined)[];
  /** One place per exchange, filled in order: `taken` of them so far, of the `awaited` first ones. */
  replies: ActualReply[];
  /** LMTP: the exchange `taken` got its first reply and awaits `due` more, one per further accepted recipient. */
  further?: { first: ActualReply; replies: ActualReply[]; due: number };
  taken: number;
  awaited: number;
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
  protected group: readonly number[] = NO_GROUP;
  private sendContext?: OutgoingContext;
  /** The session was replayed before (load mode): what its exchanges send as written is built once and shared. */
  private sharesOutgoing = false;
  /** The groups under way (replayGroups) and where they stand: the `next` one begins at the exchange `firstOfNext`. */
  private flow?: { groups: readonly (readonly Exchange[])[]; next: number; firstOfNext: number; resolve: () => void; reject: (error: unknown) => void };
  /** The group whose replies are being read. */
  private reading?: GroupReading;
  /** LMTP: the replies a message's end takes (RFC 2033 §4.2), and how many of them the reader was told of as sent. */
  private readonly recipients = new LmtpRecipients();
  private announcedFurther = 0;

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
      this.flow = { groups: exchangeGroups(this.session.exchanges), next: 0, firstOfNext: 0, resolve, reject };
      this.sharesOutgoing = replayedBefore(this.session);
      this.inStep(() => (this.results.offset ? this.sendGroup([], GREETING_ONLY) : this.nextGroup()));
    });
  }

  /** Runs a step of the flow: what it throws, or the promise it returns rejects with, ends the session's groups. */
  private inStep(step: () => Promise<void> | void): void {
    try {
      this.goOn(step());
    } catch (error) {
      this.flow!.reject(error);
    }
  }

  /** A step that did not finish at once: its rejection ends the session's groups. */
  private goOn(pending: Promise<void> | void): void {
    if (pending) pending.catch(this.flow!.reject);
  }

  private nextGroup(): Promise<void> | void {
    const flow = this.flow!;
    // Not read past the end: an out-of-bounds read at a session's end undid the optimized code of this path.
    const group = flow.next < flow.groups.length ? flow.groups[flow.next] : undefined;
    if (!group || this.stopped || this.unmetRequirements(group[0])) return flow.resolve();
    flow.next++;
    const indexes = this.results.groupPositions(flow.firstOfNext, group.length);
    flow.firstOfNext += group.length;
    return this.sendGroup(group, indexes);
  }

  /** `indexes`: where the group's exchanges stand in the results (GREETING_ONLY for the greeting the file does not show). */
  private sendGroup(group: readonly Exchange[], indexes: readonly number[]): Promise<void> | void {
    this.group = indexes;
    const first = group[0];
    if (first?.kind === 'client-close') return this.closeFromClient(indexes[0]), this.nextGroup();
    const notReady = first ? this.notReadyFor(first) : undefined;
    if (notReady) return Object.assign(this.results.entries[indexes[0]], { message: notReady }), this.nextGroup();

    // Everything is resolved before the first byte goes out, so a bad variable never leaves a half-sent group.
    // Arrays sized at once: one per group, not grown exchange by exchange.
    const outgoing = new Array<Outgoing>(group.length);
    const expectations = new Array<Map<number, string> | undefined>(group.length);
    const context = (this.sendContext ??= sessionOutgoingContext(this.session, this.scope, this.secrets, (text, line) => this.resolve(text, line)));
    for (let k = 0; k < group.length; k++) {
      this.current = indexes[k];
      const built = sharedOutgoing(group[k], context, this.sharesOutgoing);
      if (built instanceof Promise) return this.buildRest(group, indexes, outgoing, expectations, k, built);
      outgoing[k] = built;
      expectations[k] = this.expectationTexts(group[k]);
    }
    return this.writeGroup(group, indexes, outgoing, expectations);
  }

  /** The rest of a group (from its exchange `from`) whose content is read from includes or signed first. */
  private async buildRest(group: readonly Exchange[], indexes: readonly number[], outgoing: Outgoing[], expectations: (Map<number, string> | undefined)[], from: number, building: Promise<Outgoing>): Promise<void> {
    const context = this.sendContext!;
    outgoing[from] = await building;
    expectations[from] = this.expectationTexts(group[from]);
    for (let k = from + 1; k < group.length; k++) {
      this.current = indexes[k];
      const built = sharedOutgoing(group[k], context, this.sharesOutgoing);
      outgoing[k] = built instanceof Promise ? await built : built;
      expectations[k] = this.expectationTexts(group[k]);
    }
    this.inStep(() => this.writeGroup(group, indexes, outgoing, expectations));
  }

  private writeGroup(group: readonly Exchange[], indexes: readonly number[], outgoing: Outgoing[], expectations: (Map<number, string> | undefined)[]): Promise<void> | void {
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
      const timeoutMs = this.settingsAt(exchangeStartLine(first)).replyTimeoutMs;
      this.announcedFurther = group.some(isDeliveryEnd) ? this.recipients.furtherReplies : 0;
      connection.reader.expect(awaitedReplies(group) + this.announcedFurther);
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
  private async writeRest(draining: Promise<void>, pieces: Buffer[], from: number, timeoutMs: number, group: readonly Exchange[], indexes: readonly number[], expectations: (Map<number, string> | undefined)[]): Promise<void> {
    await draining;
    for (let i = from; i < pieces.length; i++) {
      const more = this.connection!.write(pieces[i], [], timeoutMs);
      if (more) await more;
    }
    this.inStep(() => this.readReplies(group, indexes, expectations));
  }

  private readReplies(group: readonly Exchange[], indexes: readonly number[], expectations: (Map<number, string> | undefined)[]): Promise<void> | void {
    const clock = this.options.clock ?? Date.now;
    const awaited = indexes.length - (group.length - awaitedReplies(group));
    this.reading = { group, indexes, expectations, replies: new Array<ActualReply>(indexes.length), taken: 0, awaited, sentAt: clock(), clock };
    return this.readNext();
  }

  /** Handles the group's replies already read; waits (no promise) for the next one the socket brings. */
  private readNext(): Promise<void> | void {
    const reading = this.reading!;
    const { group, indexes, replies } = reading;
    while (reading.taken < reading.awaited) {
      const k = reading.taken;
      this.current = indexes[k];
      const line = group[k] ? exchangeStartLine(group[k]) : this.results.entries[indexes[k]].line;
      const reply = this.connection!.reader.next(this.settingsAt(line).replyTimeoutMs, this.onReply, this.onReadError);
      if (!reply) return;
      this.takeReply(reply, line);
    }
    this.reading = undefined;
    this.current = undefined;
    // Content the connection is closed in (the group's last exchange, `C: <close>` or `S: <closed>` next) gets no reply.
    if (reading.awaited < indexes.length) this.results.cutContent(indexes[indexes.length - 1], group[group.length - 1]);
    const settling = this.afterGroup(group, indexes, replies);
    if (settling) return settling.then(() => this.inStep(() => this.groupDone()));
    return this.groupDone();
  }

  // No closure per reply: this runs for every reply the socket brings.
  private readonly onReply = (reply: ActualReply): void => {
    try {
      const { group, indexes, taken } = this.reading!;
      this.takeReply(reply, group[taken] ? exchangeStartLine(group[taken]) : this.results.entries[indexes[taken]].line);
      this.goOn(this.readNext());
    } catch (error) {
      this.flow!.reject(error);
    }
  };

  /**
   * The server closed the connection while replies were due. Where the transcript shows none and `S: <closed>` comes
   * in their place (`answeredByClose`), that close is what it expects: the server closes instead of replying.
   */
  private readonly onReadError = (error: unknown): void => {
    const reading = this.reading;
    if (!reading || !this.closesInPlaceOfReplies(reading, error)) return this.flow!.reject(error);
    for (let k = reading.taken; k < reading.awaited; k++) this.results.closedInPlaceOfReply(reading.indexes[k]);
    reading.taken = reading.awaited;
    this.inStep(() => this.readNext());
  };

  private closesInPlaceOfReplies(reading: GroupReading, error: unknown): boolean {
    // A reset closes too (Exim resets when it drops a client whose next line it has not read).
    const closed = error instanceof ReplayError && (error.kind === 'connection-closed' || error.kind === 'connection-reset');
    if (!closed || !this.connection!.reader.closedBetweenReplies) return false;
    for (let k = reading.taken; k < reading.awaited; k++) if (!reading.group[k]?.answeredByClose) return false;
    return true;
  }

  private takeReply(reply: ActualReply, line: number): void {
    const reading = this.reading!;
    if (reading.further) return this.takeRecipientReply(reading, reply);
    const { group, indexes, expectations, replies, sentAt, clock } = reading;
    const k = reading.taken;
    const index = indexes[k];
    const exchange = group[k] as Exchange | undefined;
    const ms = clock() - sentAt;
    this.timings.push({ step: 'reply', line, ms });
    this.lastReply = reply;
    const mode = this.settingsAt(exchange?.reply?.lines[0].line ?? line).match;
    this.results.reply(index, exchange, reply, { expected: expectations[k], mode, ms });
    const replyCount = exchange ? this.recipients.noteReply(targetOf(exchange), reply.code) : 1;
    // A 421 there ends the session instead (RFC 5321 §3.8): no further replies come.
    if (replyCount > 1 && !closesChannel(reply.code)) {
      const due = replyCount - 1;
      if (due > this.announcedFurther) this.connection!.reader.expectMore(due - this.announcedFurther);
      reading.further = { first: reply, replies: [], due };
      return;
    }
    // Replies written for further recipients, and the server took one recipient (or did not speak LMTP): said so.
    if (exchange?.recipientReplies) this.results.recipientReplies(index, exchange, reply, [], { expected: expectations[k], mode, ms });
    // A STARTTLS is done only once TLS is up, has failed or was refused: its row waits for afterGroup.
    if (!isStarttlsCommand(exchange)) this.results.show(index);
    replies[k] = reply;
    reading.taken++;
  }

  /** LMTP: a further recipient's reply to the message end; the last one completes the exchange's row. */
  private takeRecipientReply(reading: GroupReading, reply: ActualReply): void {
    const further = reading.further!;
    this.lastReply = reply;
    further.replies.push(reply);
    if (further.replies.length < further.due) return;
    reading.further = undefined;
    const k = reading.taken;
    const exchange = reading.group[k];
    const mode = this.settingsAt(exchangeStartLine(exchange)).match;
    this.results.recipientReplies(reading.indexes[k], exchange, further.first, further.replies, { expected: reading.expectations[k], mode, ms: reading.clock() - reading.sentAt });
    this.results.show(reading.indexes[k]);
    reading.replies[k] = further.first;
    reading.taken++;
  }

  private groupDone(): Promise<void> | void {
    this.group = NO_GROUP;
    return this.nextGroup();
  }
}
