// AUTH payloads decoded from base64 (RFC 4954 §4), with the password (or token, or digest) masked: a hover must not
// show what replay output hides.
import type { MarkupContent } from 'vscode-languageserver-types';
import { readPlainMessage } from '../../dialogue/saslPlain';
import { MASK } from '../../model/secrets';
import type { AuthStep } from '../../model/authSteps';
import { codeBlock, markdown } from '../markdown';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function authPayloadHover(payload: string, step: AuthStep | undefined): MarkupContent {
  const title = `**AUTH ${step?.mechanism ?? ''} response**`.replace('  ', ' ');
  if (payload === '*') return markdown(title, '`*` cancels the authentication exchange; the server answers 501 (RFC 4954 §4).');
  if (payload === '=') return markdown(title, '`=` is an empty initial response (RFC 4954 §4).');
  const decoded = decodedPayload(payload, step);
  if (decoded === undefined) return markdown(title, 'Not valid base64: every AUTH response is base64-encoded (RFC 4954 §4).');
  return markdown(title, 'Decoded, credentials masked:', codeBlock(decoded, 'text'));
}

/** An AUTH response decoded, its password (or token, or digest) masked; undefined when it is not base64. */
export function decodedPayload(payload: string, step: AuthStep | undefined): string | undefined {
  if (!BASE64.test(payload) || payload === '') return undefined;
  return visible(masked(Buffer.from(payload, 'base64').toString('utf8'), step));
}

/** The 334 challenge text decoded (`VXNlcm5hbWU6` is `Username:`); undefined when it is not base64. */
export function decodedChallenge(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !BASE64.test(trimmed)) return undefined;
  return visible(Buffer.from(trimmed, 'base64').toString('utf8'));
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
      // RFC 2195 §2: user SP digest
      const space = decoded.lastIndexOf(' ');
      return space > 0 ? `${decoded.slice(0, space)} ${MASK}` : MASK;
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
