// Which part of an AUTH PLAIN message differs from the one the transcript expects, told without the password: a
// report that showed `AUTH PLAIN ****` on both sides left the user to guess whether the user name or the password was
// wrong.
import { readPlainMessage, type PlainMessage } from '../dialogue/saslPlain';

function decodePlain(base64: string): PlainMessage | undefined {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? readPlainMessage(Buffer.from(base64, 'base64').toString('utf8')) : undefined;
}

/** What differs between two AUTH PLAIN messages (base64), or undefined when either is not one or they are the same. */
export function plainCredentialsDiffer(expected: string, actual: string): string | undefined {
  const want = decodePlain(expected);
  const got = decodePlain(actual);
  if (!want || !got) return undefined;
  if (want.user !== got.user) return `the AUTH PLAIN user name differs: ${JSON.stringify(want.user)} expected, ${JSON.stringify(got.user)} sent`;
  if (want.authzid !== got.authzid) return `the AUTH PLAIN authorization identity differs: ${JSON.stringify(want.authzid)} expected, ${JSON.stringify(got.authzid)} sent`;
  if (want.password !== got.password) return `the AUTH PLAIN password differs (the user name ${JSON.stringify(got.user)} is the one expected)`;
  return undefined;
}
