// The address grammar of RFC 5321 §4.1.2 (with RFC 6531's UTF-8 in local parts and domains): mailboxes, domains and
// address literals. Pure checks on text; offsets in the problems are relative to the text checked.
import { isIPv4, isIPv6 } from 'node:net';
import { SMTP_SIZE_LIMITS } from '../../../knowledge/limits';
import { isAtext } from '../../../knowledge/parameterSyntax';
import { excerpt } from './excerpt';
import { mayExceedOctets } from './payloadOctets';

export type AddressRuleId = 'path-syntax' | 'address-literal-syntax' | 'local-part-too-long' | 'domain-too-long';

export interface AddressProblem {
  rule: AddressRuleId;
  message: string;
  start: number;
  end: number;
  /** Replaces start..end when the correction is unambiguous. */
  replacement?: string;
}

// qtextSMTP and quoted-pairSMTP (RFC 5321 §4.1.2).
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\uffff]|\\[\x20-\x7e])*"$/;
const MAX_LOCAL_PART_OCTETS = SMTP_SIZE_LIMITS.localPart.octets;
const MAX_DOMAIN_OCTETS = SMTP_SIZE_LIMITS.domain.octets;

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Checks `local-part@domain` (or `[address literal]` after the `@`). */
export function checkMailbox(text: string): AddressProblem[] {
  const at = localPartEnd(text);
  if (at === undefined || text[at] !== '@') {
    return [{ rule: 'path-syntax', message: `\`${excerpt(text)}\` is not a mailbox: expected \`local-part@domain\` (RFC 5321 §4.1.2).`, start: 0, end: text.length }];
  }
  const local = text.slice(0, at);
  const problems: AddressProblem[] = [];
  if (!isDotString(local) && !QUOTED_STRING.test(local)) {
    problems.push({
      rule: 'path-syntax',
      message: `The local part \`${excerpt(local)}\` is neither a dot-string (atoms separated by single dots, no leading or trailing dot) nor a quoted string (RFC 5321 §4.1.2): quote it (\`"${excerpt(local.replace(/["\\]/g, '\\$&'))}"\`) or remove the offending characters.`,
      start: 0,
      end: at,
    });
  } else if (mayExceedOctets(local, MAX_LOCAL_PART_OCTETS) && octets(local) > MAX_LOCAL_PART_OCTETS) {
    problems.push({
      rule: 'local-part-too-long',
      message: `The local part takes ${octets(local)} octets; servers need accept only 64 (RFC 5321 §4.5.3.1.1). Shorten it.`,
      start: 0,
      end: at,
    });
  }
  // Most domains are fine: no list mapped, nothing spread.
  const domainProblems = checkDomainOrLiteral(text.slice(at + 1));
  for (let i = 0; i < domainProblems.length; i++) {
    const p = domainProblems[i];
    problems.push({ ...p, start: p.start + at + 1, end: p.end + at + 1 });
  }
  return problems;
}

/**
 * `Dot-string = Atom *("."  Atom)` (RFC 5321 §4.1.2): atoms of atext separated by single dots. Scanned, not matched:
 * every MAIL and RCPT of a file has a local part, and a regex over a class up to U+FFFF is slow to start in the CLI.
 */
function isDotString(text: string): boolean {
  let atomStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 0x2e) {
      if (!isAtext(text.charCodeAt(i), true)) return false;
      continue;
    }
    // An atom ends: it is not empty (no dot first, last or twice in a row).
    if (i === atomStart) return false;
    atomStart = i + 1;
  }
  return true;
}

/**
 * `sub-domain *("." sub-domain)` (RFC 5321 §4.1.2): letters, digits (and UTF-8, RFC 6531 §3.3) with inner hyphens.
 * Scanned: every MAIL, RCPT and EHLO of a file has a domain, and a split and a regex per label allocate.
 */
function isDomain(text: string): boolean {
  if (text === '') return false;
  let labelStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 0x2e) {
      if (!isLabelCharacter(text.charCodeAt(i))) return false;
      continue;
    }
    // A label ends: not empty, no hyphen first or last.
    if (i === labelStart || text.charCodeAt(labelStart) === 0x2d || text.charCodeAt(i - 1) === 0x2d) return false;
    labelStart = i + 1;
  }
  return true;
}

function isLabelCharacter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code >= 0x80;
}

/** Where the local part ends: the `@` after a dot-string, or the character after a quoted string's closing quote. */
function localPartEnd(text: string): number | undefined {
  if (!text.startsWith('"')) {
    const at = text.indexOf('@');
    return at < 0 ? undefined : at;
  }
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return undefined;
}

/** A domain or an address literal, as after the `@` of a mailbox or as the argument of EHLO. */
export function checkDomainOrLiteral(text: string): AddressProblem[] {
  if (text.startsWith('[')) return checkAddressLiteral(text);
  return checkDomain(text);
}

export function checkDomain(text: string): AddressProblem[] {
  if (!isDomain(text)) {
    return [{
      rule: 'path-syntax',
      message: `\`${excerpt(text)}\` is not a domain: labels of letters, digits and inner hyphens separated by single dots, no trailing dot (RFC 5321 §4.1.2). Use an address literal such as \`[192.0.2.1]\` for an IP address.`,
      start: 0,
      end: text.length,
    }];
  }
  if (mayExceedOctets(text, MAX_DOMAIN_OCTETS) && octets(text) > MAX_DOMAIN_OCTETS) {
    return [{
      rule: 'domain-too-long',
      message: `The domain takes ${octets(text)} octets; a domain name is at most 255 (RFC 5321 §4.5.3.1.2). Shorten it.`,
      start: 0,
      end: text.length,
    }];
  }
  return [];
}

const IPV6_TAG = /^IPv6:/i;

/** `[192.0.2.1]`, `[IPv6:2001:db8::1]` (RFC 5321 §4.1.3). */
export function checkAddressLiteral(text: string): AddressProblem[] {
  const inner = text.endsWith(']') ? text.slice(1, -1) : undefined;
  const ipv6 = inner !== undefined && IPV6_TAG.test(inner) ? inner.slice(5) : undefined;
  if (inner !== undefined && (ipv6 !== undefined ? isIPv6(ipv6) : isIPv4(inner))) return [];
  const untaggedIpv6 = inner !== undefined && isIPv6(inner);
  return [{
    rule: 'address-literal-syntax',
    message: untaggedIpv6
      ? `An IPv6 address literal carries the tag \`IPv6:\`: write \`[IPv6:${inner}]\` (RFC 5321 §4.1.3).`
      : `\`${excerpt(text)}\` is not an address literal: write \`[192.0.2.1]\` for IPv4 or \`[IPv6:2001:db8::1]\` for IPv6 (RFC 5321 §4.1.3).`,
    start: 0,
    end: text.length,
    ...(untaggedIpv6 ? { replacement: `[IPv6:${inner}]` } : {}),
  }];
}
