// Which commands an enhanced status code can answer. RFC 3463 §3.2 splits addressing codes into the destination's
// (X.1.1-X.1.6, X.1.10: a RCPT matter) and the sender's (X.1.7, X.1.8: a MAIL matter, which servers that delay their
// sender checks, as Postfix does by default, also give at RCPT); RFC 3463 §3.6 and the IANA
// registry's associated basic codes tie X.5.3 (too many recipients) to RCPT and RFC 4954 §6 ties X.7.8, X.7.9,
// X.7.11, X.7.12 and X.5.6 to AUTH. Codes not listed here may answer any command.
import type { Verb } from './verbSpec';

/** What a reply answers: a verb, the end of DATA content, a line of an AUTH dialogue. */
export type AnsweredStep = Verb | 'message' | 'auth-response';

interface CodeFit {
  /** `subject.detail`. */
  readonly codes: readonly string[];
  readonly about: string;
  readonly answers: readonly AnsweredStep[];
}

// The end of the message and BDAT stay allowed everywhere a transaction-wide verdict is plausible: servers that check
// recipients late (or the sender's domain by policy) refuse the whole message with them.
const CONTENT_STEPS: readonly AnsweredStep[] = ['DATA', 'BDAT', 'message'];
const AUTH_STEPS: readonly AnsweredStep[] = ['AUTH', 'auth-response'];

const FITS: readonly CodeFit[] = [
  { codes: ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.10'], about: 'the destination address (RFC 3463 §3.2)', answers: ['RCPT', 'VRFY', 'EXPN', ...CONTENT_STEPS] },
  { codes: ['1.7', '1.8'], about: "the sender's address (RFC 3463 §3.2)", answers: ['MAIL', 'RCPT', ...CONTENT_STEPS] },
  { codes: ['5.3'], about: 'too many recipients (RFC 3463 §3.6)', answers: ['RCPT', ...CONTENT_STEPS] },
  { codes: ['5.6'], about: 'an AUTH line too long (RFC 4954 §6)', answers: AUTH_STEPS },
  { codes: ['7.8', '7.9', '7.11', '7.12'], about: 'authentication (RFC 4954 §6)', answers: AUTH_STEPS },
];

const BY_CODE: ReadonlyMap<string, CodeFit> = new Map(FITS.flatMap((fit) => fit.codes.map((code) => [code, fit] as const)));

/** Undefined when `subject.detail` may answer `step`; otherwise what the code is about and what it answers. */
export function enhancedCodeMisfit(subject: number, detail: number, step: AnsweredStep): { about: string; answers: readonly AnsweredStep[] } | undefined {
  const fit = BY_CODE.get(`${subject}.${detail}`);
  return fit && !fit.answers.includes(step) ? fit : undefined;
}
