// DKIM-signs DATA content on replay (docs/transcript-format.md, "DKIM signing"). The signature covers the message
// as the receiver stores it: the wire content after variables and includes, with the dot-stuffing undone
// (RFC 5321 §4.5.2), so what the server hands to its verifier is exactly what was signed. The header field goes
// in front of the content; none of its lines starts with a dot, so it needs no stuffing itself.
import { dotUnstuff } from '../dialogue/framing';
import { dkimSignatureFor, DkimSigningError, readSigningKey } from '../mailauth/dkimSigning';
import type { DkimSettings } from './dkimSettings';
import type { ContentForm } from './outgoing';
import { ReplayError } from './replayError';

/** RFC 5321 §4.5.2: the receiver deletes the first `.` of every line that starts with one. */
export function unstuffDots(wire: Buffer): Buffer {
  return Buffer.from(dotUnstuff(wire.toString('latin1')), 'latin1');
}

/**
 * The `DKIM-Signature` header field for `wireContent`: DATA content in wire form, without the final dot line, or
 * (`form` `chunks`) BDAT chunks joined, which are not stuffed (RFC 3030 §2) and are signed as they are.
 * `readFile` reads `@dkim-key` when it names a file; errors are `transcript` (or `include`) ReplayErrors at `line`.
 */
export async function dkimHeaderFor(
  wireContent: Buffer,
  settings: DkimSettings,
  readFile: (path: string, line: number) => Promise<Buffer>,
  line: number,
  signTime?: Date,
  form: ContentForm = 'dot-stuffed',
): Promise<Buffer> {
  const pem = await signingKeyPem(settings, readFile, line);
  try {
    const header = await dkimSignatureFor(
      form === 'chunks' ? wireContent : unstuffDots(wireContent),
      {
        domain: settings.domain,
        selector: settings.selector,
        privateKeyPem: pem,
        ...(settings.algorithm ? { algorithm: settings.algorithm } : {}),
        ...(settings.headers ? { headers: settings.headers } : {}),
        ...(settings.canonicalization ? { canonicalization: settings.canonicalization } : {}),
      },
      signTime,
    );
    return Buffer.from(header, 'latin1');
  } catch (error) {
    if (error instanceof DkimSigningError) throw new ReplayError('transcript', `@dkim-key: ${error.message}`, line);
    throw error;
  }
}

/**
 * The key `settings` sign with, read and checked as signing will use it (before connecting: a key that cannot be read
 * or cannot sign refuses the session at its `@dkim-key` line, instead of halfway through the first message).
 */
export async function checkSigningKey(settings: DkimSettings, readFile: (path: string, line: number) => Promise<Buffer>, line: number): Promise<void> {
  const at = settings.keyLine ?? line;
  const pem = await signingKeyPem(settings, readFile, at);
  try {
    readSigningKey(pem, settings.algorithm);
  } catch (error) {
    if (error instanceof DkimSigningError) throw new ReplayError('transcript', `@dkim-key: ${error.message}`, at);
    throw error;
  }
}

async function signingKeyPem(settings: DkimSettings, readFile: (path: string, line: number) => Promise<Buffer>, line: number): Promise<string> {
  return settings.key.trimStart().startsWith('-----BEGIN') ? settings.key : (await readFile(settings.key, line)).toString('utf8');
}
