// Reads complete SMTP replies from a byte stream (RFC 5321 §4.2): lines end in CRLF, `250-` continues a reply and
// `250 ` ends it. Memory stays bounded whatever the server sends: line length, lines per reply and queued replies
// all have limits that end in a typed error.
import type { Duplex } from 'node:stream';
import { continuesReply, joinReplyLine, sameReplyCode, splitReplyLine, type ReplySeparator } from '../dialogue/replyLine';
import { ReplayError, socketError } from './replayError';
import { timerDelay } from './timerDelay';

export interface ActualReplyLine {
  code: string;
  /** `-` continues the reply; ` ` or `` (a bare code) ends it. */
  separator: ReplySeparator;
  text: string;
}

export interface ActualReply {
  code: string;
  lines: ActualReplyLine[];
  /** It began arriving before the client asked for anything (RFC 5321 §3.8 allows this for 421 only). */
  unsolicited?: true;
}

/** `250-text` back from its parts. */
export function replyLineText(line: ActualReplyLine): string {
  return joinReplyLine(line);
}

export interface ReplyReaderOptions {
  /** Names the peer in messages (`127.0.0.1:2525`). */
  where: string;
  /** Longest accepted line without its CRLF; RFC 5321 §4.5.3.1.5 asks for 512 octets, real servers send more. */
  maxLineLength?: number;
  maxLinesPerReply?: number;
  /** Complete replies the client did not ask for, kept for the next read. */
  maxUnsolicited?: number;
  /** Each complete server line, as received. */
  onLine?: (text: string) => void;
  /** Things worth a note in the wire log (unsolicited data). */
  onNote?: (text: string) => void;
  /** Added to a timeout when the server has sent nothing at all: what such silence may mean. */
  silenceHint?: string;
}

export type CloseOutcome = { closed: true } | { reply: ActualReply } | { timeout: true };

type Waiter = {
  resolve: (outcome: CloseOutcome | ActualReply) => void;
  reject: (error: ReplayError) => void;
  forClose: boolean;
  timeoutMs: number;
  /** Handed its reply once the chunk that ends it has been read (`next`), not through a promise. */
  inStep?: true;
};

const LF = 0x0a;
const CR = 0x0d;

export class ReplyReader {
  private readonly maxLineLength: number;
  private readonly maxLines: number;
  private readonly maxUnsolicited: number;
  private partial: Buffer[] = [];
  private partialLength = 0;
  /** Any octet received since connecting: a server silent from the start may be waiting for a TLS handshake. */
  private heardFrom = false;
  private current: ActualReplyLine[] = [];
  private currentUnsolicited = false;
  /** Complete replies not yet read; an unsolicited one says so itself (`unsolicited`). */
  private readonly queue: ActualReply[] = [];
  private awaited = 0;
  private failure?: ReplayError;
  private ended = false;
  private waiter?: Waiter;
  /** The in-step caller's waiter, reused from read to read: it is taken before its callback runs. */
  private inStepWaiter?: Waiter;
  private detachStream?: () => void;
  private timer?: NodeJS.Timeout;
  private timerDelay = 0;

  constructor(private readonly options: ReplyReaderOptions) {
    this.maxLineLength = options.maxLineLength ?? 64 * 1024;
    this.maxLines = options.maxLinesPerReply ?? 1000;
    this.maxUnsolicited = options.maxUnsolicited ?? 100;
  }

