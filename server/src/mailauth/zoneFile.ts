// The zone file: DNS records written by hand for offline and CI use (docs/zone-file.md). A subset of the BIND
// master-file format (RFC 1035 §5.1), so records can be pasted from a DNS provider or `dig` output:
//   name [TTL] [IN] TYPE value        ; comment
// Names are written in full (no $ORIGIN, no `@`); a value may run over several lines inside `( ... )`.
// Pure: text in, records and problems out.
import { isDomainName } from '../dialogue/domainName';
import { looksBinary } from '../model/binaryText';

/** A zone file is written by hand: anything this large is a wrong path (a mailbox, a disk image). */
export const MAX_ZONE_OCTETS = 4 * 1024 * 1024;

export const ZONE_RECORD_TYPES = ['TXT', 'MX', 'A', 'AAAA', 'PTR', 'CNAME'] as const;
export type ZoneRecordType = (typeof ZONE_RECORD_TYPES)[number];

/**
 * `name SERVFAIL`: not a record but the answer every question about the name gets, a server failure (RFC 1035 §4.1.1,
 * RCODE 2). The checks read it as a temporary DNS error (SPF `temperror`, RFC 7208 §2.6.6; DKIM `temperror`).
 */
export const SERVER_FAILURE = 'SERVFAIL';

export type ZoneRecord =
  | { name: string; type: 'TXT'; strings: string[]; line: number }
  | { name: string; type: 'MX'; priority: number; exchange: string; line: number }
  | { name: string; type: 'A' | 'AAAA' | 'PTR' | 'CNAME'; value: string; line: number }
  | { name: string; type: typeof SERVER_FAILURE; line: number };

export interface ZoneProblem {
  /** 1-based line of the zone file. */
  line: number;
  message: string;
}

export interface Zone {
  records: ZoneRecord[];
  problems: ZoneProblem[];
}

/** A name as compared: lower case, no final dot (RFC 4343: DNS names are case-insensitive). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

export function parseZone(text: string): Zone {
  const zone: Zone = { records: [], problems: [] };
  // A file that is no text (an image, a key in DER form): one problem, not one for each fragment between its newlines.
  if (looksBinary(text)) {
    zone.problems.push({ line: 1, message: 'this is no zone file: it holds NUL bytes or mostly control characters; a zone file is text, a `name [TTL] [IN] TYPE value` record a line' });
    return zone;
  }
  for (const entry of logicalLines(text, zone.problems)) {
    const problem = readRecord(entry.tokens, entry.line, zone.records);
    if (problem) zone.problems.push({ line: entry.line, message: problem });
  }
  return zone;
}

type Token = { text: string; quoted: boolean };

/** Lines with comments removed and `( ... )` groups joined, split into tokens. */
function* logicalLines(text: string, problems: ZoneProblem[]): Generator<{ line: number; tokens: Token[] }> {
  const lines = text.split(/\r?\n/);
  let pending: { line: number; tokens: Token[] } | undefined;
  let depth = 0;
  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    const scanned = scanLine(raw);
    if (scanned.error) {
      problems.push({ line: lineNumber, message: scanned.error });
      continue;
    }
    let tokens: Token[] = [];
    for (const token of scanned.tokens) {
      if (!token.quoted && token.text === '(') depth++;
      else if (!token.quoted && token.text === ')') depth--;
      else tokens.push(token);
    }
    if (depth < 0) {
      problems.push({ line: lineNumber, message: 'a `)` closes no `(`' });
      depth = 0;
      pending = undefined;
      continue;
    }
    if (pending) {
      for (const token of tokens) pending.tokens.push(token);
      tokens = [];
    } else if (tokens.length > 0) pending = { line: lineNumber, tokens };
    if (depth === 0 && pending) {
      yield pending;
      pending = undefined;
    }
  }
  if (pending) problems.push({ line: pending.line, message: 'the `(` opened here is never closed' });
}

