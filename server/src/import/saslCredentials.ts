// Captured AUTH data -> variable references, so no password (nor its base64) reaches the imported transcript.
// What each mechanism's data holds decides the reference: RFC 4616 (PLAIN), RFC 2195 (CRAM-MD5), the LOGIN draft,
// Google's XOAUTH2. swaks' --auth-plaintext prints the data decoded (`\0user\0pass`, `Username:`); that is read too.
import { readPlainMessage } from '../dialogue/saslPlain';
import { escapeBraces, lineBreaksAsReferences } from '../model/variables';
import { invisibleAsWildcards } from '../model/volatileText';
import { decodeBase64Text } from '../dialogue/saslText';

export interface AuthProgress {
  /** Upper-cased mechanism name. */
  mechanism: string;
  /** Client messages sent so far (the initial response counts). */
  messages: number;
}

export interface CredentialReference {
  /** What the `C:` line carries instead of the captured data. */
  text: string;
  user?: string;
  /** A password the capture revealed; the writer keeps it out of every other line too. */
  password?: string;
  /** The data referenced `{{password}}` / `{{token}}`. */
  usesPassword?: boolean;
  usesToken?: boolean;
  problem?: string;
}


/**
 * Captured text keeps braces literal with `\{{` (model/variables.ts), and a CR or LF the client sent inside a line
 * (a line cannot hold one) as `{{$cr}}`/`{{$lf}}`, so that replay sends the same octets.
 */
export const literalText = (text: string): string => lineBreaksAsReferences(escapeBraces(text));

/**
 * A server's line as captured, `literalText` with its control characters (an escape sequence a terminal or an editor
 * would obey) as `*`, as recordings and `replay --update` write them: the wildcard still matches what the server sends.
 */
export const literalServerLine = (text: string): string => invisibleAsWildcards(literalText(text));

/**
 * The reference for one client AUTH message: the initial response (`challenge` undefined) or the answer to a 334
 * `challenge` (its text after the code, as captured).
 */
export function credentialReference(progress: AuthProgress, data: string, challenge?: string): CredentialReference {
  const reference = mechanismReference(progress, data, challenge);
  if (reference.user === undefined || writable(reference.user)) return reference;
  return { ...reference, user: undefined, problem: 'the AUTH user name cannot stand in a directive (control characters, braces or surrounding spaces); set @user' };
}

/** Text that can stand in `@user = ...` or a `{{$base64 ...}}` argument as it is. */
function writable(text: string): boolean {
  return text !== '' && text.trim() === text && !/[\x00-\x1f\x7f\\]|\{\{|\}\}/.test(text);
}

function mechanismReference(progress: AuthProgress, data: string, challenge?: string): CredentialReference {
  // RFC 4954 §4: `*` cancels the exchange, `=` is an empty initial response.
  if (data === '*' || (data === '=' && challenge === undefined)) return { text: data };
  // A challenge that is no base64 was printed decoded, and so was the answer to it.
  const shownDecoded = challenge !== undefined && challenge !== '' && decodeBase64Text(challenge) === undefined;
  const decoded = shownDecoded ? data : decodeBase64Text(data);
  switch (progress.mechanism) {
    case 'PLAIN':
      return plainReference(decoded ?? (data.includes('\\0') ? data.replace(/\\0/g, '\0') : undefined));
    case 'LOGIN':
      return loginReference(progress, decoded, challenge === undefined ? undefined : shownDecoded ? challenge : decodeBase64Text(challenge));
    case 'CRAM-MD5': {
      // RFC 2195 §2: user SP hex(HMAC-MD5(password, challenge)); replay computes it from the real challenge.
      const user = decoded === undefined ? undefined : /^(\S+) [0-9a-f]{32}$/i.exec(decoded)?.[1];
      const text = '{{$cram-md5 {{user}} {{password}}}}';
      if (user === undefined) return { text, usesPassword: true, problem: 'the CRAM-MD5 answer did not decode to "user digest"; set @user' };
      return { text, user, usesPassword: true };
    }
    case 'XOAUTH2': {
      const fields = decoded === undefined ? null : /^user=([^\x01]*)\x01auth=Bearer ([^\x01]*)\x01\x01$/.exec(decoded);
      // After a failed XOAUTH2 the server sends an error as a 334 and the client answers with an empty line.
      if (!fields) return data === '' ? { text: '' } : { text: literalText(data), problem: 'the XOAUTH2 data did not decode to user and token; kept as captured' };
      return { text: '{{$xoauth2 {{user}} {{token}}}}', user: fields[1], password: fields[2], usesToken: true };
    }
    default:
      return {
        text: literalText(data),
        problem: `AUTH ${progress.mechanism} data is kept as captured: it answers this run's challenge, so a replay will most likely fail`,
      };
  }
}

function plainReference(decoded: string | undefined): CredentialReference {
  const message = decoded === undefined ? undefined : readPlainMessage(decoded);
  if (!message) {
    return {
      text: '{{$plain {{user}} {{password}}}}',
      usesPassword: true,
      problem: 'the AUTH PLAIN data did not decode to "authzid NUL user NUL password"; set @user',
    };
  }
  const { authzid, user, password } = message;
  const plain = { text: '{{$plain {{user}} {{password}}}}', user, password, usesPassword: true };
  if (authzid === '') return plain;
  if (authzid !== user && !writable(authzid)) return { ...plain, problem: 'the AUTH PLAIN authorization identity cannot be written as it is; it was left out' };
  return { ...plain, text: `{{$base64 ${authzid === user ? '{{user}}' : authzid}\\0{{user}}\\0{{password}}}}` };
}

function loginReference(progress: AuthProgress, decoded: string | undefined, prompt: string | undefined): CredentialReference {
  // The prompts are conventionally `Username:` and `Password:`; without them the user comes first.
  const asksPassword = prompt !== undefined && /pass/i.test(prompt) ? true : prompt !== undefined && /user/i.test(prompt) ? false : progress.messages >= 1;
  if (asksPassword) return { text: '{{$base64 {{password}}}}', password: decoded, usesPassword: true };
  if (decoded === undefined) return { text: '{{$base64 {{user}}}}', problem: 'the AUTH LOGIN user name did not decode; set @user' };
  return { text: '{{$base64 {{user}}}}', user: decoded };
}
