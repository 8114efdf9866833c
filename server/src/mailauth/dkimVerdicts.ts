// Each DKIM signature's verdict: mailauth's, reviewed with the checks it leaves out (dkimSignatureReview.ts), with a
// row for each signature mailauth dropped unread, and notes a postmaster looks for (how much of the body l= signs,
// a key in testing mode). The Authentication-Results rows (RFC 8601 §2.7.1) are rewritten to say the same.
import { commentText as comment, propertyValue } from './authHeaders';
import { canonicalBodyLength, compactTag, dkimSignatureFields, keyProblem, keyTesting, signatureProblem, type SignatureField, type SignatureProblem } from './dkimSignatureReview';

export interface DkimVerdict {
  result: string;
  domain?: string;
  selector?: string;
  algorithm?: string;
  /** True when the signing domain aligns with the From domain (RFC 7489 §3.1.1). */
  aligned: boolean;
  reason?: string;
  /** What else the signature says: the part of the body it leaves unsigned (l=), a key in testing mode (t=y). */
  notes?: string[];
}

/** The part of mailauth's DKIM result read here. */
export interface RawDkimResult {
  signingDomain?: string;
  selector?: string;
  algo?: string;
  /** The b= value. */
  signature?: string;
  /** The key record, whitespace removed. */
  rr?: string;
  status: { result?: string; comment?: string; aligned?: string | boolean };
}

export interface ReviewedDkim {
  verdicts: DkimVerdict[];
  /** mailauth's Authentication-Results header fields with the dkim rows saying what the verdicts say. */
  rewriteRows(headers: string): string;
}

/** `aligned` is mailauth's: relaxed alignment with the first From address (strict alignment is judged by the caller). */
export function reviewDkim(message: Buffer, raws: readonly RawDkimResult[], now = new Date()): ReviewedDkim {
  const fields = dkimSignatureFields(message);
  const changed: Array<{ b: string; problem: SignatureProblem }> = [];
  // Without a signature it read, mailauth's one result is `none` (message not signed).
  const unsigned = raws.every((raw) => raw.signature === undefined);
  const verdicts: DkimVerdict[] = (unsigned && fields.length > 0 ? [] : raws).map((raw) => {
    const field = fields.find((candidate) => raw.signature !== undefined && compactTag(candidate, 'b') === raw.signature);
    const problem = field && (signatureProblem(field) ?? (raw.rr ? keyProblem(field, raw.rr) : undefined));
    if (problem && raw.signature) changed.push({ b: raw.signature, problem });
    const notes = [...(field ? [...bodyLengthNotes(field, message), ...futureNotes(field, now)] : []), ...(raw.rr && keyTesting(raw.rr) ? [TESTING_NOTE] : [])];
    const result = problem ? problem.result : raw.status.result ?? 'none';
    return {
      result,
      ...optional('domain', raw.signingDomain),
      ...optional('selector', raw.selector),
      ...optional('algorithm', raw.algo),
      aligned: Boolean(raw.status.aligned),
      ...optional('reason', problem ? problem.reason : raw.status.comment),
      ...(notes.length > 0 ? { notes } : {}),
    };
  });
  // Signatures mailauth dropped unread (an unknown a=, no d=): each is there, and says why it does not count.
  const dropped = fields.filter((field) => !raws.some((raw) => raw.signature !== undefined && raw.signature === compactTag(field, 'b')));
  const droppedRows: string[] = [];
  for (const field of dropped) {
    const problem = signatureProblem(field) ?? { result: 'neutral', comment: 'signature syntax error', reason: 'the signature could not be read (RFC 6376 §6.1.1)' };
    verdicts.push({ result: problem.result, ...optional('domain', field.tags.get('d')), ...optional('selector', field.tags.get('s')), ...optional('algorithm', field.tags.get('a')), aligned: false, reason: problem.reason });
    droppedRows.push(row(problem, field));
  }
  return { verdicts, rewriteRows: (headers) => withDroppedRows(withChangedRows(headers, changed), droppedRows) };
}