/** Tokens of one line: words, and "quoted strings" with `\"` and `\\` escapes; `;` or `#` starts a comment. */
function scanLine(line: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < line.length) {
    const char = line[at];
    // Any blank separates, not only space and tab: a word stops at one, so a blank left unread would never be passed
    // (a no-break space pasted from a DNS provider's page, a form feed).
    if (/\s/.test(char)) {
      at++;
    } else if (char === ';' || char === '#') {
      break;
    } else if (char === '"') {
      let value = '';
      at++;
      while (at < line.length && line[at] !== '"') {
        if (line[at] === '\\' && at + 1 < line.length) at++;
        value += line[at++];
      }
      if (at >= line.length) return { tokens, error: 'a quoted string is not closed on its line' };
      at++;
      tokens.push({ text: value, quoted: true });
    } else if (char === '(' || char === ')') {
      tokens.push({ text: char, quoted: false });
      at++;
    } else {
      const start = at;
      while (at < line.length && !/[\s;#"()]/.test(line[at])) at++;
      tokens.push({ text: line.slice(start, at), quoted: false });
    }
  }
  return { tokens };
}

/** A name written in full, maybe with a final dot, and `*.` before it for a wildcard (RFC 4592). */
const isZoneName = (text: string): boolean => isDomainName(text.replace(/^\*\./, '').replace(/\.$/, ''));
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// A TXT string holds at most 255 octets (RFC 1035 §3.3); longer values are written as several strings.
const MAX_TXT_STRING = 255;

function readRecord(tokens: Token[], line: number, records: ZoneRecord[]): string | undefined {
  const words = [...tokens];
  const nameToken = words.shift()!;
  if (nameToken.quoted || nameToken.text.startsWith('$') || nameToken.text === '@') {
    return `\`${nameToken.text}\` is not supported here: write every name in full, e.g. \`example.test\``;
  }
  if (!isZoneName(nameToken.text)) return `\`${nameToken.text}\` is not a domain name`;
  const name = normalizeName(nameToken.text);
  if (words[0] && !words[0].quoted && /^\d+$/.test(words[0].text)) words.shift();
  if (words[0] && !words[0].quoted && words[0].text.toUpperCase() === 'IN') words.shift();
  const typeToken = words.shift();
  if (!typeToken) return `the record for ${name} has no type: expected one of ${ZONE_RECORD_TYPES.join(', ')}`;
  const type = typeToken.text.toUpperCase();
  if (type === SERVER_FAILURE) {
    if (words.length > 0) return `\`${name} SERVFAIL\` takes no value: every question about ${name} fails as a server failure`;
    records.push({ name, type, line });
    return undefined;
  }
  if (!(ZONE_RECORD_TYPES as readonly string[]).includes(type)) {
    return `\`${typeToken.text}\` is not a record type this zone file knows: ${ZONE_RECORD_TYPES.join(', ')} (or SERVFAIL, a failing name)`;
  }
  if (words.length === 0) return `the ${type} record for ${name} has no value`;
  switch (type) {
    case 'TXT': {
      // Unquoted, `v=spf1 -all` would be two strings joined as `v=spf1-all`, and `v=DMARC1; p=reject` would end at `;`.
      const bare = words.find((w) => !w.quoted);
      if (bare) {
        const meant = words.map((w) => w.text).join(' ');
        return `\`${bare.text}\` is not in quotes: a TXT value is one or more "quoted strings", e.g. \`${name} TXT "${meant}"\` (unquoted words are joined without their spaces, and \`;\` starts a comment)`;
      }
      const long = words.find((w) => Buffer.byteLength(w.text) > MAX_TXT_STRING);
      if (long) return `a TXT string holds at most ${MAX_TXT_STRING} octets (RFC 1035 §3.3): split it into several "quoted" "strings"`;
      records.push({ name, type, strings: words.map((w) => w.text), line });
      return undefined;
    }
    case 'MX': {
      if (words.length !== 2 || !/^\d+$/.test(words[0].text) || Number(words[0].text) > 65535) {
        return `an MX record is \`name MX priority host\` (RFC 1035 §3.3.9), e.g. \`${name} MX 10 mx.${name}\``;
      }
      if (!isZoneName(words[1].text)) return `\`${words[1].text}\` is not a host name`;
      records.push({ name, type, priority: Number(words[0].text), exchange: normalizeName(words[1].text), line });
      return undefined;
    }
    default: {
      if (words.length !== 1) return `a ${type} record has one value`;
      const value = words[0].text;
      if (type === 'A' && !IPV4.test(value)) return `\`${value}\` is not an IPv4 address`;
      if (type === 'AAAA' && !(value.includes(':') && /^[0-9A-Fa-f:.]+$/.test(value))) return `\`${value}\` is not an IPv6 address`;
      if ((type === 'PTR' || type === 'CNAME') && !isZoneName(value)) return `\`${value}\` is not a host name`;
      records.push({ name, type: type as 'A' | 'AAAA' | 'PTR' | 'CNAME', value: type === 'A' || type === 'AAAA' ? value : normalizeName(value), line });
      return undefined;
    }
  }
}
