// The header fields a receiver adds (RFC 8601 Authentication-Results, RFC 7208 §9.1 Received-SPF), written as
// mailauth writes them (rows folded at 160 characters), with the SPF result of spf/checkHost.ts. Pure.
import type { SpfOutcome } from './spf/checkHost';

/** An SPF outcome in the words mailauth uses (the project's tests and users read these), and the reason behind it. */
export function spfComment(outcome: SpfOutcome, mta: string, sender: string, domain: string, ip: string): string {
  switch (outcome.result) {
    case 'pass':
      return `${mta}: domain of ${sender} designates ${ip} as permitted sender`;
    case 'softfail':
      return `${mta}: domain of transitioning ${sender} does not designate ${ip} as permitted sender`;
    case 'fail':
      return `${mta}: domain of ${sender} does not designate ${ip} as permitted sender`;
    case 'neutral':
      return `${mta}: ${ip} is neither permitted nor denied by domain of ${sender}`;
    case 'none':
      return `${mta}: ${domain} does not designate permitted sender hosts`;
    case 'permerror':
      return `${mta}: permanent error in processing during lookup of ${sender}: ${outcome.reason}`;
    default:
      return `${mta}: error in processing during lookup of ${sender}: ${outcome.reason}`;
  }
}

/** `Received-SPF: result (comment) client-ip=IP;` (RFC 7208 §9.1). */
export function receivedSpfHeader(result: string, comment: string, ip: string): string {
  return foldLines(`Received-SPF: ${result} (${commentText(comment)}) client-ip=${ip};`);
}

/** The `spf=` row of Authentication-Results (RFC 8601 §2.7.2: smtp.mailfrom, smtp.helo). */
export function spfRow(result: string, comment: string, sender: string, helo: string): string {
  return `spf=${result} (${commentText(comment)}) smtp.mailfrom=${propertyValue(sender)} smtp.helo=${propertyValue(helo)}`;
}

/** `Authentication-Results: authserv-id;` and the rows, one a line, unfolded (RFC 8601 §2.2; see `foldedRows`). */
export function authenticationResultsHeader(authservId: string, rows: readonly string[]): string {
  return `Authentication-Results: ${authservId};\r\n ${rows.join(';\r\n ')}`;
}

/** An Authentication-Results header field with each row folded (the rows are rewritten unfolded). */
export function foldedRows(header: string): string {
  return header
    .split(';\r\n ')
    .map((row) => foldLines(row))
    .join(';\r\n ');
}

/** A property value as a token, or a quoted string when it holds a tspecial (RFC 8601 §2.2, RFC 2045 §5.1). */
export function propertyValue(value: string): string {
  return /[\s\x00-\x1f\x7f-\uffff()<>,;:\\"/[\]?=]/.test(value) ? `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"` : value;
}

/** RFC 5322 §3.2.2 comment text: one line, `(` `)` and `\` escaped. */
export function commentText(text: string): string {
  return text.replace(/[\x00-\x1f]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/[\\()]/g, (char) => `\\${char}`);
}

// Lines longer than this are folded before the last blank that fits (libmime's foldLines, which mailauth uses).
const FOLD_AT = 160;

/** `text` folded: each line at most 160 characters where a blank allows, a line break (CRLF) before the blank. */
export function foldLines(text: string): string {
  if (/\r\n/.test(text)) return text;
  let out = '';
  let rest = text;
  while (rest.length >= FOLD_AT) {
    const window = rest.slice(0, FOLD_AT);
    const blank = window.search(/\s+\S*$/);
    let cut = blank > 0 ? blank : -1;
    if (cut < 0) {
      const word = /^\S+/.exec(rest.slice(FOLD_AT));
      cut = FOLD_AT + (word ? word[0].length : 0);
    }
    out += rest.slice(0, cut);
    rest = rest.slice(cut);
    if (rest.length > 0) out += '\r\n';
  }
  return out + rest;
}
