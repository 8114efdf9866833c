// What a client sends, as the server side reads it: CRLF lines (commands, DATA content) and exact octet counts (BDAT
// chunks), each within a time limit and a size limit, from a socket that STARTTLS may replace mid-session.
import type { Socket } from 'node:net';

/** RFC 5321 §4.5.3.1.4-6 allow 512 octets for a command and 1000 for a text line; more is tolerated up to this. */
export const MAX_CLIENT_LINE = 64 * 1024;

/**
 * The longest line a client may send where the transcript writes `expected`: `MAX_CLIENT_LINE`, or the line as written
 * when that is longer (a recording keeps a client's giant line whole; replay sends it so). Bounded by the script.
 */
export function lineLimitFor(expected: string | undefined): number {
  if (expected === undefined || expected.length * 3 <= MAX_CLIENT_LINE) return MAX_CLIENT_LINE;
  return Math.max(MAX_CLIENT_LINE, Buffer.byteLength(expected));
}

/** A limit from `lineLimitFor`, as a report says it. */
export function describeLineLimit(limit: number): string {
  return limit === MAX_CLIENT_LINE ? '64 KiB' : `${limit} octets, the line the transcript writes here`;
}

/** `bareLf`: the line ended with a LF alone, where RFC 5321 §2.3.8 has a client send CRLF (`readLine` only). */
export type ClientInput<T> = { value: T; bareLf?: true } | { closed: true } | { timedOut: true } | { tooLong: true };

/**
 * Octets held unread while no read waits for more (a client talking through a `<delay>`, or pipelining far ahead):
 * past this the socket is paused, and TCP holds the client back, until a read needs more.
 */
export const MOST_HELD_AHEAD = 1024 * 1024;

export class ClientReader {
  /** What arrived and is not read yet: `store[start, end)`. The store grows by doubling, so a 64 MiB BDAT chunk
   * arriving in 64 KiB reads is copied a few times over, not once per read (which took minutes). */
  private store: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  private paused = false;
  private ended = false;
  /** Ends the wait in progress, if what it waits for is there (or `timedOut`). */
  private wake?: (timedOut?: boolean) => void;
  /** When the wait in progress gives up (performance.now(), a clock that never goes back). */
  private deadline = 0;
  private timer?: NodeJS.Timeout;
  /** When `timer` fires. */
  private timerAt = 0;
  private socket!: Socket;
  private readonly onData = (chunk: Buffer): void => {
    this.onBytes?.(chunk);
    this.append(chunk);
    this.wake?.();
    // A wait still in progress needs more than there is (a chunk's octets): the socket keeps flowing for it.
    if (!this.wake && this.end - this.start > MOST_HELD_AHEAD) this.pause();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake?.();
    clearTimeout(this.timer);
    this.timer = undefined;
  };

  /** `onBytes` sees every chunk as it arrives, before it is read: for a recorder, or to time the client. */
  constructor(
    socket: Socket,
    private readonly onBytes?: (chunk: Buffer) => void,
  ) {
    this.attach(socket);
  }

  /** Bytes received but not yet read: after STARTTLS's 220 there must be none (RFC 3207 §5, command injection). */
  get pending(): number {
    return this.end - this.start;
  }

  /** Stops reading `socket` (it is about to carry TLS) and forgets anything it sent in plain text. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    // The TLS layer reads the socket from here: it must not stay paused.
    this.resume();
    this.drop();
  }

  /**
   * Stops reading `socket` and gives back what it sent and was not read: a TLS layer about to read the socket takes
   * them first (socket.unshift; Node's TLSSocket reads what the socket holds buffered).
   */
  handOver(): Buffer {
    const unread = Buffer.from(this.unread());
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.paused = false;
    this.drop();
    return unread;
  }

  /** Up to `octets` of what arrived, left unread. */
  peek(octets: number): Buffer {
    return this.store.subarray(this.start, Math.min(this.end, this.start + octets));
  }

