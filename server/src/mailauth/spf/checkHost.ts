// check_host() of RFC 7208: the SPF result for a client IP and a domain, evaluated by the RFC rather than by
// mailauth 4.13, which expanded %{d} to the MAIL FROM domain inside include and redirect targets, let a DNS failure
// in an include pass as "no match" instead of temperror, counted a second ptr as no lookup, and accepted exp= twice.
// DNS answers come from the resolver given (a zone file), never implicitly from the network.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import type { DnsResolver } from '../zoneResolver';
import { expandExplanation, expandMacros, ipv6Nibbles, SpfSyntaxError, usesValidatedName, type MacroValues } from './spfMacro';
import { isSpfRecord, parseSpfRecord, type Mechanism } from './spfRecord';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export interface SpfOutcome {
  result: SpfResult;
  /** The SPF record of the domain checked first (the MAIL FROM or HELO domain). */
  record?: string;
  /** Why: the mechanism that matched (`-all`, `include:b.test`), or what went wrong, with its RFC section. */
  reason?: string;
  /** The mechanism that decided the result, and the domain whose record holds it (a redirect's target). */
  matched?: { term: string; domain: string };
  /** For a `fail`: the domain's own explanation, from the `exp=` of the record that failed (§6.2). */
  explanation?: string;
}

export interface SpfCheck {
  ip: string;
  /** The MAIL FROM address, or postmaster@<HELO name> for the null reverse-path (§2.4). */
  sender: string;
  helo: string;
  resolve: DnsResolver;
  /** The checking host's name (%{r} in an explanation, §7.3). */
  receiver: string;
  /** Seconds since the epoch (%{t} in an explanation); now when not given. */
  now?: number;
}

// §4.6.4: at most 10 terms that query DNS, and at most 2 of those answered with nothing.
const MAX_LOOKUPS = 10;
const MAX_VOID_LOOKUPS = 2;
// §4.6.4: at most 10 exchanges of an mx, 10 names of a ptr.
const MAX_NAMES = 10;
const MAX_EXPLANATION = 200;

class SpfFailure extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    message: string,
  ) {
    super(message);
  }
}

interface Context extends SpfCheck {
  lookups: number;
  voids: number;
  validatedName?: string;
}

const QUALIFIED = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' } as const;

/** check_host(<ip>, <domain of sender>, <sender>) (§4). */
export async function checkHost(check: SpfCheck): Promise<SpfOutcome> {
  // §5: an IPv4-mapped IPv6 address is the IPv4 address.
  const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(check.ip)?.[1] ?? check.ip;
  const context: Context = { ...check, ip, lookups: 0, voids: 0 };
  // RFC 7208 §4.3: a domain in U-labels is looked up as A-labels (RFC 5890).
  const given = check.sender.slice(check.sender.lastIndexOf('@') + 1).toLowerCase();
  const domain = domainToASCII(given) || given;
  const first: { record?: string } = {};
  // §4.3: the MAIL FROM or HELO domain is a host name (RFC 5321 §4.1.2); an address literal such as [192.0.2.1] is not.
  if (!domain.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(label))) {
    return { result: 'none', reason: `${domain || 'the domain'} is not a domain name SPF can check (RFC 7208 §4.3)` };
  }
  try {
    const outcome = await evaluate(context, domain, first, true);
    return { ...outcome, ...(first.record !== undefined ? { record: first.record } : {}) };
  } catch (error) {
    if (error instanceof SpfFailure) return { result: error.result, reason: error.message, ...(first.record !== undefined ? { record: first.record } : {}) };
    if (error instanceof SpfSyntaxError) return { result: 'permerror', reason: error.message, ...(first.record !== undefined ? { record: first.record } : {}) };
    throw error;
  }
}

