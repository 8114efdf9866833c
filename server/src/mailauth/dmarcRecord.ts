// A DMARC record's policy, read as RFC 7489 §6.6.3 step 6 reads it: `p`, and `sp` when present, must be none,
// quarantine or reject (§6.3). A record where either is missing or anything else acts as `p=none` when its `rua` holds
// at least one syntactically valid URI, and otherwise as no DMARC record at all. mailauth 4.13 applies whatever the
// tags say (`p=bogus; sp=reject` rejected mail from subdomains), so the policy is read from the record here.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'] satisfies DmarcPolicy[];

/** The policy that applies; `problem`, why the record was not taken as written. No `policy`: no DMARC record. */
export type RecordPolicy = { policy: DmarcPolicy; problem?: string } | { policy?: undefined; problem: string };

/**
 * The policy `record` gives mail from its own domain, or from a subdomain when `subdomain` (it was found at the
 * organizational domain: `sp` applies when present, RFC 7489 §6.3).
 */
export function recordPolicy(record: string, subdomain: boolean): RecordPolicy {
  const tags = dmarcTags(record);
  const p = tags.get('p');
  const sp = tags.get('sp');
  const invalid = invalidPolicy(p, sp);
  if (invalid === undefined) return { policy: (subdomain && sp !== undefined ? sp : p!).toLowerCase() as DmarcPolicy };
  if (hasValidUri(tags.get('rua'))) return { policy: 'none', problem: `${invalid}, and its rua holds a valid URI, so the record counts as p=none (RFC 7489 §6.6.3)` };
  return { problem: `${invalid}, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)` };
}

function invalidPolicy(p: string | undefined, sp: string | undefined): string | undefined {
  if (p === undefined) return 'the record has no p= tag';
  if (!isPolicy(p)) return `p=${p} is not none, quarantine or reject`;
  if (sp !== undefined && !isPolicy(sp)) return `sp=${sp} is not none, quarantine or reject`;
  return undefined;
}

/** The record's tags, names lowercased and values trimmed (RFC 7489 §6.4: `tag *WSP "=" *WSP value`, `;` between). */
export function dmarcTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0) tags.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
  }
  return tags;
}

// RFC 5234 §2.3: ABNF literals are case-insensitive.
function isPolicy(value: string): boolean {
  return POLICIES.includes(value.toLowerCase());
}

// RFC 7489 §6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ], comma-separated; URI as RFC 3986 §3
// (a scheme, then URI characters; `,` and `!` inside one are percent-encoded, §6.2).
const DMARC_URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~$&'()*+=:@/?#[\]]|%[0-9a-f]{2})+(?:![0-9]+[kmgt]?)?$/i;

function hasValidUri(rua: string | undefined): boolean {
  return rua !== undefined && rua.split(',').some((uri) => DMARC_URI.test(uri.trim()));
}
