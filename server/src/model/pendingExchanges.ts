// The exchanges sent and not yet answered, oldest first: a queue read from the front. A list shifted at every reply
// moves everything behind the front each time, and a pipelined group of thousands of commands made that quadratic.
import type { Exchange } from './types';

export class PendingExchanges {
  private items: Exchange[] = [];
  private head = 0;

  get isEmpty(): boolean {
    return this.head === this.items.length;
  }

  push(exchange: Exchange): void {
    this.items.push(exchange);
  }

  /** The one sent last, if it is still pending. */
  last(): Exchange | undefined {
    return this.isEmpty ? undefined : this.items[this.items.length - 1];
  }

  /** How far from the front the first pending exchange that `fits` stands (-1: none). */
  indexOf(fits: (exchange: Exchange) => boolean): number {
    for (let i = this.head; i < this.items.length; i++) if (fits(this.items[i])) return i - this.head;
    return -1;
  }

  /** Drops the first `count` (they keep no reply). */
  drop(count: number): void {
    this.head = Math.min(this.head + count, this.items.length);
  }

  /** Each pending one, oldest first, left in the queue. */
  forEach(visit: (exchange: Exchange) => void): void {
    for (let i = this.head; i < this.items.length; i++) visit(this.items[i]);
  }

  /** Takes the first off the queue. */
  take(): Exchange | undefined {
    return this.isEmpty ? undefined : this.items[this.head++];
  }

  clear(): void {
    // A new list, not `length = 0`: shortening an array is a call into V8's runtime until the parse is optimized,
    // ~12 ms of a cold `smtp-transcript lint` of 5 MB. A list already empty is kept: most groups end so.
    if (this.items.length > 0) this.items = [];
    this.head = 0;
  }
}
