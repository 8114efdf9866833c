// DMARC policy discovery (RFC 7489 §6.6.3 steps 1-5) as a view of the DNS that mailauth's DMARC check reads through:
// at _dmarc.<From domain>, then (only if none is there) at _dmarc.<organizational domain>, the records that start
// with the DMARC version tag; several at one name and no DMARC applies. mailauth 4.13 took `v=dmarc1` for a record
// (the version value is case-sensitive, §6.4: %x44 %x4d %x41 %x52 %x43 %x31), refused `v = DMARC1` (blanks around
// `=` are allowed), and went on to the organizational domain when the From domain held several records, applying
// its policy.
import type { DnsResolver } from './zoneResolver';

/** Whether a TXT record is a DMARC record: `v`, `=`, `DMARC1`, then `;` or the end (RFC 7489 §6.4, §6.6.3 step 2). */
export function isDmarcRecord(text: string): boolean {
  // The tag name is an ABNF string, case-insensitive (RFC 5234 §2.3); the value is written in %x codes, exact.
  return /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/.test(text);
}

export interface DmarcDnsView {
  resolver: DnsResolver;
  /** The domain whose _dmarc record was selected, when one was. */
  source(): string | undefined;
}

/** The DNS as policy discovery for mail from `fromDomain` sees it (the questions still go to `resolve`, and are recorded there). */
export function dmarcDnsView(resolve: DnsResolver, fromDomain: string | undefined): DmarcDnsView {
  let several = false;
  let source: string | undefined;
  const resolver: DnsResolver = async (name, type) => {
    if (type.toUpperCase() !== 'TXT' || !name.startsWith('_dmarc.')) return resolve(name, type);
    // Step 5: several records at the From domain end discovery; the organizational domain is not asked.
    if (several) throw Object.assign(new Error(`${name}: not asked, the From domain holds several DMARC records`), { code: 'ENOTFOUND' });
    const records = ((await resolve(name, type)) as string[][]).map((strings) => strings.join('').trim()).filter(isDmarcRecord);
    if (records.length > 1 && name === `_dmarc.${fromDomain}`) several = true;
    if (records.length === 1) source = name.slice('_dmarc.'.length);
    // The version tag as mailauth reads it (`v=DMARC1`), the rest as published.
    return records.map((record) => [record.replace(/^[vV][ \t]*=[ \t]*DMARC1/, 'v=DMARC1')]);
  };
  return { resolver, source: () => source };
}
