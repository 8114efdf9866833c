// Closes a client that sends too slowly. An idle client must be closed, and so must one that drips one byte a second:
// it is never idle and would hold a connection for ever. Each client turn (what it sends between two server replies:
// a command, a pipelined group, or message content) must arrive within `commandTimeoutMs` plus one second per
// `minBytesPerSecond` octets received; past that the server answers `421 4.4.2` and closes, as RFC 5321 §4.5.3.2
// lets a server do on its timeouts. A client waiting for a reply sends nothing and is not timed.
import { MAX_TIMER_MS } from '../settings/settingValues';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';

export interface ClientPace {
  /** The time a client turn may take, whatever its size (default 60 s). */
  commandTimeoutMs: number;
  /** The slowest average rate beyond that (default 1024 octets/s: a 10 MiB message may take about 3 hours). */
  minBytesPerSecond: number;
}

export const defaultClientPace: ClientPace = {
  commandTimeoutMs: TEST_SERVER_DEFAULTS.commandTimeoutSeconds * 1000,
  minBytesPerSecond: TEST_SERVER_DEFAULTS.minBytesPerSecond,
};

/** What the clock says when it gives up on a client: nothing arrived (idle), or too little too slowly. */
export type PaceVerdict = { kind: 'idle' | 'too-slow'; received: number; elapsedMs: number };

/**
 * Times one connection's client turns. `replied()` when the server writes a reply (the client's next turn starts),
 * `working()` while the server handles what it read (not the client's time), `received(octets)` as bytes arrive.
 * `onExpired` is called once, from a timer or from `received`.
 */
export class TurnClock {
  private turnStart = Date.now();
  private octets = 0;
  private timer?: NodeJS.Timeout;
  private expired = false;

  constructor(
    private readonly pace: ClientPace,
    private readonly onExpired: (verdict: PaceVerdict) => void,
  ) {
    this.arm();
  }

  replied(): void {
    this.turnStart = Date.now();
    this.octets = 0;
    this.arm();
  }

  working(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** False once the turn has taken too long: what arrived is not to be read. */
  received(octets: number): boolean {
    if (this.expired) return false;
    this.octets += octets;
    if (Date.now() > this.deadline()) {
      this.expire();
      return false;
    }
    this.arm();
    return true;
  }

  stop(): void {
    this.expired = true;
    this.working();
  }

  private deadline(): number {
    return this.turnStart + this.pace.commandTimeoutMs + (this.octets * 1000) / this.pace.minBytesPerSecond;
  }

  private arm(): void {
    if (this.expired) return;
    clearTimeout(this.timer);
    // A deadline further off than a timer can wait (a large message at a low rate) would fire at once: wake at the
    // timer's limit and look again.
    const wait = Math.min(Math.max(0, this.deadline() - Date.now()) + 1, MAX_TIMER_MS);
    this.timer = setTimeout(() => (Date.now() > this.deadline() ? this.expire() : this.arm()), wait);
    this.timer.unref();
  }

  private expire(): void {
    if (this.expired) return;
    const verdict: PaceVerdict = { kind: this.octets === 0 ? 'idle' : 'too-slow', received: this.octets, elapsedMs: Date.now() - this.turnStart };
    this.stop();
    this.onExpired(verdict);
  }
}
