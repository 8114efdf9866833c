// SPF macro expansion (RFC 7208 §7). mailauth 4.13 expanded %{d} to the MAIL FROM domain everywhere, while %{d} is
// the domain being evaluated, the include or redirect target inside one (§7.3: "d = <domain>"); it let c, r and t
// out of exp= text, and read %{d0} as the whole name.
// Pure: a macro-string and the check's values in, the expansion out, or a SpfSyntaxError saying what is wrong.

export class SpfSyntaxError extends Error {}

export interface MacroValues {
  /** <sender>: the MAIL FROM address, or postmaster@ the HELO name (§4.3). */
  sender: string;
  /** <domain>: the domain being evaluated (changes with include and redirect). */
  domain: string;
  /** <ip>: the client's address, IPv4 dotted or IPv6. */
  ip: string;
  helo: string;
  /** The p macro's validated domain name of <ip> (§7.3), looked up only when a record uses %{p}. */
  validatedName?: string;
}

/** What only an explanation (exp= text, §6.2) may name: the c, r and t macros (§7.3). */
export interface ExplanationValues extends MacroValues {
  /** r: the domain name of the host performing the check. */
  receiver: string;
  /** t: the current time, in seconds since the epoch. */
  now: number;
}

// §7.1: macro-letter; c, r and t only in exp= text.
const DOMAIN_LETTERS = 'slodiphv';
const EXPLANATION_LETTERS = 'slodiphvcrt';
const DELIMITERS = '.-+,/_=';

/** Whether `text` holds a %{p} macro (its lookup is made only then). */
export function usesValidatedName(text: string): boolean {
  return /%\{p/i.test(text);
}

/**
 * Checks a macro-string's syntax (§7.1) without expanding it: the record's terms are all checked before any is
 * evaluated (§4.6). An unknown modifier's value is never expanded, so any macro letter may stand in it (`anyLetter`).
 */
export function checkMacroString(text: string, anyLetter = false): void {
  expandMacros(anyLetter ? text.replace(/%\{[crt]/gi, '%{d') : text, { sender: 'a@b.c', domain: 'b.c', ip: '192.0.2.1', helo: 'b.c', validatedName: 'unknown' });
}

/** `text` with its macros expanded (§7.3, §7.4). */
export function expandMacros(text: string, values: MacroValues): string {
  return expand(text, values, false);
}

/** An explanation string (§6.2: `explain-string = *( macro-string / SP )`) with its macros expanded, c, r and t too. */
export function expandExplanation(text: string, values: ExplanationValues): string {
  return expand(text, values, true);
}

function expand(text: string, values: MacroValues | ExplanationValues, explanation: boolean): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (char !== '%') {
      // §7.1: macro-literal = %x21-24 / %x26-7E; an explanation also holds spaces.
      if ((char < '!' || char > '~') && !(explanation && char === ' ')) throw new SpfSyntaxError(`\`${text}\` holds a character SPF does not allow here`);
      out += char;
      at++;
      continue;
    }
    const next = text[at + 1];
    if (next === '%' || next === '_' || next === '-') {
      out += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      at += 2;
      continue;
    }
    const close = text.indexOf('}', at);
    if (next !== '{' || close < 0) throw new SpfSyntaxError(`\`${text}\`: a % must start %{...}, %%, %_ or %- (RFC 7208 §7.1)`);
    out += expandOne(text.slice(at + 2, close), values, explanation);
    at = close + 1;
  }
  return out;
}

function expandOne(body: string, values: MacroValues | ExplanationValues, explanation: boolean): string {
  const match = /^([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)$/i.exec(body);
  if (!match) throw new SpfSyntaxError(`%{${body}} is not a macro (RFC 7208 §7.1)`);
  const [, letter, digits, reverse, delimiters] = match;
  const lower = letter.toLowerCase();
  if (!(explanation ? EXPLANATION_LETTERS : DOMAIN_LETTERS).includes(lower)) {
    throw new SpfSyntaxError(`%{${letter}} is ${'crt'.includes(lower) ? 'allowed only in exp= text' : 'not a macro letter'} (RFC 7208 §7.1)`);
  }
  if (digits !== '' && Number(digits) === 0) throw new SpfSyntaxError(`%{${body}}: the number of parts must not be zero (RFC 7208 §7.3)`);
  let parts = value(lower, values).split(new RegExp(`[${escapeClass(delimiters || '.')}]`));
  if (reverse) parts = parts.reverse();
  if (digits !== '') parts = parts.slice(-Number(digits));
  const expanded = parts.join('.');
  // §7.3: an upper-case macro letter is URL-escaped after expansion.
  return letter === lower ? expanded : encodeURIComponent(expanded).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function value(letter: string, values: MacroValues | ExplanationValues): string {
  const at = values.sender.lastIndexOf('@');
  switch (letter) {
    case 'c':
      // §7.3: the client's address in its readable form (dotted quad, or RFC 5952's compressed IPv6 text).
      return values.ip.includes(':') ? new URL(`http://[${values.ip}]/`).hostname.slice(1, -1) : values.ip;
    case 'r':
      return (values as ExplanationValues).receiver;
    case 't':
      return String((values as ExplanationValues).now);
    case 's':
      return values.sender;
    case 'l':
      return values.sender.slice(0, at);
    case 'o':
      return values.sender.slice(at + 1);
    case 'd':
      return values.domain;
    case 'i':
      return values.ip.includes(':') ? ipv6Nibbles(values.ip) : values.ip;
    case 'p':
      return values.validatedName ?? 'unknown';
    case 'h':
      return values.helo;
    default:
      return values.ip.includes(':') ? 'ip6' : 'in-addr';
  }
}

/** §7.3: an IPv6 <ip> in %{i} is its 32 nibbles, dot-separated. */
export function ipv6Nibbles(ip: string): string {
  const [head, tail = ''] = ip.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = groups(tail);
  const all = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return all.map((group) => group.padStart(4, '0')).join('').split('').join('.');
}

function escapeClass(chars: string): string {
  return [...new Set(chars)].filter((c) => DELIMITERS.includes(c)).map((c) => `\\${c}`).join('');
}
