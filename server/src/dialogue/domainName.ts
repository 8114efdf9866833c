// A domain name as DNS holds it (RFC 1035 §2.3.4, RFC 2181 §11): labels of 1 to 63 letters, digits and inner hyphens,
// and the underscore that DNS names and RFC 5322's atext allow (`_dmarc`, `_domainkey`, `my_host`); 253 characters at
// most, no final dot. One check for a From domain DMARC judges, a HELO name SPF checks, a DKIM d= and s=, and the
// names a zone file holds.
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

export function isDomainName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}
