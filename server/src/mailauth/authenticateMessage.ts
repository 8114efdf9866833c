// Judges a received message as a receiving MTA does, with mailauth: SPF for the client IP, MAIL FROM and HELO
// (RFC 7208), every DKIM signature (RFC 6376), DMARC alignment and policy (RFC 7489) and the ARC chain (RFC 8617).
// DNS comes from the resolver given (a zone file, docs/zone-file.md), never implicitly from the network.
import { isDomainName } from '../dialogue/domainName';
import { fromDomainOf, hasAuthorDomain, strictlyAligned } from './dmarcAlignment';
import { dmarcTags, recordModes, recordPolicy, type AlignmentMode, type DmarcPolicy, type RecordModes } from './dmarcRecord';
import { isIP } from 'node:net';
import { authenticationResultsHeader, foldedRows, receivedSpfHeader, spfComment, spfRow } from './authHeaders';
import { checkHost } from './spf/checkHost';
import { headerFields } from './messageHeader';
import { dmarcDnsView } from './dmarcDiscovery';
import { reviewDkim, type DkimVerdict, type RawDkimResult } from './dkimVerdicts';
import { describeAnswer, type DnsQuestion, type DnsResolver } from './zoneResolver';
import { ownEntry } from '../knowledge/ownEntry';

export interface AuthenticationInput {
  /** The message as received (after dot-unstuffing). */
  message: Buffer;
  /** The SMTP client's IP address. */
  ip: string;
  /** The EHLO/HELO name. */
  helo: string;
  /** The MAIL FROM address; empty for the null reverse-path `<>` (SPF then checks the HELO name, RFC 7208 §2.4). */
  mailFrom: string;
  resolver: DnsResolver;
  /** The receiver's name in Authentication-Results (RFC 8601 §2.5, authserv-id). */
  authservId?: string;
}

export interface SpfVerdict {
  result: string;
  domain: string;
  /** The SPF record evaluated. */
  record?: string;
  reason?: string;
  /** The mechanism that decided the result (`include:_spf.example.org`), and the domain whose record holds it. */
  matched?: { term: string; domain: string };
  /** For a fail: the domain's own explanation, from its record's `exp=` (RFC 7208 §6.2). */
  explanation?: string;
}

export type { DkimVerdict } from './dkimVerdicts';

export interface DmarcVerdict {
  result: string;
  /** The From domain. */
  domain?: string;
  /** Where the record was found: the From domain, else its organizational domain (RFC 7489 §6.6.3). */
  recordDomain?: string;
  policy?: DmarcPolicy;
  record?: string;
  /** Why the record's policy was not taken as written: a missing or invalid `p` or `sp` (RFC 7489 §6.6.3, dmarcRecord.ts). */
  policyProblem?: string;
  reason?: string;
  /** The aligned SPF and DKIM domains, when they aligned. */
  spfAligned?: string;
  dkimAligned?: string;
  /** The alignment modes the record asks for (`adkim`, `aspf`; RFC 7489 §6.3). */
  alignment?: { dkim: AlignmentMode; spf: AlignmentMode };
  /** The percent of failing messages the policy applies to (`pct`, RFC 7489 §6.6.4). */
  pct?: number;
  /** Values of the record discarded for their defaults (RFC 7489 §6.3). */
  recordProblems?: string[];
  /** True when the From domain does not exist and the record's np= (RFC 9091) was looked for. */
  nonExistent?: boolean;
  /** The From domains checked when From: names several; the verdict is the strictest failing one's (RFC 7489 §6.6.1). */
  authorDomains?: string[];
}

