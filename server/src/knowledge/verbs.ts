// The verb table (RFC 5321 commands and extension commands) and lookups by the text a transcript holds.
import { CORE_VERB_SPECS } from './coreVerbs';
import { closestMatch } from './didYouMean';
import { EXTENSION_VERB_SPECS } from './extensionVerbs';
import { lookupExtension, type ExtensionKeyword } from './extensions';
import { isRfcRef } from './rfc';
import { VERBS, type Verb, type VerbSpec } from './verbSpec';

export const VERB_SPECS: Readonly<Record<Verb, VerbSpec>> = { ...CORE_VERB_SPECS, ...EXTENSION_VERB_SPECS };

export function isVerb(text: string): text is Verb {
  return (VERBS as readonly string[]).includes(text);
}

/** Verbs are case-insensitive (RFC 5321 §2.4): `lookupVerb('ehlo')` is the EHLO entry. */
export function lookupVerb(text: string): VerbSpec | undefined {
  const upper = text.toUpperCase();
  return isVerb(upper) ? VERB_SPECS[upper] : undefined;
}

/** EHLO, HELO, STARTTLS: the handshake before the server's last word on its extensions. */
export function isHandshakeVerb(verb: Verb | undefined): boolean {
  return verb !== undefined && VERB_SPECS[verb].handshake === true;
}

/** RFC 3207 §4.2: what may come between STARTTLS's 220 and the new EHLO without skipping it. */
export function isAllowedBeforeEhloAfterTls(verb: Verb | undefined): boolean {
  return verb !== undefined && VERB_SPECS[verb].allowedBeforeEhloAfterTls === true;
}

/** EHLO, LHLO: the reply lists the server's extensions (RFC 5321 §4.1.1.1, RFC 2033 §4.1). */
export function listsExtensions(verb: Verb | undefined): boolean {
  return verb !== undefined && VERB_SPECS[verb].listsExtensions === true;
}

/** LHLO: the session speaks LMTP (RFC 2033), whose final `.` is answered once per accepted recipient. */
export function opensLmtp(verb: Verb | undefined): boolean {
  return verb !== undefined && VERB_SPECS[verb].opensLmtp === true;
}

/** XCLIENT: its success starts the session over (the verb table's `restartsSession`). */
export function restartsSession(verb: Verb | undefined): boolean {
  return verb !== undefined && VERB_SPECS[verb].restartsSession === true;
}

/**
 * The service extension (RFC 5321 §2.2.1) a command belongs to, which only a server answering EHLO can offer: AUTH,
 * STARTTLS, BDAT, ETRN... Undefined for RFC 5321's own commands (EXPN, HELP: a keyword, but no EHLO needed) and RFC
 * 821's (TURN, SEND...). A session opened with HELO has none of them (RFC 5321 §4.1.1.1).
 */
export function serviceExtensionOf(verb: Verb | undefined): ExtensionKeyword | undefined {
  const keyword = verb && VERB_SPECS[verb].extension;
  const spec = keyword ? lookupExtension(keyword) : undefined;
  if (!keyword || !spec || (isRfcRef(spec.spec) && (spec.spec.rfc === 5321 || spec.spec.rfc === 821))) return undefined;
  return keyword;
}

// Current verbs first, so a typo that is as close to an obsolete verb resolves to the one people mean.
const SUGGESTION_ORDER: readonly Verb[] = [...VERBS].sort(
  (a, b) => Number(VERB_SPECS[a].status !== 'current') - Number(VERB_SPECS[b].status !== 'current'),
);

/** The known verb an unknown one is probably a typo of: `suggestVerb('EHOL')` is `EHLO`. Undefined for known verbs. */
export function suggestVerb(unknown: string): Verb | undefined {
  if (lookupVerb(unknown)) return undefined;
  return closestMatch(unknown, SUGGESTION_ORDER);
}