  attach(socket: Socket): void {
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  /**
   * The next line without its CRLF (a bare LF ends a line too, as most servers accept); `maxOctets`: the longest
   * line taken, its line end not counted.
   */
  readLine(timeoutMs: number, maxOctets = MAX_CLIENT_LINE): Promise<ClientInput<string>> {
    return this.waitFor<string>(timeoutMs, () => {
      const buffer = this.unread();
      const end = buffer.indexOf(0x0a);
      if (end < 0) return buffer.length > maxOctets + 1 ? { tooLong: true } : undefined;
      if (end > maxOctets + 1 || (end === maxOctets + 1 && buffer[end - 1] !== 0x0d)) return { tooLong: true };
      const crlf = end > 0 && buffer[end - 1] === 0x0d;
      const line = buffer.toString('utf8', 0, crlf ? end - 1 : end);
      this.consume(end + 1);
      return crlf ? { value: line } : { value: line, bareLf: true };
    });
  }

  /** The next line as octets, its line end (CRLF or a bare LF) kept: message content, stored exactly as sent. */
  readLineOctets(timeoutMs: number): Promise<ClientInput<Buffer>> {
    return this.waitFor<Buffer>(timeoutMs, () => {
      const buffer = this.unread();
      const end = buffer.indexOf(0x0a);
      if (end < 0) return buffer.length > MAX_CLIENT_LINE ? { tooLong: true } : undefined;
      if (end > MAX_CLIENT_LINE) return { tooLong: true };
      return { value: this.take(end + 1) };
    });
  }

  /** Exactly `count` octets (a BDAT chunk, RFC 3030 §2). */
  readOctets(count: number, timeoutMs: number): Promise<ClientInput<Buffer>> {
    return this.waitFor<Buffer>(timeoutMs, () => (this.pending < count ? undefined : { value: this.take(count) }));
  }

  /** Resolves as soon as the client sends anything (left unread: its octets so far), closes, or `timeoutMs` passed. */
  waitForInput(timeoutMs: number): Promise<ClientInput<number>> {
    return this.waitFor<number>(timeoutMs, () => (this.pending > 0 ? { value: this.pending } : undefined));
  }

  /** Resolves once the client has closed its side (or `timeoutMs` passed): for `C: <close>` and `S: <silence>`. */
  async waitForClose(timeoutMs: number): Promise<boolean> {
    // What the client sends meanwhile is not read: dropped, so a client cannot fill memory while it waits.
    const outcome = await this.waitFor(timeoutMs, () => void this.drop());
    return 'closed' in outcome;
  }

  private waitFor<T>(timeoutMs: number, take: () => ClientInput<T> | undefined): Promise<ClientInput<T>> {
    // Most lines are read already: a message's lines come in one packet. No timer for those.
    const ready = take() ?? (this.ended ? { closed: true as const } : undefined);
    if (ready) return Promise.resolve(ready);
    this.resume();
    return new Promise((resolve) => {
      this.deadline = performance.now() + timeoutMs;
      this.wake = (timedOut) => {
        const outcome = timedOut ? { timedOut: true as const } : (take() ?? (this.ended ? { closed: true as const } : undefined));
        if (!outcome) return;
        this.wake = undefined;
        resolve(outcome);
      };
      this.armTimer();
    });
  }

  /**
   * One timer for the reader, not one per wait (a mock under load waits for every command): it is set for the wait's
   * deadline, and a wait that ends before it leaves it running; when it fires early for a later wait, it is set again
   * for the rest. Unreferenced: the open socket is what keeps a wait alive.
   */
  private armTimer(): void {
    if (this.timer && this.timerAt <= this.deadline) return;
    clearTimeout(this.timer);
    this.timerAt = this.deadline;
    this.timer = setTimeout(this.onTimer, Math.max(0, this.deadline - performance.now())).unref();
  }

  private unread(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  /** The next `octets` unread octets, copied out of the store (which is reused). */
  private take(octets: number): Buffer {
    const taken = Buffer.from(this.store.subarray(this.start, this.start + octets));
    this.consume(octets);
    return taken;
  }

  private consume(octets: number): void {
    this.start += octets;
    if (this.start === this.end) this.start = this.end = 0;
  }

  private drop(): void {
    this.start = this.end = 0;
    // A large store is not kept for the rest of a connection that needed it once.
    if (this.store.length > MOST_HELD_AHEAD) this.store = Buffer.alloc(0);
  }

  private append(chunk: Buffer): void {
    const unread = this.end - this.start;
    if (this.end + chunk.length > this.store.length) {
      // Room at the front (read already) is reused when that makes enough; otherwise a store twice the need.
      const store = unread + chunk.length <= this.store.length / 2 ? this.store : Buffer.allocUnsafe(Math.max(2 * (unread + chunk.length), 4096));
      this.store.copy(store, 0, this.start, this.end);
      this.store = store;
      this.start = 0;
      this.end = unread;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.socket.pause();
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (!this.wake) return;
    if (performance.now() >= this.deadline) this.wake(true);
    else this.armTimer();
  };
}