export interface AuthenticationVerdict {
  spf: SpfVerdict;
  /**
   * SPF for the HELO identity (RFC 7208 §2.3: checked besides MAIL FROM, with postmaster@<HELO name>), when MAIL FROM
   * is not the null reverse-path (that check already was the HELO's, §2.4) and the HELO name is a domain.
   */
  spfHelo?: SpfVerdict;
  dkim: DkimVerdict[];
  dmarc: DmarcVerdict;
  arc: { result: string; reason?: string };
  /** The addresses the From: header fields name (RFC 7489 §6.6.1: DMARC checks the domain of each). */
  authors: string[];
  /** How many From: header fields the message has: RFC 5322 §3.6 allows one, and DMARC judges no other message. */
  fromFields: number;
  /** `Received-SPF:` and `Authentication-Results:` (RFC 8601) header fields, each ending in CRLF. */
  headers: string;
  /** One line: `spf=pass dkim=pass dmarc=pass arc=none`. */
  summary: string;
  /** Every DNS question asked, with the answer, sorted by name. */
  dns: DnsQuestion[];
}

type Status = { result?: string; comment?: string };

export async function authenticateMessage(input: AuthenticationInput): Promise<AuthenticationVerdict> {
  const dns: DnsQuestion[] = [];
  const resolver: DnsResolver = async (name, type) => {
    try {
      const answer = await input.resolver(name, type);
      dns.push({ name, type, answer: describeAnswer(answer) });
      return answer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      dns.push({ name, type, answer: [code === 'ENOTFOUND' ? 'NXDOMAIN' : code === 'ENODATA' ? `no ${type} record` : `error ${code ?? (error as Error).message}`] });
      throw error;
    }
  };
  const mta = input.authservId ?? 'localhost';
  // Loaded on first use, as in dkimSigning.ts. SPF is judged here (spf/checkHost.ts), DMARC from what passed here.
  const { dkimVerify, arc: verifyArc, dmarc: verifyDmarc } = await import('mailauth');
  const verified = await dkimVerify(input.message, { resolver: resolver as never, sender: input.mailFrom });
  const arcResult = (await verifyArc((verified as unknown as { arc: unknown }).arc as never, { resolver: resolver as never })) as unknown as { status?: Status; info?: string } | false;
  const spf = await spfVerdict(input, resolver, mta);
  const spfHelo = input.mailFrom && isHeloDomain(input.helo) ? await spfVerdict({ ...input, mailFrom: '' }, resolver, mta) : undefined;
  const authors = (verified as unknown as { headerFrom?: string[] }).headerFrom ?? [];
  const fromFields = headerFields(input.message, 'from').length;
  const reviewed = reviewDkim(input.message, (verified.results ?? []) as unknown as RawDkimResult[]);
  const authenticated = {
    spf: spf.result === 'pass' && spf.domain ? [spf.domain] : [],
    dkim: reviewed.verdicts.filter((d) => d.result === 'pass' && d.domain).map((d) => d.domain!),
  };
  // RFC 7489 §6.6.1: one From field; naming several domains, each is checked and the strictest failing policy applies.
  // Several From fields are forbidden (RFC 5322 §3.6) and outside DMARC: none is judged (enforcement.ts refuses).
  const judged: Array<{ raw: RawDmarc & { info?: string }; modes?: RecordModes; fromDomain?: string; verdict: DmarcVerdict }> = [];
  // An address without a domain name has no policy to look up (`_dmarc.null`, as mailauth would ask): refused, as none.
  for (const author of fromFields > 1 ? [] : oneAddressPerDomain(authors.filter(hasAuthorDomain))) {
    const fromDomain = fromDomainOf([author]);
    const view = dmarcDnsView(resolver, fromDomain);
    const raw = (await verifyDmarc({
      headerFrom: [author],
      spfDomains: authenticated.spf,
      dkimDomains: authenticated.dkim.map((domain) => ({ domain })),
      arcResult: arcResult || undefined,
      resolver: view.resolver as never,
    } as never)) as unknown as (RawDmarc & { info?: string }) | false;
    if (!raw) continue;
    const modes = raw.rr ? recordModes(raw.rr) : undefined;
    const recordAtFrom = view.source() === fromDomain;
    // RFC 9091 §2.1: a subdomain answered NXDOMAIN or NODATA for A, AAAA and MX does not exist; asked only when np= could apply.
    const nonExistent = Boolean(raw.rr && fromDomain && !recordAtFrom && dmarcTags(raw.rr).has('np')) && !(await domainExists(resolver, fromDomain!));
    const verdict = dmarcVerdict(raw, modes, fromDomain, recordAtFrom, nonExistent, authenticated);
    judged.push({ raw, modes, fromDomain, verdict: verdict.result === 'temperror' && fromDomain ? { ...verdict, ...(await relaxedAlignment(fromDomain, authenticated)) } : verdict });
  }
  const decisive = strictestFailing(judged);
  const rawDmarc = decisive?.raw;
  const authorDomains = judged.map((j) => j.verdict.domain).filter((domain): domain is string => domain !== undefined);
  const dmarc: DmarcVerdict = decisive ? { ...decisive.verdict, ...(authorDomains.length > 1 ? { authorDomains } : {}) } : { result: 'none' };
  const strictDkimDomain = decisive?.modes?.adkim === 'strict' && decisive.fromDomain;
  const dkim = reviewed.verdicts.map((d) => (strictDkimDomain ? { ...d, aligned: strictlyAligned(strictDkimDomain, d.domain ? [d.domain] : []) !== undefined } : d));
  const arc = { result: (arcResult && arcResult.status?.result) || 'none', ...optional('reason', arcResult ? arcResult.status?.comment : undefined) };
  const dkimSummary = dkim.length === 0 ? 'none' : dkim.map((d) => d.result).join(',');
  const rows = [
    ...(verified.results ?? []).map((row) => (row as unknown as { info: string }).info),
    spfRow(spf.result, spf.reason ?? '', spf.sender, spf.helo),
    ...(arcResult && arcResult.info ? [arcResult.info] : []),
    ...(rawDmarc && rawDmarc.info ? [rawDmarc.info] : []),
  ];
  // The rows are rewritten whole, then folded.
  const resultsHeader = reviewed.rewriteRows(authenticationResultsHeader(mta, rows));
  const headers = `${receivedSpfHeader(spf.result, spf.reason ?? '', input.ip)}\r\n${foldedRows(rawDmarc ? withDmarcRow(resultsHeader, dmarc, arc.result) : resultsHeader)}\r\n`;
  return {
    spf: shownSpf(spf),
    ...(spfHelo ? { spfHelo: shownSpf(spfHelo) } : {}),
    dkim,
    dmarc,
    arc,
    authors,
    fromFields,
    headers,
    summary: `spf=${spf.result} dkim=${dkimSummary} dmarc=${dmarc.result} arc=${arc.result}`,
    // SPF and DKIM ask concurrently: sorted, the list reads the same on every run.
    dns: dns.sort((a, b) => compare(a.name, b.name) || compare(a.type, b.type)),
  };
}

