// Postfix's XCLIENT and XFORWARD: commands a trusted client uses to tell the server about another client, to test
// access rules as if mail came from elsewhere (XCLIENT) or to keep the original client in the logs behind a content
// filter (XFORWARD). Neither has an RFC; Postfix's protocol pages define them, and other servers (Haraka, KumoMTA)
// follow them. Each takes `name=value` attributes whose values are xtext (RFC 3461 §4).
import type { DocumentRef } from './rfc';

export const XCLIENT_PAGE: DocumentRef = { title: 'Postfix XCLIENT Howto', url: 'https://www.postfix.org/XCLIENT_README.html' };
export const XFORWARD_PAGE: DocumentRef = { title: 'Postfix XFORWARD Howto', url: 'https://www.postfix.org/XFORWARD_README.html' };

export interface ForwardedAttribute {
  readonly name: string;
  readonly summary: string;
}

const NAME = { name: 'NAME', summary: 'The client hostname, `[UNAVAILABLE]` when its lookup failed, `[TEMPUNAVAIL]` when it failed for now.' };
const ADDR = { name: 'ADDR', summary: 'The client address: IPv4, `IPV6:` and an IPv6 address, or `[UNAVAILABLE]`.' };
const PORT = { name: 'PORT', summary: 'The client TCP port.' };
const PROTO = { name: 'PROTO', summary: 'The protocol the client greeted with: `SMTP` or `ESMTP`.' };
const HELO = { name: 'HELO', summary: 'The hostname the client sent with HELO or EHLO.' };

/** XCLIENT's attributes, as Postfix 3.7 lists them in its EHLO reply. */
export const XCLIENT_ATTRIBUTES: readonly ForwardedAttribute[] = [
  NAME,
  { name: 'REVERSE_NAME', summary: 'The hostname the client address resolves to, before the forward lookup that confirms it.' },
  ADDR,
  PORT,
  PROTO,
  HELO,
  { name: 'LOGIN', summary: 'The SASL login name, as if the client had authenticated with it.' },
  { name: 'DESTADDR', summary: 'The server address the client connected to.' },
  { name: 'DESTPORT', summary: 'The server port the client connected to.' },
];

/** XFORWARD's attributes: they apply to the next mail transaction. */
export const XFORWARD_ATTRIBUTES: readonly ForwardedAttribute[] = [
  NAME,
  ADDR,
  PORT,
  PROTO,
  HELO,
  { name: 'IDENT', summary: 'The queue id the message had at the server that forwards it, for the logs.' },
  { name: 'SOURCE', summary: '`LOCAL` or `REMOTE`: whether the message came from a local submission or from the network.' },
];