// RFC 6376 §3.6.1 t=y: "Verifiers MUST NOT treat messages from Signers in testing mode differently from unsigned email".
const TESTING_NOTE = 'the key record says t=y: the domain is testing DKIM, and its mail is to be treated as unsigned, whatever the result (RFC 6376 §3.6.1)';

/** t= (RFC 6376 §3.5): "Verifiers MAY ignore signatures with a timestamp in the future"; mailauth counts them. */
function futureNotes(field: SignatureField, now: Date): string[] {
  const t = field.tags.get('t');
  if (t === undefined || !/^\d+$/.test(t) || Number(t) * 1000 <= now.getTime()) return [];
  return [`t=${t} (${new Date(Number(t) * 1000).toISOString()}) is in the future: a verifier may ignore such a signature (RFC 6376 §3.5)`];
}

/** l= (RFC 6376 §3.5): how much of the canonicalized body is signed, and what follows unsigned (§8.2). */
function bodyLengthNotes(field: SignatureField, message: Buffer): string[] {
  const text = field.tags.get('l');
  if (text === undefined || !/^\d+$/.test(text)) return [];
  const limit = Number(text);
  // Counted here: mailauth 4.13 leaves the final CRLF out of its total when l= cuts the body.
  const total = canonicalBodyLength(message, field);
  if (limit > total) return [`l=${limit} counts more octets than the canonicalized body has (${total})`];
  if (limit === total) return [`l=${limit}: the whole canonicalized body is signed`];
  return [`l=${limit}: only the first ${limit} of the body's ${total} canonicalized octets are signed; the ${total - limit} after them could be anything (RFC 6376 §8.2)`];
}

/** A dkim row as mailauth writes it (RFC 8601 §2.7.1): `dkim=RESULT (comment) header.i=@d header.s=s header.a=a header.b=...`. */
function row(problem: SignatureProblem, field: SignatureField): string {
  const properties = [
    field.tags.get('d') && `header.i=${propertyValue(`@${field.tags.get('d')}`)}`,
    field.tags.get('s') && `header.s=${propertyValue(field.tags.get('s')!)}`,
    field.tags.get('a') && `header.a=${propertyValue(field.tags.get('a')!)}`,
    compactTag(field, 'b') && `header.b=${propertyValue(compactTag(field, 'b')!.slice(0, 8))}`,
  ].filter(Boolean);
  return [`dkim=${problem.result} (${comment(problem.comment)})`, ...properties].join(' ');
}

/** The rows of signatures whose verdict changed, found by their header.b= (the first 8 characters of b=). */
function withChangedRows(headers: string, changed: ReadonlyArray<{ b: string; problem: SignatureProblem }>): string {
  let rewritten = headers;
  for (const { b, problem } of changed) {
    const pattern = new RegExp(`dkim=\\w+(?: \\((?:[^()\\\\]|\\\\.)*\\))*((?: header\\.[ias]=\\S+)* header\\.b=${escapeRegExp(propertyValue(b.slice(0, 8)))})(?=;|\\r|$)`);
    rewritten = rewritten.replace(pattern, (_row, properties: string) => `dkim=${problem.result} (${comment(problem.comment)})${properties}`);
  }
  return rewritten;
}

/** Rows for dropped signatures: in place of mailauth's `dkim=none (message not signed)`, else before the other rows. */
function withDroppedRows(headers: string, rows: readonly string[]): string {
  if (rows.length === 0) return headers;
  const unsigned = /dkim=none \(message not signed\)/;
  if (unsigned.test(headers)) return headers.replace(unsigned, () => rows.join(';\r\n '));
  return headers.replace(/(Authentication-Results: [^;\r\n]*;\r\n )/, (start: string) => `${start}${rows.join(';\r\n ')};\r\n `);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}
