// AUTH lines as the scripted server, the local server and recordings read and show them: the credentials in them, and
// the line with those masked.
// Blanks a client puts before the verb do not hide a line's credentials from the masking.
import { MASK } from './secrets';

/** An AUTH command (RFC 4954 §4), whatever blanks come before it. */
export function isAuthCommand(text: string): boolean {
  return /^\s*AUTH\s/i.test(text);
}

/** The initial response of `AUTH MECHANISM response` (RFC 4954 §4), if the line has one. */
export function authData(text: string): string | undefined {
  return /^\s*\S+\s+\S+\s+(\S.*)$/.exec(text)?.[1];
}

/** `AUTH PLAIN <data>` -> `AUTH PLAIN ****`; an AUTH response line -> `****`. */
export function maskAuth(text: string, command: boolean): string {
  if (!command) return MASK;
  const match = /^(\s*\S+\s+\S+)\s+\S/.exec(text);
  return match ? `${match[1]} ${MASK}` : text;
}

/** A client line as a comment or a log shows it: an AUTH command's initial response is `****`, other lines are as sent. */
export function maskedAuthCommand(text: string): string {
  return isAuthCommand(text) ? maskAuth(text, true) : text;
}