/** `explains`: a `fail` here is the answer (not inside an include), so its record's `exp=` is read (§6.2). */
async function evaluate(context: Context, domain: string, first: { record?: string } | undefined, explains: boolean): Promise<Omit<SpfOutcome, 'record'>> {
  // §4.3: a malformed or single-label domain, or one that does not exist, has no SPF record.
  if (!validDomain(domain)) return { result: 'none', reason: `${domain || 'the domain'} is not a domain name SPF can check (RFC 7208 §4.3)` };
  const answers = await query(context, domain, 'TXT', false);
  const records = (answers as string[][]).map((strings) => strings.join('')).filter(isSpfRecord);
  if (records.length === 0) return { result: 'none', reason: `${domain} publishes no SPF record (RFC 7208 §4.5)` };
  if (records.length > 1) throw new SpfFailure('permerror', `${domain} publishes ${records.length} SPF records (RFC 7208 §4.5)`);
  if (first) first.record = records[0];
  const terms = parseSpfRecord(records[0]);
  const values: MacroValues = { sender: context.sender, domain, ip: context.ip, helo: context.helo };
  if (usesValidatedName(records[0])) values.validatedName = await validatedName(context, domain);
  for (const mechanism of terms.mechanisms) {
    if (await matches(context, mechanism, values)) {
      const outcome = { result: QUALIFIED[mechanism.qualifier], reason: `${domain} matched ${mechanism.text}`, matched: { term: mechanism.text, domain } };
      const explanation = explains && outcome.result === 'fail' && terms.exp !== undefined ? await explain(context, terms.exp, values) : undefined;
      return explanation === undefined ? outcome : { ...outcome, explanation };
    }
  }
  // §6.1: redirect only when nothing matched and the record has no all.
  if (terms.redirect !== undefined && !terms.hasAll) {
    countLookup(context, `redirect=${terms.redirect}`);
    const target = targetName(terms.redirect, values);
    // §6.2: the target's exp= explains its fail, not this record's.
    const redirected = await within(`redirect=${target}`, () => evaluate(context, target, undefined, explains));
    // §6.1: a redirect to a domain without an SPF record is a permerror.
    if (redirected.result === 'none') throw new SpfFailure('permerror', `redirect=${target}: ${redirected.reason} (RFC 7208 §6.1)`);
    return redirected;
  }
  // §4.7: no match, no redirect.
  return { result: 'neutral', reason: `nothing in the SPF record of ${domain} matched, so the default ?all applies (RFC 7208 §4.7)` };
}

async function matches(context: Context, mechanism: Mechanism, values: MacroValues): Promise<boolean> {
  const target = () => (mechanism.domainSpec !== undefined ? targetName(mechanism.domainSpec, values) : values.domain);
  switch (mechanism.kind) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return inNetwork(context.ip, mechanism.network!, mechanism.kind === 'ip4' ? mechanism.cidr4 : mechanism.cidr6);
    case 'include': {
      countLookup(context, mechanism.text);
      // §6.2: an exp= of the included record is never used.
      const included = await within(mechanism.text, () => evaluate(context, target(), undefined, false));
      // §5.2: pass matches; fail, softfail and neutral do not; an error is the result; none is a permerror.
      if (included.result === 'temperror' || included.result === 'permerror') throw new SpfFailure(included.result, `${mechanism.text}: ${included.reason}`);
      if (included.result === 'none') throw new SpfFailure('permerror', `${mechanism.text}: ${included.reason}, which makes the include a permerror (RFC 7208 §5.2)`);
      return included.result === 'pass';
    }
    case 'a':
      countLookup(context, mechanism.text);
      return (await addresses(context, target(), true)).some((address) => inNetwork(context.ip, address, cidrFor(context, mechanism)));
    case 'mx': {
      countLookup(context, mechanism.text);
      const exchanges = (await query(context, target(), 'MX', true)) as { exchange: string; priority: number }[];
      if (exchanges.length > MAX_NAMES) throw new SpfFailure('permerror', `${mechanism.text}: ${exchanges.length} MX records, more than the ${MAX_NAMES} SPF looks up (RFC 7208 §4.6.4)`);
      for (const { exchange } of [...exchanges].sort((a, b) => a.priority - b.priority)) {
        if ((await addresses(context, exchange, false)).some((address) => inNetwork(context.ip, address, cidrFor(context, mechanism)))) return true;
      }
      return false;
    }
    case 'ptr': {
      countLookup(context, mechanism.text);
      const wanted = target().toLowerCase();
      return (await validatedNames(context)).some((name) => name === wanted || name.endsWith(`.${wanted}`));
    }
    case 'exists':
      countLookup(context, mechanism.text);
      // §5.7: an A query whatever the client's address family.
      return (await query(context, target(), 'A', true)).length > 0;
  }
}

/**
 * §6.2: the explanation a failing record names with `exp=`: the one TXT record of the expanded domain-spec, its
 * strings joined, its macros expanded. Its lookup counts toward no limit; any problem (a DNS error, no record or
 * several, a syntax error) leaves the fail without one.
 */
async function explain(context: Context, spec: string, values: MacroValues): Promise<string | undefined> {
  try {
    const answers = (await context.resolve(targetName(spec, values), 'TXT')) as string[][];
    if (answers.length !== 1) return undefined;
    const text = expandExplanation(answers[0].join(''), { ...values, receiver: context.receiver, now: context.now ?? Math.floor(Date.now() / 1000) });
    // Said in an SMTP reply line (RFC 5321 §4.5.3.1.5: 512 octets with its code): a bounded excerpt.
    return text.length > MAX_EXPLANATION ? `${text.slice(0, MAX_EXPLANATION - 3)}...` : text;
  } catch {
    return undefined;
  }
}

