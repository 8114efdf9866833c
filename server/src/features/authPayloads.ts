// AUTH payloads decoded from base64 (RFC 4954 §4) for the editor (hover, inlay hints), the password (or token, or
// digest) masked: the editor must not show what replay output hides.
import { readPlainMessage } from '../dialogue/saslPlain';
import { decodeBase64Text, readCramMd5Response } from '../dialogue/saslText';
import type { AuthStep } from '../model/authSteps';
import { MASK } from '../model/secrets';

/** An AUTH response decoded, its password (or token, or digest) masked; undefined when it is not base64. */
export function decodedPayload(payload: string, step: AuthStep | undefined): string | undefined {
  const decoded = payload === '' ? undefined : decodeBase64Text(payload);
  return decoded === undefined ? undefined : visible(masked(decoded, step));
}

/**
 * The 334 challenge text decoded (`VXNlcm5hbWU6` is `Username:`); undefined when it is not base64, or decodes to
 * control characters or invalid UTF-8: such text was not meant as base64 (`334 abcd` decodes).
 */
export function decodedChallenge(text: string): string | undefined {
  const trimmed = text.trim();
  const decoded = trimmed === '' ? undefined : decodeBase64Text(trimmed);
  return decoded === undefined || /[\x00-\x1f\x7f\uFFFD]/.test(decoded) ? undefined : decoded;
}

function masked(decoded: string, step: AuthStep | undefined): string {
  switch (step?.mechanism) {
    case 'PLAIN': {
      const message = readPlainMessage(decoded);
      return message ? `${message.authzid}\0${message.user}\0${MASK}` : MASK;
    }
    case 'LOGIN':
      // The first answer is the user name, the second the password.
      return step.step === 0 ? decoded : MASK;
    case 'CRAM-MD5': {
      const response = readCramMd5Response(decoded);
      return response ? `${response.user} ${MASK}` : MASK;
    }
    case 'XOAUTH2':
    case 'OAUTHBEARER':
      return decoded.replace(/(auth=Bearer )[^\x01]*/i, `$1${MASK}`);
    default:
      return MASK;
  }
}

/** NUL as `\0`, other control characters as `\xHH`, so the decoded text reads on one line. */
function visible(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\0' ? '\\0' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
