// AUTH lines as the scripted server reads and shows them: the credentials in them, and the line with those masked.
import { MASK } from '../model/secrets';

/** The initial response of `AUTH MECHANISM response` (RFC 4954 §4), if the line has one. */
export function authData(text: string): string | undefined {
  return /^\S+\s+\S+\s+(\S.*)$/.exec(text)?.[1];
}

/** `AUTH PLAIN <data>` -> `AUTH PLAIN ****`; an AUTH response line -> `****`. */
export function maskAuth(text: string, command: boolean): string {
  if (!command) return MASK;
  const match = /^(\S+\s+\S+)\s+\S/.exec(text);
  return match ? `${match[1]} ${MASK}` : text;
}
