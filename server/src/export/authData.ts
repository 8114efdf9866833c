// What of a session's AUTH data (RFC 4954) is a secret in an export, for every target alike: swaks, smtplib and
// Nodemailer get the user and the password's environment variable; the lines typed into openssl s_client keep their
// `{{...}}` expressions with every secret written in the file replaced, so that no password appears in an export.
import { splitArguments } from '../model/builtins';
import type { ClientLine, Directive, VariableReference } from '../model/types';
import { MASK } from '../model/secrets';
import { onlyEnvironment, resolveRaw, type Text } from './textPieces';
import { ownEntry } from '../knowledge/ownEntry';

export const DEFAULT_PASSWORD_VARIABLE = 'SMTP_PASSWORD';

/** The built-ins that encode credentials, and which of their arguments is the secret (the user is never one). */
const SECRET_ARGUMENT: Readonly<Record<string, number>> = { '$plain': 1, '$cram-md5': 1, '$xoauth2': 1 };

export interface AuthCredentials {
  user: Text;
  /** The environment variable the password comes from (SMTP_PASSWORD when the file writes it otherwise). */
  passwordVariable: string;
}

/**
 * The credentials of one AUTH exchange: `lines` are the `C: AUTH M ...` line and the answers to its 334s.
 * The password is the secret argument of `{{$plain}}`, `{{$cram-md5}}`, `{{$xoauth2}}`, or LOGIN's second `{{$base64}}`.
 */
export function readCredentials(mechanism: string, lines: ClientLine[], definitions: Map<string, Directive>, notes: string[]): AuthCredentials {
  const refs = lines.flatMap((line) => line.variables);
  const pair = refs.find((r) => ownEntry(SECRET_ARGUMENT, r.name) !== undefined);
  const args = pair ? splitArguments(pair.args).slice(-2) : refs.filter((r) => r.name === '$base64').map((r) => r.args.trim());
  if (args.length < 2) {
    notes.push(`AUTH ${mechanism}: no user and password found in {{$plain}}, {{$cram-md5}} or {{$base64}}: set --auth-user yourself`);
    return { user: [], passwordVariable: DEFAULT_PASSWORD_VARIABLE };
  }
  const password = onlyEnvironment(resolveRaw(args[1], definitions).text);
  if (password === undefined) notes.push(`AUTH ${mechanism}: the password is not a {{$env NAME}}: it is read from ${DEFAULT_PASSWORD_VARIABLE} instead of being written here`);
  return { user: resolveRaw(args[0], definitions).text, passwordVariable: password ?? DEFAULT_PASSWORD_VARIABLE };
}

/**
 * Each of an AUTH exchange's lines as it may be shown: references kept, each secret argument written in the file
 * as `{{$env passwordVariable}}` (the variable the session logs in with), data written as on the wire as `****`.
 */
export function shownAuthLines(mechanism: string, lines: ClientLine[], passwordVariable: string): { shown: string[]; masked: boolean } {
  // Only LOGIN sends the user in a `{{$base64}}` of its own (RFC 4954 §4 leaves the answers to the mechanism).
  let base64Seen = 0;
  const secretOf = (ref: VariableReference): number | 'all' | undefined => {
    if (ref.name !== '$base64') return ownEntry(SECRET_ARGUMENT, ref.name);
    base64Seen++;
    return mechanism === 'LOGIN' && base64Seen === 1 ? undefined : 'all';
  };
  let masked = false;
  const shown = lines.map((line, index) => {
    const one = shownLine(line, index === 0, secretOf, `{{$env ${passwordVariable}}}`);
    masked ||= one.masked;
    return one.text;
  });
  return { shown, masked };
}

export const MASKED_AUTH_NOTE = `AUTH data written in the file as it goes on the wire is a secret: shown as ${MASK}`;

/** The line with each secret argument written in the file as `{{$env VAR}}` and literal data as `****`. */
function shownLine(line: ClientLine, isCommand: boolean, secretOf: (ref: VariableReference) => number | 'all' | undefined, replacement: string): { text: string; masked: boolean } {
  const text = line.text;
  // The command's verb and mechanism name are no secret; its initial response is (RFC 4954 §4).
  const dataStart = isCommand ? (/^\s*\S+\s+\S+\s?/.exec(text)?.[0].length ?? text.length) : 0;
  let out = text.slice(0, dataStart);
  let at = dataStart;
  let masked = false;
  const literal = (slice: string) => {
    // `*` cancels the exchange and `=` is an empty response: neither holds a secret.
    if (/^\s*(\*|=)?\s*$/.test(slice)) return slice;
    masked = true;
    return MASK;
  };
  for (const ref of line.variables) {
    const start = ref.range.start.character - line.character;
    const end = ref.range.end.character - line.character;
    if (start < at) continue;
    out += literal(text.slice(at, start)) + shownReference(ref, text.slice(start, end), secretOf(ref), replacement);
    at = end;
  }
  out += literal(text.slice(at));
  return { text: out, masked };
}

function shownReference(ref: VariableReference, written: string, secret: number | 'all' | undefined, replacement: string): string {
  if (secret === undefined) return written;
  const args = secret === 'all' ? [ref.args.trim()] : splitArguments(ref.args);
  const index = secret === 'all' ? 0 : secret;
  if (args[index] === undefined || isOnlyReferences(args[index])) return written;
  args[index] = replacement;
  return `{{${ref.name} ${args.join(' ')}}}`;
}

/** Only references (`{{name}}`, `{{$env NAME}}`), nothing written outside them: it shows no value. */
function isOnlyReferences(arg: string): boolean {
  let depth = 0;
  for (let i = 0; i < arg.length; i++) {
    if (arg.startsWith('{{', i)) {
      depth++;
      i++;
    } else if (arg.startsWith('}}', i) && depth > 0) {
      depth--;
      i++;
    } else if (depth === 0 && arg[i] !== ' ') return false;
  }
  return arg.trim() !== '';
}

/**
 * Said when a tool that always or never sends the first response on the AUTH line (RFC 4954 §4's initial response)
 * does otherwise than the file: `sendsInitialResponse` lists the mechanisms it sends one with. A server takes either;
 * the mock of the file checks the lines as written, and sees the difference.
 */
export function initialResponseNote(tool: string, sendsInitialResponse: readonly string[], auth: { mechanism: string; initialResponse: boolean }): string | undefined {
  const sends = sendsInitialResponse.includes(auth.mechanism);
  if (sends === auth.initialResponse) return undefined;
  return sends
    ? `${tool} sends AUTH ${auth.mechanism}'s first response on the AUTH line; the file waits for the server's 334 first`
    : `${tool} sends AUTH ${auth.mechanism}'s first response after the server's 334; the file sends it on the AUTH line`;
}