/**
 * Without a record (its lookup failed for now) mailauth judges no alignment: the passes aligned with `fromDomain` in
 * relaxed mode, the default (RFC 7489 §6.3), by mailauth's organizational domains. A strict receiver defers a message
 * none of whose passes aligns (enforcement.ts): the policy it could not read may reject it.
 */
async function relaxedAlignment(fromDomain: string, authenticated: { spf: string[]; dkim: string[] }): Promise<Pick<DmarcVerdict, 'spfAligned' | 'dkimAligned'>> {
  const { getAlignment } = await import('mailauth/lib/tools.js');
  const aligned = (domains: string[]) => (domains.length > 0 ? getAlignment(fromDomain, domains) || undefined : undefined)?.domain;
  return { ...optional('spfAligned', aligned(authenticated.spf)), ...optional('dkimAligned', aligned(authenticated.dkim)) };
}

/** Whether `domain` has an A, AAAA or MX record; a DNS failure counts as existing (RFC 9091 §2.1 needs NXDOMAIN or NODATA). */
async function domainExists(resolve: DnsResolver, domain: string): Promise<boolean> {
  for (const type of ['A', 'AAAA', 'MX']) {
    try {
      if ((await resolve(domain, type)).length > 0) return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTFOUND' && code !== 'ENODATA') return true;
    }
  }
  return false;
}

