// Answers DNS questions from a zone file the way Node's `dns.promises.resolve(name, type)` does, which is the
// resolver mailauth calls: TXT -> string[][], MX -> { exchange, priority }[], A/AAAA/PTR/CNAME -> string[]; a name
// the zone does not hold fails with ENOTFOUND (NXDOMAIN), a name without records of the type with ENODATA, a name
// written `SERVFAIL` with ESERVFAIL (a temporary failure).
import { normalizeName, SERVER_FAILURE, type Zone, type ZoneRecord } from './zoneFile';

export type DnsAnswer = string[][] | string[] | { exchange: string; priority: number }[];
export type DnsResolver = (name: string, type: string) => Promise<DnsAnswer>;

/** One question asked, and what the zone answered: shown as the reason behind a result. */
export interface DnsQuestion {
  name: string;
  type: string;
  /** The answer as text (`"v=spf1 -all"`, `10 mx.example.test`), or `NXDOMAIN` / `no TXT record`. */
  answer: string[];
}

// A CNAME chain longer than this is a loop in practice (resolvers stop at similar small limits).
const MAX_CNAME_HOPS = 8;

export function zoneResolver(zone: Zone): DnsResolver {
  return async (name: string, type: string) => {
    const upper = type.toUpperCase();
    const normalized = normalizeName(name);
    return answerFor(zone, normalized, upper, 0);
  };
}

function answerFor(zone: Zone, name: string, type: string, hops: number): DnsAnswer {
  const records = recordsNamed(zone, name);
  if (records.length === 0) throw dnsError('ENOTFOUND', type, name);
  if (records.some((record) => record.type === SERVER_FAILURE)) throw dnsError('ESERVFAIL', type, name);
  const matching = records.filter((record) => record.type === type);
  if (matching.length === 0) {
    const alias = records.find((record) => record.type === 'CNAME');
    if (alias && alias.type === 'CNAME' && hops < MAX_CNAME_HOPS) return answerFor(zone, alias.value, type, hops + 1);
    throw dnsError('ENODATA', type, name);
  }
  return matching.map((record) => {
    switch (record.type) {
      case 'TXT':
        return record.strings;
      case 'MX':
        return { exchange: record.exchange, priority: record.priority };
      case SERVER_FAILURE:
        throw dnsError('ESERVFAIL', type, name);
      default:
        return record.value;
    }
  }) as DnsAnswer;
}

/** The records of `name`, or of the wildcard `*.parent` covering it (RFC 4592) when the name has none. */
function recordsNamed(zone: Zone, name: string): ZoneRecord[] {
  const exact = zone.records.filter((record) => record.name === name);
  if (exact.length > 0) return exact;
  const parent = name.slice(name.indexOf('.') + 1);
  return name.includes('.') ? zone.records.filter((record) => record.name === `*.${parent}`) : [];
}

function dnsError(code: 'ENOTFOUND' | 'ENODATA' | 'ESERVFAIL', type: string, name: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`query${type[0]}${type.slice(1).toLowerCase()} ${code} ${name} (zone file)`), { code, hostname: name });
}

/** An answer as text: `"v=spf1 -all"`, `10 mx.example.test`, `127.0.0.1`. */
export function describeAnswer(answer: DnsAnswer): string[] {
  return answer.map((item) => {
    if (Array.isArray(item)) return `"${item.join('')}"`;
    if (typeof item === 'object') return `${item.priority} ${item.exchange}`;
    return item;
  });
}

/**
 * MX records of a domain for `mx:` targets, from the zone: each exchange given as its A (else AAAA) address when the
 * zone has one, so connecting needs no DNS either; an exchange the zone has no address for stays a name.
 */
export function zoneMxResolver(resolve: DnsResolver): (domain: string) => Promise<{ exchange: string; priority: number }[]> {
  return async (domain) => {
    const records = (await resolve(domain, 'MX')) as { exchange: string; priority: number }[];
    return Promise.all(records.map(async (record) => ({ priority: record.priority, exchange: (await addressOf(resolve, record.exchange)) ?? record.exchange })));
  };
}

async function addressOf(resolve: DnsResolver, name: string): Promise<string | undefined> {
  for (const type of ['A', 'AAAA']) {
    try {
      const [address] = (await resolve(name, type)) as string[];
      if (address) return address;
    } catch {
      // No such record: try the next type, then keep the name.
    }
  }
  return undefined;
}
