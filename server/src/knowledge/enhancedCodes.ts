// Enhanced mail system status codes (RFC 3463, sent in replies per RFC 2034): `class.subject.detail`, e.g. 5.1.1.
import { ENHANCED_CODE_LIST, type EnhancedCodeSpec } from './enhancedCodeTable';
import { rfc, type RfcRef } from './rfc';

export type { EnhancedCodeSpec } from './enhancedCodeTable';

export type EnhancedClass = 2 | 4 | 5;

export interface EnhancedClassSpec {
  readonly class: EnhancedClass;
  readonly title: string;
  readonly meaning: string;
  readonly rfc: RfcRef;
}

export interface EnhancedSubjectSpec {
  readonly subject: number;
  readonly title: string;
  readonly meaning: string;
  readonly rfc: RfcRef;
}

const STRUCTURE = rfc(3463, '2');

export const ENHANCED_CLASSES: readonly EnhancedClassSpec[] = [
  { class: 2, title: 'Success', meaning: 'A positive delivery action; the detail may report transformations made for delivery.', rfc: STRUCTURE },
  {
    class: 4,
    title: 'Persistent Transient Failure',
    meaning: 'The message is valid, but a temporary condition has caused abandonment or delay; sending later may succeed.',
    rfc: STRUCTURE,
  },
  {
    class: 5,
    title: 'Permanent Failure',
    meaning: 'Resending the message in its current form will not succeed; the message or the destination must change.',
    rfc: STRUCTURE,
  },
];

export const ENHANCED_SUBJECTS: readonly EnhancedSubjectSpec[] = [
  { subject: 0, title: 'Other or Undefined Status', meaning: 'There is no additional subject information available.', rfc: STRUCTURE },
  { subject: 1, title: 'Addressing Status', meaning: 'The originator or destination address: its syntax or validity. Usually the sender can correct it and retry.', rfc: STRUCTURE },
  { subject: 2, title: 'Mailbox Status', meaning: 'Something about the destination mailbox, generally under the control of the recipient.', rfc: STRUCTURE },
  { subject: 3, title: 'Mail System Status', meaning: 'Something about the destination system, generally under the control of its administrator.', rfc: STRUCTURE },
  { subject: 4, title: 'Network and Routing Status', meaning: 'The delivery system itself, including directory and routing services.', rfc: STRUCTURE },
  { subject: 5, title: 'Mail Delivery Protocol Status', meaning: 'Failures of the message delivery protocol: implementation errors or an unreliable connection.', rfc: STRUCTURE },
  { subject: 6, title: 'Message Content or Media Status', meaning: 'The content of the message: translation, transcoding or unsupported media.', rfc: STRUCTURE },
  { subject: 7, title: 'Security or Policy Status', meaning: 'Policies such as per-recipient or per-host filtering, and cryptographic operations.', rfc: STRUCTURE },
];

const BY_KEY: ReadonlyMap<string, EnhancedCodeSpec> = new Map(
  ENHANCED_CODE_LIST.map((spec) => [`${spec.subject}.${spec.detail}`, spec]),
);

/** Every registered code, in registry order. */
export const ENHANCED_STATUS_CODES: readonly EnhancedCodeSpec[] = ENHANCED_CODE_LIST;

export interface EnhancedCode {
  readonly class: EnhancedClass;
  readonly subject: number;
  readonly detail: number;
}

/**
 * Reads `5.1.1` as RFC 3463 §2 defines it: class 2, 4 or 5, then subject and detail of 1-3 digits without leading
 * zeros. Anything else (wildcards, surrounding text) is undefined.
 */
export function parseEnhancedCode(text: string): EnhancedCode | undefined {
  const match = /^([245])\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text);
  if (!match) return undefined;
  return { class: Number(match[1]) as EnhancedClass, subject: Number(match[2]), detail: Number(match[3]) };
}

/** The registry entry for a subject and detail, whatever the class: `lookupEnhancedCode(1, 1)` is X.1.1. */
export function lookupEnhancedCode(subject: number, detail: number): EnhancedCodeSpec | undefined {
  return BY_KEY.get(`${subject}.${detail}`);
}

export interface EnhancedCodeDescription {
  readonly code: EnhancedCode;
  readonly class: EnhancedClassSpec;
  /** Undefined for a subject RFC 3463 does not define. */
  readonly subject?: EnhancedSubjectSpec;
  /** Undefined for a detail the registry does not list; clients then report the subject (RFC 3463 §2). */
  readonly detail?: EnhancedCodeSpec;
}

/** `describeEnhancedCode('5.1.1')`: the class, subject and registry entry; undefined when the text is not a code. */
export function describeEnhancedCode(text: string): EnhancedCodeDescription | undefined {
  const code = parseEnhancedCode(text);
  if (!code) return undefined;
  const classSpec = ENHANCED_CLASSES.find((spec) => spec.class === code.class);
  if (!classSpec) return undefined;
  const subject = ENHANCED_SUBJECTS.find((spec) => spec.subject === code.subject);
  const detail = lookupEnhancedCode(code.subject, code.detail);
  return {
    code,
    class: classSpec,
    ...(subject ? { subject } : {}),
    ...(detail ? { detail } : {}),
  };
}
