// Which part of an AUTH PLAIN message differs from the one the transcript expects, told without the password: a
// report that showed `AUTH PLAIN ****` on both sides left the user to guess whether the user name or the password was
// wrong. RFC 4616 §2: the message is base64 of `authzid NUL authcid NUL passwd`.

interface PlainMessage {
  authzid: string;
  user: string;
  password: string;
}

function decodePlain(base64: string): PlainMessage | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const parts = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  return parts.length === 3 ? { authzid: parts[0], user: parts[1], password: parts[2] } : undefined;
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
