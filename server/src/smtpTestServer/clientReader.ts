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

export class ClientReader {
  private buffer: Buffer = Buffer.alloc(0);
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
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.wake?.();
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
    return this.buffer.length;
  }

  /** Stops reading `socket` (it is about to carry TLS) and forgets anything it sent in plain text. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.buffer = Buffer.alloc(0);
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
      const end = this.buffer.indexOf(0x0a);
      if (end < 0) return this.buffer.length > maxOctets + 1 ? { tooLong: true } : undefined;
      if (end > maxOctets + 1 || (end === maxOctets + 1 && this.buffer[end - 1] !== 0x0d)) return { tooLong: true };
      const crlf = end > 0 && this.buffer[end - 1] === 0x0d;
      const line = this.buffer.subarray(0, crlf ? end - 1 : end);
      this.buffer = this.buffer.subarray(end + 1);
      return crlf ? { value: line.toString('utf8') } : { value: line.toString('utf8'), bareLf: true };
    });
  }

  /** The next line as octets, its line end (CRLF or a bare LF) kept: message content, stored exactly as sent. */
  readLineOctets(timeoutMs: number): Promise<ClientInput<Buffer>> {
    return this.waitFor<Buffer>(timeoutMs, () => {
      const end = this.buffer.indexOf(0x0a);
      if (end < 0) return this.buffer.length > MAX_CLIENT_LINE ? { tooLong: true } : undefined;
      if (end > MAX_CLIENT_LINE) return { tooLong: true };
      const line = Buffer.from(this.buffer.subarray(0, end + 1));
      this.buffer = this.buffer.subarray(end + 1);
      return { value: line };
    });
  }

  /** Exactly `count` octets (a BDAT chunk, RFC 3030 §2). */
  readOctets(count: number, timeoutMs: number): Promise<ClientInput<Buffer>> {
    return this.waitFor<Buffer>(timeoutMs, () => {
      if (this.buffer.length < count) return undefined;
      const chunk = this.buffer.subarray(0, count);
      this.buffer = this.buffer.subarray(count);
      return { value: Buffer.from(chunk) };
    });
  }

  /** Resolves as soon as the client sends anything (left unread: its octets so far), closes, or `timeoutMs` passed. */
  waitForInput(timeoutMs: number): Promise<ClientInput<number>> {
    return this.waitFor<number>(timeoutMs, () => (this.buffer.length > 0 ? { value: this.buffer.length } : undefined));
  }

  /** Resolves once the client has closed its side (or `timeoutMs` passed): for `C: <close>` and `S: <silence>`. */
  async waitForClose(timeoutMs: number): Promise<boolean> {
    // What the client sends meanwhile is not read: dropped, so a client cannot fill memory while it waits.
    const outcome = await this.waitFor(timeoutMs, () => void (this.buffer = Buffer.alloc(0)));
    return 'closed' in outcome;
  }

  private waitFor<T>(timeoutMs: number, take: () => ClientInput<T> | undefined): Promise<ClientInput<T>> {
    // Most lines are read already: a message's lines come in one packet. No timer for those.
    const ready = take() ?? (this.ended ? { closed: true as const } : undefined);
    if (ready) return Promise.resolve(ready);
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

  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (!this.wake) return;
    if (performance.now() >= this.deadline) this.wake(true);
    else this.armTimer();
  };
}
