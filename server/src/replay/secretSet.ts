// The secret values of one replay (passwords, tokens, AUTH payloads): everything shown passes through `mask`.
import { maskSecrets } from '../model/secrets';


export class SecretSet {
  private readonly values = new Set<string>();

  add(values: Iterable<string>): void {
    for (const value of values) if (value.length > 0) this.values.add(value);
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
