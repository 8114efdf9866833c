// The secret values of one replay (passwords, tokens, AUTH payloads): everything shown passes through `mask`.
import { maskSecrets } from '../model/secrets';

// A secret this short is not looked for base64-encoded too: its encoding would be a few letters that ordinary text
// holds.
const SHORTEST_ENCODED = 4;

// A secret shorter than this is likely to stand in other text too (`test` in `client.test`): masked there as well,
// it shows the reader of a report where it stands, and what it is.
const SHORT_SECRET = 8;

export class SecretSet {
  private readonly values = new Set<string>();
  private shortest = Infinity;

  /**
   * Each value, and its base64 encoding (without padding, so an echo that drops it is found too): a server that
   * echoes `dGVzdHBhc3M=` echoes the password.
   */
  add(values: Iterable<string>): void {
    for (const value of values) {
      if (value.length === 0) continue;
      this.values.add(value);
      this.shortest = Math.min(this.shortest, value.length);
      if (value.length >= SHORTEST_ENCODED) this.values.add(Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, ''));
    }
  }

  /** Why the report may show `****` where no secret was sent: a secret so short that other text holds it; else undefined. */
  get shortSecretNote(): string | undefined {
    if (this.shortest >= SHORT_SECRET) return undefined;
    return `a secret of this session is ${this.shortest} character${this.shortest === 1 ? '' : 's'} long: wherever other text holds it (a host name, a reply), that is masked too, which shows where it stands; a secret of ${SHORT_SECRET} characters or more keeps the report readable`;
  }

  /** Whether `bytes` hold any secret value as UTF-8 (what goes on the wire). */
  foundIn(bytes: Buffer): boolean {
    for (const value of this.values) if (bytes.includes(value, 0, 'utf8')) return true;
    return false;
  }

  mask(text: string): string {
    return this.values.size === 0 ? text : maskSecrets(text, [...this.values]);
  }

  /** Masks every string inside a plain-data result (arrays and objects, recursively). */
  maskDeep<T>(value: T): T {
    if (this.values.size === 0) return value;
    if (typeof value === 'string') return this.mask(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.maskDeep(v)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = this.maskDeep(v);
      return out as T;
    }
    return value;
  }
}
