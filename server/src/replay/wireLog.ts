// Everything said on the connection, in order, secrets already masked when an entry is made (live listeners see it).
import type { SecretSet } from './secretSet';

export interface WireLogEntry {
  /** `C` sent by the client, `S` received from the server, `info` what replay noticed or did. */
  direction: 'C' | 'S' | 'info';
  /** True once the connection is encrypted (implicit TLS or after STARTTLS). */
  tls: boolean;
  text: string;
  /** Milliseconds since the session started. */
  time: number;
}

export class WireLog {
  readonly entries: WireLogEntry[] = [];
  tls = false;
  private readonly started: number;

  constructor(
    private readonly secrets: SecretSet,
    private readonly onEntry?: (entry: WireLogEntry) => void,
    private readonly clock: () => number = Date.now,
    /** False: nothing is kept or told (results that carry no wire log). */
    private readonly enabled = true,
  ) {
    this.started = clock();
  }

  add(direction: WireLogEntry['direction'], text: string): void {
    if (!this.enabled) return;
    const entry: WireLogEntry = { direction, tls: this.tls, text: this.secrets.mask(text), time: this.clock() - this.started };
    this.entries.push(entry);
    this.onEntry?.(entry);
  }
}