  /** Reads from `stream` (a plain socket, later the TLSSocket that replaces it after STARTTLS). */
  attach(stream: Duplex): void {
    this.detach();
    const onData = (chunk: Buffer): void => this.feed(chunk);
    const onEnd = (): void => this.end();
    const onError = (error: Error): void => this.fail(socketError(error, 'reply', this.options.where));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    stream.on('error', onError);
    this.detachStream = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      // Keep a no-op error listener so a late error on the old stream never becomes an uncaught exception.
      stream.off('error', onError);
      stream.on('error', () => undefined);
    };
  }

  detach(): void {
    this.detachStream?.();
    this.detachStream = undefined;
  }

  /** The client has asked for `count` more replies; anything beyond them is unsolicited. */
  expect(count = 1): void {
    this.awaited += count;
  }

  /**
   * The client learnt it asked for `count` more replies (LMTP's one per accepted recipient, known only from replies
   * read): those that already came, taken for unsolicited, are the asked-for ones.
   */
  expectMore(count: number): void {
    for (const reply of this.queue) {
      if (count === 0) return;
      if (!reply.unsolicited) continue;
      delete reply.unsolicited;
      count--;
    }
    if (count > 0 && this.current.length > 0 && this.currentUnsolicited) {
      this.currentUnsolicited = false;
      count--;
    }
    this.awaited += count;
  }

  /** Data received and not yet read as a reply (after STARTTLS's 220 there must be none, RFC 3207 §4.2). */
  get hasUnreadData(): boolean {
    return this.partialLength + this.current.length + this.queue.length > 0;
  }

  get isClosed(): boolean {
    return this.ended;
  }

  get error(): ReplayError | undefined {
    return this.failure;
  }

  feed(chunk: Buffer): void {
    this.heardFrom = true;
    this.readLines(chunk);
    this.handOff();
  }

  private readLines(chunk: Buffer): void {
    let start = 0;
    while (!this.failure && start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      if (lf < 0) {
        this.partial.push(chunk.subarray(start));
        this.partialLength += chunk.length - start;
        // Checked before the line ends, so an endless line fails at once instead of filling memory.
        if (this.partialLength > this.maxLineLength + 1) this.fail(this.lineTooLong());
        return;
      }
      const lineStart = start;
      start = lf + 1;
      if (this.partialLength > 0) {
        const line = Buffer.concat([...this.partial, chunk.subarray(lineStart, lf)]);
        this.partial = [];
        this.partialLength = 0;
        const length = line.length > 0 && line[line.length - 1] === CR ? line.length - 1 : line.length;
        if (length > this.maxLineLength) return this.fail(this.lineTooLong());
        this.addLine(line.toString('utf8', 0, length));
        continue;
      }
      // The common case, a line within one chunk: decoded in place, no view of it made.
      const end = lf > lineStart && chunk[lf - 1] === CR ? lf - 1 : lf;
      if (end - lineStart > this.maxLineLength) return this.fail(this.lineTooLong());
      this.addLine(chunk.toString('utf8', lineStart, end));
    }
  }

  /**
   * The server has closed the connection between replies, not in the middle of one: with its FIN and no other failure,
   * or with a reset (an abortive close, as `waitForClose` takes it too).
   */
  get closedBetweenReplies(): boolean {
    if (this.failure === undefined) return this.ended;
    return this.failure.kind === 'connection-reset' && this.partialLength === 0 && this.current.length === 0;
  }

  /** The peer closed its side. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.failure) return;
    if (this.partialLength > 0 || this.current.length > 0) {
      return this.fail(new ReplayError('connection-closed', `${this.options.where} closed the connection in the middle of a reply`));
    }
    const waiter = this.takeWaiter();
    if (!waiter) return;
    if (waiter.forClose) waiter.resolve({ closed: true });
    else waiter.reject(this.closedError());
  }

  fail(error: ReplayError): void {
    if (this.failure) return;
    this.failure = error;
    // A reply read before the failure, in the same chunk, is still handed over (as a promise's would have been).
    if (this.waiter?.inStep && this.queue.length > 0) return;
    const waiter = this.takeWaiter();
    // A reset while waiting for the server to close is the close it was asked for.
    if (waiter?.forClose && error.kind === 'connection-reset') waiter.resolve({ closed: true });
    else waiter?.reject(error);
  }

  /** The next complete reply, or a typed error (timeout, close, malformed data). */
  read(timeoutMs: number): Promise<ActualReply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(this.closedError());
    return this.wait(timeoutMs, false) as Promise<ActualReply>;
  }

  /**
   * The next complete reply for a caller that handles replies in step with the socket (no promise per reply): a
   * reply already read is returned at once; otherwise undefined, and `onReply` gets the reply when the chunk that
   * ends it has been read whole (every line logged, as before a promise's continuation), `onError` any failure.
   */
  next(timeoutMs: number, onReply: (reply: ActualReply) => void, onError: (error: ReplayError) => void): ActualReply | undefined {
    const queued = this.queue.shift();
    if (queued) return queued;
    if (this.failure) return void onError(this.failure);
    if (this.ended) return void onError(this.closedError());
    let waiter = this.inStepWaiter;
    if (waiter?.resolve !== onReply || waiter.reject !== onError) {
      waiter = this.inStepWaiter = { resolve: onReply as Waiter['resolve'], reject: onError, forClose: false, timeoutMs, inStep: true };
    }
    waiter.timeoutMs = timeoutMs;
    this.waiter = waiter;
    this.armTimer(timeoutMs);
    return undefined;
  }

  /** Replies read from a chunk go to the in-step reader once the whole chunk is read. */
  private handOff(): void {
    while (this.waiter?.inStep && this.queue.length > 0) this.takeWaiter()!.resolve(this.queue.shift()!);
  }

  /** Waits for the server to close the connection (`S: <closed>`); a reply instead is returned for the report. */
  waitForClose(timeoutMs: number): Promise<CloseOutcome> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ reply: queued });
    if (this.failure?.kind === 'connection-reset') return Promise.resolve({ closed: true });
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ closed: true });
    return this.wait(timeoutMs, true) as Promise<CloseOutcome>;
  }

  // A read is one promise and one waiter: no closures made per reply (a load run reads hundreds of thousands).
  private wait(timeoutMs: number, forClose: boolean): Promise<ActualReply | CloseOutcome> {
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject, forClose, timeoutMs };
      this.armTimer(timeoutMs);
    });
  }

  /** The read under way is over: a late firing of the timer does nothing, and the idle timer keeps no process alive. */
  private takeWaiter(): Waiter | undefined {
    const waiter = this.waiter;
    if (!waiter) return undefined;
    this.waiter = undefined;
    this.timer?.unref();
    return waiter;
  }

  /** No more reads: the timer goes (a connection's end). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  // One timer per connection, re-armed for each read: a new timer per reply cost more than reading the reply.
  private armTimer(timeoutMs: number): void {
    const delay = timerDelay(timeoutMs);
    if (this.timer && this.timerDelay === delay) {
      this.timer.refresh().ref();
      return;
    }
    clearTimeout(this.timer);
    this.timerDelay = delay;
    this.timer = setTimeout(() => this.timedOut(), delay);
  }

  private timedOut(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    if (waiter.forClose) waiter.resolve({ timeout: true });
    else {
      const hint = this.heardFrom || !this.options.silenceHint ? '' : `: ${this.options.silenceHint}`;
      waiter.reject(new ReplayError('timeout', `no complete reply from ${this.options.where} within ${waiter.timeoutMs} ms${this.receivedSoFar()}${hint}`));
    }
  }

  /** What a reply that never completed had sent: its lines, and a line without its end (a server stalled mid-reply). */
  private receivedSoFar(): string {
    const lines = this.current.map((line) => quote(replyLineText(line)));
    if (this.partialLength > 0) lines.push(`${quote(Buffer.concat(this.partial).toString('latin1'))} (no line end)`);
    if (lines.length === 0) return '';
    const shown = lines.length > 3 ? [...lines.slice(0, 3), `and ${lines.length - 3} more lines`] : lines;
    return `; it sent ${shown.join(', ')}`;
  }

  private addLine(text: string): void {
    this.options.onLine?.(text);
    const parts = splitReplyLine(text, 'wire');
    if (!parts) {
      return this.fail(new ReplayError('malformed-reply', `${this.options.where} sent a line that is not an SMTP reply (RFC 5321 §4.2): ${quote(text)}`));
    }
    const line: ActualReplyLine = parts;
    if (this.current.length === 0) this.startReply();
    else if (!sameReplyCode(this.current[0], line)) {
      // RFC 5321 §4.2.1: every line of a multiline reply carries the same code.
      return this.fail(new ReplayError('malformed-reply', `${this.options.where} changed the reply code from ${this.current[0].code} to ${line.code} inside one reply (RFC 5321 §4.2.1)`));
    }
    if (continuesReply(line.separator)) {
      this.current.push(line);
      if (this.current.length >= this.maxLines) {
        this.fail(new ReplayError('reply-too-many-lines', `${this.options.where} sent a reply of more than ${this.maxLines} lines`));
      }
      return;
    }
    // A one-line reply, the most common, gets an array of its size rather than one grown to hold more.
    let lines: ActualReplyLine[];
    if (this.current.length === 0) lines = [line];
    else {
      lines = this.current;
      lines.push(line);
      this.current = [];
    }
    const reply: ActualReply = { code: line.code, lines };
    if (this.currentUnsolicited) reply.unsolicited = true;
    this.deliver(reply);
  }

  private startReply(): void {
    this.currentUnsolicited = this.awaited === 0;
    if (this.awaited > 0) this.awaited--;
    else this.options.onNote?.('unsolicited reply: the server sent a reply the client did not ask for');
  }

  private deliver(reply: ActualReply): void {
    if (this.waiter && !this.waiter.inStep) {
      const waiter = this.takeWaiter()!;
      return waiter.forClose ? waiter.resolve({ reply }) : waiter.resolve(reply);
    }
    this.queue.push(reply);
    // Unread replies the client asked for are bounded by what it sent; unsolicited ones need their own limit.
    if (reply.unsolicited && this.queue.filter((q) => q.unsolicited).length > this.maxUnsolicited) {
      this.fail(new ReplayError('too-many-replies', `${this.options.where} sent more than ${this.maxUnsolicited} replies the client did not ask for`));
    }
  }

  private lineTooLong(): ReplayError {
    return new ReplayError('reply-line-too-long', `${this.options.where} sent a line longer than ${this.maxLineLength} octets without ending it`);
  }

  private closedError(): ReplayError {
    return new ReplayError('connection-closed', `${this.options.where} closed the connection`);
  }
}

function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return JSON.stringify(shown);
}
