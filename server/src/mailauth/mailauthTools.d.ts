// The one function authenticateMessage.ts takes from mailauth's tools (mailauth ships no types for them).
declare module 'mailauth/lib/tools.js' {
  /**
   * The first of `domainList` aligned with `fromDomain` by organizational domain (DMARC relaxed alignment, RFC 7489
   * §3.1), by the Public Suffix List mailauth carries; a false value when none is.
   */
  export function getAlignment(fromDomain: string, domainList: readonly string[]): { domain: string } | false | undefined;
}
