// An SPF record read into terms (RFC 7208 §4.6, ABNF in §12). "If there are any syntax errors anywhere in the
// record, check_host() returns immediately with the result permerror" (§4.6): the whole record is read before any
// term is evaluated. Pure: text in, terms out, or a SpfSyntaxError saying what is wrong.
import { isIPv4, isIPv6 } from 'node:net';
import { checkMacroString, SpfSyntaxError } from './spfMacro';

export type Qualifier = '+' | '-' | '~' | '?';
export type MechanismKind = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface Mechanism {
  kind: MechanismKind;
  qualifier: Qualifier;
  /** The term as written, for the reason shown. */
  text: string;
  /** include, a, mx, ptr, exists: the domain-spec (a macro-string), when given. */
  domainSpec?: string;
  /** ip4, ip6: the network address. */
  network?: string;
  cidr4?: number;
  cidr6?: number;
}

export interface SpfRecordTerms {
  mechanisms: Mechanism[];
  redirect?: string;
  /** `exp=`: the domain-spec whose TXT record explains a `fail` (§6.2). */
  exp?: string;
  /** True when an `all` is anywhere in the record: a redirect is then ignored (§6.1). */
  hasAll: boolean;
}

const NAMES: readonly string[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] satisfies MechanismKind[];

/** Whether a TXT string is an SPF record: "v=spf1" then a space or the end (§4.5; the literal is case-insensitive). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1(?: |$)/i.test(text);
}

export function parseSpfRecord(record: string): SpfRecordTerms {
  const terms = record.slice('v=spf1'.length).split(' ').filter((term) => term !== '');
  const mechanisms: Mechanism[] = [];
  const modifiers = new Map<string, string>();
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9\-_.]*)=(.*)$/i.exec(term);
    if (modifier && !NAMES.includes(modifier[1].toLowerCase())) {
      const name = modifier[1].toLowerCase();
      checkMacroString(modifier[2], name !== 'redirect');
      // §6: redirect and exp each at most once.
      if ((name === 'redirect' || name === 'exp') && modifiers.has(name)) throw new SpfSyntaxError(`${name}= appears twice (RFC 7208 §6)`);
      if (name === 'redirect' || name === 'exp') checkDomainSpec(modifier[2], term);
      modifiers.set(name, modifier[2]);
      continue;
    }
    mechanisms.push(readMechanism(term));
  }
  return {
    mechanisms,
    ...(modifiers.has('redirect') ? { redirect: modifiers.get('redirect') } : {}),
    ...(modifiers.has('exp') ? { exp: modifiers.get('exp') } : {}),
    hasAll: mechanisms.some((m) => m.kind === 'all'),
  };
}

function readMechanism(term: string): Mechanism {
  const qualifier = ('+-~?'.includes(term[0]) ? term[0] : '+') as Qualifier;
  const body = '+-~?'.includes(term[0]) ? term.slice(1) : term;
  const name = /^[a-z0-9]+/i.exec(body)?.[0].toLowerCase() ?? '';
  const rest = body.slice(name.length);
  if (!NAMES.includes(name)) throw new SpfSyntaxError(`\`${term}\` is not an SPF mechanism or modifier (RFC 7208 §5, §6)`);
  const kind = name as MechanismKind;
  const base = { kind, qualifier, text: term };
  switch (kind) {
    case 'all':
      if (rest !== '') throw new SpfSyntaxError(`\`${term}\`: all takes no argument (RFC 7208 §5.1)`);
      return base;
    case 'include':
    case 'exists':
      if (!rest.startsWith(':') || rest.length === 1) throw new SpfSyntaxError(`\`${term}\`: ${kind} needs a domain, ${kind}:example.org (RFC 7208 §5.2, §5.7)`);
      checkDomainSpec(rest.slice(1), term);
      return { ...base, domainSpec: rest.slice(1) };
    case 'ptr':
      if (rest === '') return base;
      if (!rest.startsWith(':')) throw new SpfSyntaxError(`\`${term}\` is not ptr or ptr:domain (RFC 7208 §5.5)`);
      checkDomainSpec(rest.slice(1), term);
      return { ...base, domainSpec: rest.slice(1) };
    case 'a':
    case 'mx': {
      const [, spec, cidr4, cidr6] = /^(?::([^/]*))?(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(rest) ?? [];
      if (!/^(?::[^/]*)?(?:\/(?:0|[1-9]\d*))?(?:\/\/(?:0|[1-9]\d*))?$/.test(rest)) throw new SpfSyntaxError(`\`${term}\` is not ${kind}[:domain][/cidr][//cidr6] (RFC 7208 §5.3, §5.4)`);
      if (spec !== undefined) checkDomainSpec(spec, term);
      return { ...base, ...(spec !== undefined ? { domainSpec: spec } : {}), ...cidrs(term, cidr4, cidr6) };
    }
    default: {
      const [, network, cidr] = /^:([^/]+)(?:\/(0|[1-9]\d*))?$/.exec(rest) ?? [];
      const valid = kind === 'ip4' ? network !== undefined && isIPv4(network) : network !== undefined && isIPv6(network);
      if (!valid) throw new SpfSyntaxError(`\`${term}\`: ${kind} needs an ${kind === 'ip4' ? 'IPv4' : 'IPv6'} address (RFC 7208 §5.6)`);
      return { ...base, network, ...(kind === 'ip4' ? cidrs(term, cidr, undefined) : cidrs(term, undefined, cidr)) };
    }
  }
}

function cidrs(term: string, cidr4: string | undefined, cidr6: string | undefined): { cidr4?: number; cidr6?: number } {
  if (cidr4 !== undefined && Number(cidr4) > 32) throw new SpfSyntaxError(`\`${term}\`: an IPv4 prefix length is at most 32 (RFC 7208 §5.6)`);
  if (cidr6 !== undefined && Number(cidr6) > 128) throw new SpfSyntaxError(`\`${term}\`: an IPv6 prefix length is at most 128 (RFC 7208 §5.6)`);
  return { ...(cidr4 !== undefined ? { cidr4: Number(cidr4) } : {}), ...(cidr6 !== undefined ? { cidr6: Number(cidr6) } : {}) };
}

// §7.1: domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand;
// toplabel: alphanumerics with a letter, or with inner hyphens (never all digits: a name, not an address).
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

function checkDomainSpec(spec: string, term: string): void {
  checkMacroString(spec);
  if (/%\{[^}]*\}$/.test(spec)) return;
  const labels = spec.replace(/\.$/, '').split('.');
  if (labels.length < 2 || !TOPLABEL.test(labels[labels.length - 1])) throw new SpfSyntaxError(`\`${term}\`: \`${spec}\` does not end in a domain name's top label (RFC 7208 §7.1)`);
}
