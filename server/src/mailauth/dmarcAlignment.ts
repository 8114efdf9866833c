// DMARC identifier alignment in strict mode (RFC 7489 §3.1.1, §3.1.2): `adkim=s` / `aspf=s` align a DKIM signing
// domain or the SPF-authenticated domain only when it is the From domain itself; relaxed mode (the default) takes
// any domain of the same organizational domain. mailauth 4.13, the last line for Node 20, aligns by organizational
// domain in both modes, so a message a strict receiver refuses passed; strict alignment is judged here again from
// the identifiers mailauth authenticated. Relaxed alignment is mailauth's.
import { domainToASCII } from 'node:url';
import { isDomainName } from '../dialogue/domainName';

/**
 * Whether an address the From: field names has a domain DMARC can judge (RFC 7489 §6.6.1): a domain name after `@`,
 * not a word without `@` (`From: undisclosed`) nor text no domain has (`a@x[31m.test`).
 */
export function hasAuthorDomain(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  // An internationalized domain is judged by its A-labels.
  return isDomainName(comparable(address.slice(at + 1)));
}

/** The domain of the message's single From address; undefined for none or several (RFC 7489 §6.6.1). */
export function fromDomainOf(headerFrom: readonly string[] | undefined): string | undefined {
  if (headerFrom?.length !== 1) return undefined;
  const at = headerFrom[0].lastIndexOf('@');
  return at < 0 ? undefined : comparable(headerFrom[0].slice(at + 1));
}

/** The first of `authenticated` that is exactly `fromDomain` (names compare as A-labels, case-insensitively). */
export function strictlyAligned(fromDomain: string, authenticated: readonly string[]): string | undefined {
  return authenticated.find((domain) => comparable(domain) === comparable(fromDomain));
}

function comparable(domain: string): string {
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  return domainToASCII(name) || name;
}
