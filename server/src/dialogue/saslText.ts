// What SASL data looks like on the wire (RFC 4954 §4): base64 with padding (RFC 4648 §4), and the CRAM-MD5
// response inside it (RFC 2195 §2). One reading for lint, hover and inlay hints, the mock, the local server and import.

// RFC 4648 §4 base64 with padding, as RFC 4954 §4 requires.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/** Base64 decoded as UTF-8; undefined when `text` is not base64 (the empty string is, and decodes to itself). */
export function decodeBase64Text(text: string): string | undefined {
  return isBase64(text) ? Buffer.from(text, 'base64').toString('utf8') : undefined;
}

/** A CRAM-MD5 response, `user SP digest` (RFC 2195 §2), decoded; undefined when it has no space after a user name. */
export function readCramMd5Response(decoded: string): { user: string; digest: string } | undefined {
  const space = decoded.lastIndexOf(' ');
  return space > 0 ? { user: decoded.slice(0, space), digest: decoded.slice(space + 1) } : undefined;
}
