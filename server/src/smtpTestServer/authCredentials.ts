// Which part of the credentials a client sent differs from what the transcript expects, told without the password: a
// report that showed `****` on both sides left the user to guess whether the user name or the password was wrong.
// What a payload holds depends on the mechanism and the step (model/authSteps.ts).
import { readPlainMessage, type PlainMessage } from '../dialogue/saslPlain';
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
    const decoded = decoded64(base64);
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
  const want = decoded64(expected);
  const got = decoded64(actual);
  if (want === undefined || got === undefined || want === got) return undefined;
  if (step === 0) return `the AUTH LOGIN user name differs from the ${JSON.stringify(want)} expected (what was sent is not shown)`;
  return step === 1 ? 'the AUTH LOGIN password differs' : undefined;
}

/** CRAM-MD5 answers `user SP digest` (RFC 2195 §2); the digest is of the password and the challenge. */
function cramMd5Differs(expected: string, actual: string): string | undefined {
  const split = (base64: string): [string, string] | undefined => {
    const decoded = decoded64(base64);
    const space = decoded?.lastIndexOf(' ') ?? -1;
    return decoded !== undefined && space > 0 ? [decoded.slice(0, space), decoded.slice(space + 1)] : undefined;
  };
  const want = split(expected);
  const got = split(actual);
  if (!want || !got) return undefined;
  if (want[0] !== got[0]) return `the CRAM-MD5 user name differs: ${JSON.stringify(want[0])} expected, ${JSON.stringify(got[0])} sent`;
  return want[1] !== got[1] ? `the CRAM-MD5 digest differs (the user name ${JSON.stringify(got[0])} is the one expected): another password, or a digest of another challenge` : undefined;
}

function decoded64(base64: string): string | undefined {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64').toString('utf8') : undefined;
}
