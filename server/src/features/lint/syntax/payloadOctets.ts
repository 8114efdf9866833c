// Line lengths are limits on octets sent (RFC 5321 §4.5.3.1): UTF-8 octets plus CRLF. A `{{...}}` reference's value is
// known only at replay, so only the literal text around references is counted: a lower bound that never overstates.
import type { Payload } from '../../../model/types';

const CRLF_OCTETS = 2;

/** Octets of the payload text outside `{{...}}` references. */
export function literalOctets(payload: Payload): number {
  let octets = Buffer.byteLength(payload.text, 'utf8');
  const start = payload.range.start.character;
  for (const reference of payload.variables) {
    const text = payload.text.slice(reference.range.start.character - start, reference.range.end.character - start);
    octets -= Buffer.byteLength(text, 'utf8');
  }
  return octets;
}

/** Octets the line certainly takes on the wire, CRLF included. */
export function wireLineOctets(payload: Payload): number {
  return literalOctets(payload) + CRLF_OCTETS;
}

export function hasReferences(payload: Payload): boolean {
  return payload.variables.length > 0;
}