/** The first address of each domain among `authors` (domains compare case-insensitively). */
function oneAddressPerDomain(authors: readonly string[]): string[] {
  const seen = new Set<string>();
  return authors.filter((author) => {
    const domain = author.slice(author.lastIndexOf('@') + 1).toLowerCase();
    if (author.lastIndexOf('@') < 0 || seen.has(domain)) return false;
    seen.add(domain);
    return true;
  });
}

const POLICY_RANK: Record<string, number> = { reject: 3, quarantine: 2, none: 1 };

/** The verdict that decides (RFC 7489 §6.6.1): the failing one with the strictest policy, else the first. */
function strictestFailing<T extends { verdict: DmarcVerdict }>(judged: readonly T[]): T | undefined {
  const failing = judged.filter((j) => j.verdict.result === 'fail').sort((a, b) => (ownEntry(POLICY_RANK, b.verdict.policy ?? '') ?? 0) - (ownEntry(POLICY_RANK, a.verdict.policy ?? '') ?? 0));
  return failing[0] ?? judged[0];
}

/** The verdict's part of an SPF check (without the sender and HELO it was asked for). */
function shownSpf(spf: SpfVerdict): SpfVerdict {
  return {
    result: spf.result,
    domain: spf.domain,
    ...optional('record', spf.record),
    ...optional('reason', spf.reason),
    ...(spf.matched ? { matched: spf.matched } : {}),
    ...optional('explanation', spf.explanation),
  };
}

/** A HELO name SPF can check (RFC 7208 §2.3): a domain name with a dot, not an address literal or a bare IP. */
function isHeloDomain(helo: string): boolean {
  return helo.includes('.') && !isIP(helo) && isDomainName(helo.replace(/\.$/, ''));
}

/** SPF for MAIL FROM, or for postmaster@<HELO name> with the null reverse-path (RFC 7208 §2.4), as mailauth names them. */
async function spfVerdict(input: AuthenticationInput, resolve: DnsResolver, mta: string): Promise<SpfVerdict & { sender: string; helo: string }> {
  // A HELO name that is an address literal is written in brackets (RFC 5321 §4.1.3).
  const given = input.helo || input.ip;
  const helo = isIP(given) ? `[${given}]` : given;
  const sender = !input.mailFrom ? `postmaster@${helo}` : input.mailFrom.startsWith('@') ? `postmaster${input.mailFrom}` : input.mailFrom.includes('@') ? input.mailFrom : `postmaster@${input.mailFrom}`;
  const domain = sender.slice(sender.lastIndexOf('@') + 1).toLowerCase();
  const outcome = await checkHost({ ip: input.ip, sender, helo, resolve, receiver: mta });
  return {
    result: outcome.result,
    domain,
    sender,
    helo,
    ...optional('record', outcome.record),
    reason: spfComment(outcome, mta, sender, domain, input.ip),
    ...(outcome.matched ? { matched: outcome.matched } : {}),
    ...optional('explanation', outcome.explanation),
  };
}

type RawDmarc = {
  domain?: string;
  policy?: string;
  rr?: string;
  status?: Status;
  alignment?: { spf?: { result?: string | false; strict?: boolean }; dkim?: { result?: string | false; strict?: boolean } };
};

