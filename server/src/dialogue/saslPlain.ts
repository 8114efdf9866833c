// The SASL PLAIN message (RFC 4616 §2): `[authzid] NUL authcid NUL passwd`, decoded from its base64. One reading for
// the local server (checking it), the mock (telling which part differs), hover (masking the password) and import
// (writing it as {{$plain}}).

export interface PlainMessage {
  /** The authorization identity; empty when the client acts as itself. */
  authzid: string;
  /** The authentication identity: the user name. */
  user: string;
  password: string;
}

/** The three fields of a decoded PLAIN message; undefined when it holds other than exactly two NULs. */
export function readPlainMessage(decoded: string): PlainMessage | undefined {
  const fields = decoded.split('\0');
  return fields.length === 3 ? { authzid: fields[0], user: fields[1], password: fields[2] } : undefined;
}
