// Line lengths are limits on octets sent (RFC 5321 §4.5.3.1): UTF-8 octets plus CRLF. A `{{...}}` reference's value is
// known only at replay, so only the literal text around references is counted, as sent (`\{{` sends `{{`): a lower
// bound that never overstates.
import { CRLF_OCTETS, lineOctets } from '../../../dialogue/framing';
import type { Payload } from '../../../model/types';
import { unescapeBraces } from '../../../model/variables';
import { payloadEnd } from '../../../model/lineRanges';

/** Octets of the payload text outside `{{...}}` references, up to `endColumn` (the whole payload by default). */
export function literalOctets(payload: Payload, endColumn = payloadEnd(payload)): number {
  const start = payload.character;
  let octets = 0;
  let at = start;
  // By index: most payloads share one frozen empty list, whose for-of V8 does not optimize (an iterator and a result
  // object for every content line of every message).
  const references = payload.variables;
  for (let i = 0; i < references.length; i++) {
    const reference = references[i];
    const literalEnd = Math.min(reference.range.start.character, endColumn);
    if (literalEnd > at) octets += lineOctets(unescapeBraces(payload.text.slice(at - start, literalEnd - start)));
    at = reference.range.end.character;
  }
  if (endColumn > at) octets += lineOctets(unescapeBraces(payload.text.slice(at - start, endColumn - start)));
  return octets;
}

/** Octets the line certainly takes on the wire, CRLF included (up to `endColumn`, then CRLF). */
export function wireLineOctets(payload: Payload, endColumn?: number): number {
  return literalOctets(payload, endColumn) + CRLF_OCTETS;
}

/** Cheap pre-check: a UTF-16 code unit takes at most 3 UTF-8 octets, so a short line cannot exceed `limit`. */
export function mayExceed(payload: Payload, limit: number): boolean {
  return mayExceedOctets(payload.text, limit - CRLF_OCTETS);
}

/** The same pre-check for a text alone: whether its UTF-8 octets could pass `limit`, without encoding it. */
export function mayExceedOctets(text: string, limit: number): boolean {
  return text.length * 3 > limit;
}
