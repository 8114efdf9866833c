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
    this.keep(direction, text, this.clock() - this.started);
  }

  /** The lines of one write, logged at one moment: one clock reading for a whole message's lines. */
  addAll(lines: readonly Pick<WireLogEntry, 'direction' | 'text'>[]): void {
    if (!this.enabled || lines.length === 0) return;
    const time = this.clock() - this.started;
    for (const line of lines) this.keep(line.direction, line.text, time);
  }

  private keep(direction: WireLogEntry['direction'], text: string, time: number): void {
    const entry: WireLogEntry = { direction, tls: this.tls, text: this.secrets.mask(text), time };
    this.entries.push(entry);
    this.onEntry?.(entry);
  }
}
