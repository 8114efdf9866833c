// The hover on an AUTH payload: decoded from base64 (RFC 4954 §4), the password (or token, or digest) masked as
// replay output masks it (authPayloads.ts).
import type { MarkupContent } from 'vscode-languageserver-types';
import type { AuthStep } from '../../model/authSteps';
import { decodedPayload } from '../authPayloads';
import { codeBlock, markdown } from '../markdown';

export function authPayloadHover(payload: string, step: AuthStep | undefined): MarkupContent {
  const title = `**AUTH ${step?.mechanism ?? ''} response**`.replace('  ', ' ');
  if (payload === '*') return markdown(title, '`*` cancels the authentication exchange; the server answers 501 (RFC 4954 §4).');
  if (payload === '=') return markdown(title, '`=` is an empty initial response (RFC 4954 §4).');
  const decoded = decodedPayload(payload, step);
  if (decoded === undefined) return markdown(title, 'Not valid base64: every AUTH response is base64-encoded (RFC 4954 §4).');
  return markdown(title, 'Decoded, credentials masked:', codeBlock(decoded, 'text'));
}