/** An error inside an include or redirect, said to come from there. */
async function within<T>(term: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SpfFailure || error instanceof SpfSyntaxError) throw new SpfFailure(error instanceof SpfFailure ? error.result : 'permerror', `${term}: ${error.message}`);
    throw error;
  }
}

function countLookup(context: Context, term: string): void {
  context.lookups++;
  if (context.lookups > MAX_LOOKUPS) throw new SpfFailure('permerror', `${term} makes ${context.lookups} terms that look up DNS, more than the ${MAX_LOOKUPS} allowed (RFC 7208 §4.6.4)`);
}

/** A DNS answer; NXDOMAIN or no data is an empty answer (a void lookup when `counted`), anything else a temperror (§2.6.6). */
async function query(context: Context, name: string, type: string, counted: boolean): Promise<unknown[]> {
  try {
    return (await context.resolve(name, type)) as unknown[];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTFOUND' && code !== 'ENODATA') throw new SpfFailure('temperror', `the DNS ${type} query for ${name} failed (${code ?? (error as Error).message}) (RFC 7208 §2.6.6)`);
    if (counted && ++context.voids > MAX_VOID_LOOKUPS) {
      throw new SpfFailure('permerror', `${name} ${type} makes ${context.voids} lookups answered with nothing (NXDOMAIN or no data), more than the ${MAX_VOID_LOOKUPS} allowed (RFC 7208 §4.6.4)`);
    }
    return [];
  }
}

/** The A (IPv4 client) or AAAA (IPv6 client) addresses of `name` (§5.3, §5.4). */
async function addresses(context: Context, name: string, counted: boolean): Promise<string[]> {
  return (await query(context, name, isIPv4(context.ip) ? 'A' : 'AAAA', counted)) as string[];
}

/** §5.5: the PTR names of <ip> whose own addresses include <ip> (the first 10 names only); DNS errors match nothing. */
async function validatedNames(context: Context): Promise<string[]> {
  let names: string[];
  try {
    names = (await query(context, reverseName(context.ip), 'PTR', true)) as string[];
  } catch (error) {
    if (error instanceof SpfFailure && error.result === 'temperror') return [];
    throw error;
  }
  const validated: string[] = [];
  for (const name of names.slice(0, MAX_NAMES)) {
    try {
      if ((await addresses(context, name, false)).some((address) => sameAddress(address, context.ip))) validated.push(name.toLowerCase().replace(/\.$/, ''));
    } catch {
      // §5.5: a name whose addresses cannot be looked up is not validated.
    }
  }
  return validated;
}

/** §7.3 p: a validated name of <ip> in <domain> or below it, else any validated name, else "unknown". */
async function validatedName(context: Context, domain: string): Promise<string> {
  if (context.validatedName === undefined) {
    const names = await validatedNames(context);
    context.validatedName = names.find((name) => name === domain || name.endsWith(`.${domain}`)) ?? names[0] ?? 'unknown';
  }
  return context.validatedName;
}

/** A domain-spec expanded (§7.3): longer than 253 octets, labels are dropped from the left; the final dot goes. */
function targetName(spec: string, values: MacroValues): string {
  let name = expandMacros(spec, values).replace(/\.$/, '');
  while (name.length > 253 && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  if (!validDomain(name)) throw new SpfFailure('permerror', `\`${spec}\` expands to \`${name}\`, which is not a domain name (RFC 7208 §7.3)`);
  return name.toLowerCase();
}

function validDomain(name: string): boolean {
  const labels = name.replace(/\.$/, '').split('.');
  return labels.length > 1 && name.length <= 253 && labels.every((label) => label.length > 0 && label.length <= 63);
}

function cidrFor(context: Context, mechanism: Mechanism): number | undefined {
  return isIPv4(context.ip) ? mechanism.cidr4 : mechanism.cidr6;
}

function inNetwork(ip: string, network: string, prefix: number | undefined): boolean {
  const family = isIPv4(ip) ? 'ipv4' : 'ipv6';
  // An answer of the other family, or no address at all (real DNS can hold anything), matches nothing.
  if (family === 'ipv4' ? !isIPv4(network) : !isIPv6(network)) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix ?? (family === 'ipv4' ? 32 : 128), family);
  return list.check(ip, family);
}

function sameAddress(a: string, b: string): boolean {
  return isIPv6(a) === isIPv6(b) && inNetwork(b, a, undefined);
}

function reverseName(ip: string): string {
  return isIPv4(ip) ? `${ip.split('.').reverse().join('.')}.in-addr.arpa` : `${ipv6Nibbles(ip).split('.').reverse().join('.')}.ip6.arpa`;
}
