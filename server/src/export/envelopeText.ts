// MAIL and RCPT arguments split for the targets that take the envelope apart: the path between the brackets, and
// the parameters after it (RFC 5321 §4.1.2: `MAIL FROM:<a@b> SIZE=220 BODY=8BITMIME`, `RCPT TO:<c@d> NOTIFY=NEVER`).
import type { Text } from './textPieces';

/** `MAIL FROM:<a@b> SIZE=10` -> `a@b` (the text between the brackets, pieces kept). */
export function pathOf(text: Text): Text {
  const out: Text = [];
  let inside = false;
  let done = false;
  for (const piece of text) {
    if (done) break;
    if (piece.kind !== 'text') {
      if (inside) out.push(piece);
      continue;
    }
    let rest = piece.text;
    if (!inside) {
      const open = rest.indexOf('<');
      if (open < 0) continue;
      inside = true;
      rest = rest.slice(open + 1);
    }
    const close = rest.indexOf('>');
    if (close >= 0) {
      rest = rest.slice(0, close);
      done = true;
    }
    if (rest !== '') out.push({ kind: 'text', text: rest });
  }
  return out;
}

/** `MAIL FROM:<a@b> SIZE=10 BODY=8BITMIME` -> `['SIZE=10', 'BODY=8BITMIME']`: the words after the path's `>`. */
export function parametersOf(text: Text): string[] {
  const written = text.map((p) => (p.kind === 'text' ? p.text : p.kind === 'env' ? `{{$env ${p.name}}}` : '')).join('');
  const close = written.indexOf('>');
  return close < 0 ? [] : written.slice(close + 1).trim().split(/\s+/).filter((word) => word !== '');
}

/** `the MAIL parameters SIZE=220 BODY=8BITMIME and the RCPT parameters NOTIFY=NEVER`, or undefined when there are none. */
export function writtenParameters(transactions: readonly { mailParameters: string[]; rcptParameters: string[][] }[], which: { mail?: boolean; rcpt?: boolean } = { mail: true, rcpt: true }): string | undefined {
  const mail = which.mail ? [...new Set(transactions.flatMap((t) => t.mailParameters))] : [];
  const rcpt = which.rcpt ? [...new Set(transactions.flatMap((t) => t.rcptParameters.flat()))] : [];
  const parts = [mail.length > 0 ? `the MAIL parameters ${mail.join(' ')}` : '', rcpt.length > 0 ? `the RCPT parameters ${rcpt.join(' ')}` : ''].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** The parameters every RCPT of the transaction has alike, or undefined when they differ. */
export function sameForEveryRecipient(rcptParameters: string[][]): string[] | undefined {
  const first = rcptParameters[0] ?? [];
  return rcptParameters.every((p) => p.join(' ') === first.join(' ')) ? first : undefined;
}
