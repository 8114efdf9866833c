// A DMARC record read as RFC 7489 reads it, where mailauth 4.13 reads it otherwise:
// - the policy (§6.6.3 step 6): `p`, and `sp` when present, must be none, quarantine or reject (§6.3). A record where
//   either is missing or anything else acts as `p=none` when its `rua` holds at least one syntactically valid URI,
//   and otherwise as no DMARC record at all. mailauth applied whatever the tags said (`p=bogus; sp=reject` rejected
//   mail from subdomains).
// - the alignment modes and the sampling rate (§6.3): `adkim`/`aspf` are r or s and `pct` an integer from 0 to 100;
//   "syntax errors in the remainder of the record SHOULD be discarded in favor of default values", so an invalid
//   value is the default (relaxed, 100) and said so. Values are case-insensitive (RFC 5234 §2.3) and may have
//   blanks around `=` (§6.4): mailauth took only a bare lower-case `s` as strict (`adkim=S` was relaxed).
// Unknown tags are ignored (§6.3). `np` (RFC 9091 §4.1), the policy for subdomains that do not exist, is read too.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type AlignmentMode = 'strict' | 'relaxed';

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'] satisfies DmarcPolicy[];

/** The policy that applies; `problem`, why the record was not taken as written. No `policy`: no DMARC record. */
export type RecordPolicy = { policy: DmarcPolicy; problem?: string } | { policy?: undefined; problem: string };

/** What the rest of the record asks: alignment modes, the sampling rate, and each value discarded for its default. */
export interface RecordModes {
  adkim: AlignmentMode;
  aspf: AlignmentMode;
  /** Percent of failing messages the policy is applied to (RFC 7489 §6.6.4). */
  pct: number;
  problems: string[];
}

/**
 * The policy `record` gives mail from its own domain, or from a subdomain when `subdomain` (it was found at the
 * organizational domain: `sp` applies when present, RFC 7489 §6.3), or from a subdomain that does not exist when
 * `nonExistent` (`np` applies when present and valid, else as for a subdomain: RFC 9091 §4.1).
 */
export function recordPolicy(record: string, subdomain: boolean, nonExistent = false): RecordPolicy {
  const tags = dmarcTags(record);
  const p = tags.get('p');
  const sp = tags.get('sp');
  const np = tags.get('np');
  const invalid = invalidPolicy(p, sp);
  if (invalid === undefined && subdomain && nonExistent && np !== undefined && isPolicy(np)) return { policy: np.toLowerCase() as DmarcPolicy };
  if (invalid === undefined) return { policy: (subdomain && sp !== undefined ? sp : p!).toLowerCase() as DmarcPolicy };
  if (hasValidUri(tags.get('rua'))) return { policy: 'none', problem: `${invalid}, and its rua holds a valid URI, so the record counts as p=none (RFC 7489 §6.6.3)` };
  return { problem: `${invalid}, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)` };
}

/** The record's `adkim`, `aspf` and `pct`, an invalid value replaced by its default (RFC 7489 §6.3). */
export function recordModes(record: string): RecordModes {
  const tags = dmarcTags(record);
  const problems: string[] = [];
  const mode = (tag: 'adkim' | 'aspf'): AlignmentMode => {
    const value = tags.get(tag);
    if (value === undefined || /^r$/i.test(value)) return 'relaxed';
    if (/^s$/i.test(value)) return 'strict';
    problems.push(`${tag}=${value} is not r or s, so the default r (relaxed) applies (RFC 7489 §6.3)`);
    return 'relaxed';
  };
  const adkim = mode('adkim');
  const aspf = mode('aspf');
  const np = tags.get('np');
  if (np !== undefined && !isPolicy(np)) problems.push(`np=${np} is not none, quarantine or reject, so it is ignored (RFC 9091 §4.1)`);
  const pctText = tags.get('pct');
  // RFC 7489 §6.4: dmarc-percent = "pct" *WSP "=" *WSP 1*3DIGIT, at most 100 (§6.3).
  const valid = pctText !== undefined && /^\d{1,3}$/.test(pctText) && Number(pctText) <= 100;
  if (pctText !== undefined && !valid) problems.push(`pct=${pctText} is not an integer from 0 to 100, so the default 100 applies (RFC 7489 §6.3)`);
  return { adkim, aspf, pct: valid ? Number(pctText) : 100, problems };
}

/**
 * What a policy under `pct` does to failing messages (RFC 7489 §6.6.4): the policy applies to pct% of them; the rest
 * of a p=reject are quarantined, the rest of a p=quarantine get the receiver's usual handling. Undefined at 100%.
 */
export function sampledPolicy(policy: DmarcPolicy, pct: number): string | undefined {
  if (pct >= 100 || policy === 'none') return undefined;
  const rest = policy === 'reject' ? 'the rest treated as p=quarantine' : "the rest get the receiver's usual handling, as under p=none";
  const done = policy === 'reject' ? 'rejected' : 'quarantined';
  return `p=${policy} pct=${pct}: ${pct}% of failing messages are ${done}, ${rest}`;
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
