// What the first and second digits of a reply code say on their own (RFC 5321 §4.2.1). Clients must act on the first
// digit of codes they do not know, so every code gets a meaning even when it is not in the reply table.
import { rfc, type RfcRef } from './rfc';

export type ReplySeverity = 'positive-completion' | 'positive-intermediate' | 'transient-negative' | 'permanent-negative';

export interface ReplyDigitSpec {
  readonly digit: number;
  readonly title: string;
  readonly meaning: string;
  readonly rfc: RfcRef;
}

export interface ReplySeveritySpec extends ReplyDigitSpec {
  readonly severity: ReplySeverity;
}

const THEORY = rfc(5321, '4.2.1');

export const REPLY_FIRST_DIGITS: readonly ReplySeveritySpec[] = [
  {
    digit: 2,
    severity: 'positive-completion',
    title: 'Positive Completion reply',
    meaning: 'The requested action has been successfully completed. A new request may be initiated.',
    rfc: THEORY,
  },
  {
    digit: 3,
    severity: 'positive-intermediate',
    title: 'Positive Intermediate reply',
    meaning: 'The command has been accepted, but the action is held in abeyance pending further information from the client (as after DATA).',
    rfc: THEORY,
  },
  {
    digit: 4,
    severity: 'transient-negative',
    title: 'Transient Negative Completion reply',
    meaning: 'The command was not accepted and the action did not occur, but the condition is temporary: the client should try again.',
    rfc: THEORY,
  },
  {
    digit: 5,
    severity: 'permanent-negative',
    title: 'Permanent Negative Completion reply',
    meaning: 'The command was not accepted and the action did not occur. The client should not repeat the exact request.',
    rfc: THEORY,
  },
];

export const REPLY_SECOND_DIGITS: readonly ReplyDigitSpec[] = [
  {
    digit: 0,
    title: 'Syntax',
    meaning: 'Syntax errors, syntactically correct commands that fit no functional category, and unimplemented or superfluous commands.',
    rfc: THEORY,
  },
  { digit: 1, title: 'Information', meaning: 'Replies to requests for information, such as status or help.', rfc: THEORY },
  { digit: 2, title: 'Connections', meaning: 'Replies referring to the transmission channel.', rfc: THEORY },
  { digit: 3, title: 'Unspecified', meaning: 'No category is assigned to this digit.', rfc: THEORY },
  { digit: 4, title: 'Unspecified', meaning: 'No category is assigned to this digit.', rfc: THEORY },
  {
    digit: 5,
    title: 'Mail system',
    meaning: 'The status of the receiver mail system with respect to the requested transfer or other mail system action.',
    rfc: THEORY,
  },
];

export interface ReplyClass {
  readonly severity: ReplySeveritySpec;
  /** Undefined when the second character is a wildcard (`2xx`). */
  readonly category?: ReplyDigitSpec;
}

/**
 * The meaning of a code's digits: `replyClass(550)`, `replyClass('25x')`, `replyClass('4xx')`. Undefined when the
 * first digit is not 2-5 or the second is not 0-5, the ranges RFC 5321 §4.2 allows (`Reply-code = %x32-35 %x30-35 %x30-39`).
 */
export function replyClass(code: number | string): ReplyClass | undefined {
  const text = String(code);
  if (!/^[0-9][0-9x][0-9x]$/i.test(text)) return undefined;
  const severity = REPLY_FIRST_DIGITS.find((spec) => spec.digit === Number(text[0]));
  if (!severity) return undefined;
  if (text[1].toLowerCase() === 'x') return { severity };
  const category = REPLY_SECOND_DIGITS.find((spec) => spec.digit === Number(text[1]));
  return category ? { severity, category } : undefined;
}