/**
 * mailauth's DMARC result over the identifiers that passed here, judged again where mailauth judges otherwise:
 * alignment in the modes the record asks for (dmarcRecord.ts reads them; strict alignment in dmarcAlignment.ts;
 * relaxed alignment is mailauth's, by the organizational domain it finds with the Public Suffix List), so a pass that
 * rested on a domain strict mode does not align fails; and the policy read again from the record (dmarcRecord.ts): a
 * record without a valid one is `p=none` or no record at all. The domain is the From domain (mailauth gives its
 * organizational domain).
 */
function dmarcVerdict(
  raw: RawDmarc,
  modes: RecordModes | undefined,
  fromDomain: string | undefined,
  recordAtFrom: boolean,
  nonExistent: boolean,
  authenticated: { spf: string[]; dkim: string[] },
): DmarcVerdict {
  const aligned = (mode: AlignmentMode | undefined, relaxed: string | false | undefined, domains: string[]) =>
    mode === 'strict' && fromDomain ? strictlyAligned(fromDomain, domains) : relaxed || undefined;
  const spfAligned = aligned(modes?.aspf, raw.alignment?.spf?.result, authenticated.spf);
  const dkimAligned = aligned(modes?.adkim, raw.alignment?.dkim?.result, authenticated.dkim);
  const reported = raw.status?.result ?? 'none';
  const judged = reported === 'pass' || reported === 'fail';
  const result = judged ? (spfAligned || dkimAligned ? 'pass' : 'fail') : reported;
  const domain = fromDomain ?? raw.domain;
  const where = { ...optional('domain', domain), ...optional('recordDomain', raw.rr ? (recordAtFrom ? fromDomain : raw.domain) : undefined) };
  const read = raw.rr ? recordPolicy(raw.rr, !recordAtFrom, nonExistent) : undefined;
  // No valid policy and no valid rua: no DMARC processing, as without a record (its text is still shown).
  if (read && read.policy === undefined) return { result: 'none', ...where, ...optional('record', raw.rr), policyProblem: read.problem };
  return {
    result,
    ...where,
    ...(read?.policy ? { policy: read.policy } : {}),
    ...optional('record', raw.rr),
    ...optional('policyProblem', read?.problem),
    ...optional('reason', raw.status?.comment),
    ...optional('spfAligned', spfAligned),
    ...optional('dkimAligned', dkimAligned),
    ...(modes ? { alignment: { dkim: modes.adkim, spf: modes.aspf }, pct: modes.pct } : {}),
    ...(modes && modes.problems.length > 0 ? { recordProblems: modes.problems } : {}),
    ...(nonExistent ? { nonExistent } : {}),
  };
}

/**
 * The Authentication-Results `dmarc=` row (RFC 8601 §2.7.1) with the verdict's result and From domain, and a comment
 * naming the policy as read (mailauth's comment shows the record's raw `p=`, `p=BOGUS` for a policy read as none).
 */
function withDmarcRow(headers: string, dmarc: DmarcVerdict, arc: string): string {
  // The policy from sp= when the record is the organizational domain's and has one (RFC 7489 §6.3).
  const subdomain = dmarc.record && dmarc.recordDomain !== dmarc.domain && !dmarc.policyProblem ? dmarcTags(dmarc.record) : undefined;
  const np = dmarc.nonExistent && subdomain?.get('np');
  const tag = np && dmarc.policy === np.toLowerCase() ? 'np' : subdomain?.has('sp') ? 'sp' : 'p';
  const comment = [dmarc.policy && `${tag}=${dmarc.policy.toUpperCase()}`, dmarc.pct !== undefined && dmarc.pct < 100 && `pct=${dmarc.pct}`, `arc=${arc}`].filter(Boolean).join(' ');
  return headers.replace(
    /(;\r\n dmarc=)\w+(?: \([^)]*\))?( [^;]*?\bheader\.from=)[^\s;]+/,
    (_row, start: string, middle: string) => `${start}${dmarc.result}${dmarc.record ? ` (${comment})` : ''}${middle}${dmarc.domain}`,
  );
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}

/** Code-point order: the same in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
