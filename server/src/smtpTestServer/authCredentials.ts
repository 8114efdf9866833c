// Which part of the credentials a client sent differs from what the transcript expects, told without the password: a
// report that showed `****` on both sides left the user to guess whether the user name or the password was wrong.
// What a payload holds depends on the mechanism and the step (model/authSteps.ts).
import { readPlainMessage, type PlainMessage } from '../dialogue/saslPlain';
import { decodeBase64Text, readCramMd5Response } from '../dialogue/saslText';
import type { AuthStep } from '../model/authSteps';

/**
 * What differs between the payload expected at this step of the AUTH dialogue and the one sent (both base64), or
 * undefined when either does not decode as the mechanism's or nothing a user name can tell differs. A mechanism not
 * known here is read as PLAIN when both payloads are PLAIN messages.
 */
export function credentialsDiffer(step: AuthStep | undefined, expected: string, actual: string): string | undefined {
  switch (step?.mechanism) {
    case 'LOGIN':
      return loginDiffers(step.step, expected, actual);
    case 'CRAM-MD5':
      return cramMd5Differs(expected, actual);
    default:
      return plainCredentialsDiffer(expected, actual);
  }
}

/** What differs between two AUTH PLAIN messages (base64), or undefined when either is not one or they are the same. */
export function plainCredentialsDiffer(expected: string, actual: string): string | undefined {
  const read = (base64: string): PlainMessage | undefined => {
    const decoded = decodeBase64Text(base64);
    return decoded === undefined ? undefined : readPlainMessage(decoded);
  };
  const want = read(expected);
  const got = read(actual);
  if (!want || !got) return undefined;
  if (want.user !== got.user) return `the AUTH PLAIN user name differs: ${JSON.stringify(want.user)} expected, ${JSON.stringify(got.user)} sent`;
  if (want.authzid !== got.authzid) return `the AUTH PLAIN authorization identity differs: ${JSON.stringify(want.authzid)} expected, ${JSON.stringify(got.authzid)} sent`;
  if (want.password !== got.password) return `the AUTH PLAIN password differs (the user name ${JSON.stringify(got.user)} is the one expected)`;
  return undefined;
}

/**
 * LOGIN answers `Username:` first, `Password:` second (draft-murchison-sasl-login §2). What was sent as the user name
 * is not shown: a client that answers in the wrong order sends its password there.
 */
function loginDiffers(step: number, expected: string, actual: string): string | undefined {
  const want = decodeBase64Text(expected);
  const got = decodeBase64Text(actual);
  if (want === undefined || got === undefined || want === got) return undefined;
  if (step === 0) return `the AUTH LOGIN user name differs from the ${JSON.stringify(want)} expected (what was sent is not shown)`;
  return step === 1 ? 'the AUTH LOGIN password differs' : undefined;
}

/** CRAM-MD5 answers `user SP digest` (RFC 2195 §2); the digest is of the password and the challenge. */
function cramMd5Differs(expected: string, actual: string): string | undefined {
  const read = (base64: string) => {
    const decoded = decodeBase64Text(base64);
    return decoded === undefined ? undefined : readCramMd5Response(decoded);
  };
  const want = read(expected);
  const got = read(actual);
  if (!want || !got) return undefined;
  if (want.user !== got.user) return `the CRAM-MD5 user name differs: ${JSON.stringify(want.user)} expected, ${JSON.stringify(got.user)} sent`;
  return want.digest !== got.digest ? `the CRAM-MD5 digest differs (the user name ${JSON.stringify(got.user)} is the one expected): another password, or a digest of another challenge` : undefined;
}
