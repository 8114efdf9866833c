// Built-in `{{$name args}}` functions: environment variables, encodings for AUTH, fresh per-run values.
import { createHmac, randomUUID } from 'node:crypto';
import { isSecretName } from './secrets';
import { ownEntry } from '../knowledge/ownEntry';

export interface BuiltinContext {
  /** Environment variables (passed in: the model never reads `process`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The text of the server's last 334 reply (base64 challenge), for CRAM-MD5. */
  challenge?: string;
  now?: () => Date;
  uuid?: () => string;
}

export type BuiltinResult = { value: string; secret?: boolean } | { error: string };

export interface BuiltinSpec {
  signature: string;
  summary: string;
  /** Gives a new value at every use (a date, a uuid): never reused between two references. */
  fresh?: true;
  /** A value each client makes anew (a date, a MIME boundary): the scripted server matches any text there. */
  madeByClient?: true;
  /** Takes its whole argument text as one value (spaces kept). */
  rawArguments?: boolean;
  /** How many arguments it takes, and how to say so: replay refuses another count, and lint reports it. */
  arity?: { count: number; usage: string };
  /** What is wrong with its arguments' values (resolved; lint checks those written without a reference). */
  valuesProblem?(args: readonly string[]): string | undefined;
  evaluate(args: string[], context: BuiltinContext): BuiltinResult;
  /** The length of the value from its arguments' lengths (exact for ASCII), so lint can size it without building it. */
  size(argLengths: number[]): number;
}

const base64Size = (octets: number): number => Math.ceil(octets / 3) * 4;

/**
 * A line's text cannot hold a CR or LF (RFC 5321 §2.3.8): a value from outside the file that holds one would end its
 * line early and send the rest as lines the transcript does not show. `{{$cr}}` and `{{$lf}}` write one on purpose.
 */
export function holdsLineBreak(value: string): boolean {
  return /[\r\n]/.test(value);
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** What is wrong with the number of arguments a reference gives `builtin` (before they are resolved), if anything. */
export function argumentCountProblem(builtin: BuiltinSpec, args: readonly string[]): string | undefined {
  return !builtin.arity || args.length === builtin.arity.count ? undefined : `expected ${builtin.arity.usage}`;
}

/** The names of a built-in's arguments, as its signature writes them (`{{$plain user password}}`: user, password). */
export function argumentNames(spec: BuiltinSpec): string[] {
  return spec.signature.slice(2, -2).split(' ').slice(1).filter(Boolean);
}

/**
 * The built-in called `name` (without its `$`), or undefined. Looked up as an own entry of the table: a transcript's
 * `{{$constructor}}` or `{{$toString}}` is no built-in, not the table object's inherited method.
 */
export function builtinNamed(name: string): BuiltinSpec | undefined {
  return ownEntry(BUILTINS, name);
}

export const BUILTINS: Record<string, BuiltinSpec> = {
  env: {
    signature: '{{$env NAME}}',
    size: () => 0, // unknown until replay: the environment is read then
    summary: 'The value of the environment variable NAME, read when the transcript is replayed.',
    arity: { count: 1, usage: 'one environment variable name' },
    evaluate(args, context) {
      const value = context.env[args[0]];
      if (value === undefined) return { error: `environment variable ${args[0]} is not set: set it in the environment first (\`export ${args[0]}=...\`)` };
      if (holdsLineBreak(value)) return { error: `environment variable ${args[0]} holds a line break (CR or LF): a line sends one line, so its value would send lines the transcript does not show ({{$cr}} and {{$lf}} write a CR or LF meant to be sent)` };
      return { value, secret: isSecretName(args[0]) };
    },
  },
  base64: {
    signature: '{{$base64 text}}',
    size: ([text = 0]) => base64Size(text),
    summary: 'The base64 encoding of the text; `\\0` is a NUL octet (AUTH PLAIN, RFC 4616).',
    rawArguments: true,
    evaluate: ([text]) => ({ value: base64(text.replace(/\\0/g, '\0')) }),
  },
  plain: {
    signature: '{{$plain user password}}',
    size: ([user = 0, password = 0]) => base64Size(2 + user + password),
    summary: 'The AUTH PLAIN response: base64 of NUL user NUL password (RFC 4616 §2).',
    arity: { count: 2, usage: 'a user and a password' },
    evaluate: (args) => ({ value: base64(`\0${args[0]}\0${args[1]}`), secret: true }),
  },
  'cram-md5': {
    signature: '{{$cram-md5 user password}}',
    size: ([user = 0]) => base64Size(user + 1 + 32),
    summary: "The CRAM-MD5 response to the server's real 334 challenge: base64 of user, space, HMAC-MD5 hex digest (RFC 2195 §2).",
    arity: { count: 2, usage: 'a user and a password' },
    evaluate(args, context) {
      if (context.challenge === undefined) return { error: 'no 334 challenge from the server to answer' };
      const challenge = Buffer.from(context.challenge.trim(), 'base64');
      const digest = createHmac('md5', args[1]).update(challenge).digest('hex');
      return { value: base64(`${args[0]} ${digest}`), secret: true };
    },
  },
  xoauth2: {
    signature: '{{$xoauth2 user token}}',
    size: ([user = 0, token = 0]) => base64Size('user='.length + user + '\x01auth=Bearer '.length + token + 2),
    summary: 'The XOAUTH2 initial response: base64 of `user=USER^Aauth=Bearer TOKEN^A^A`.',
    arity: { count: 2, usage: 'a user and a token' },
    evaluate: (args) => ({ value: base64(`user=${args[0]}\x01auth=Bearer ${args[1]}\x01\x01`), secret: true }),
  },
  date: {
    signature: '{{$date}}',
    size: () => 'Sat, 28 Nov 2026 15:46:56 +0000'.length,
    fresh: true,
    madeByClient: true,
    summary: 'The current date and time in RFC 5322 §3.3 format, for `Date:` headers.',
    evaluate: (_args, context) => ({ value: rfc5322Date((context.now ?? (() => new Date()))()) }),
  },
  'message-id': {
    signature: '{{$message-id}}',
    size: () => '<00000000-0000-4000-8000-000000000000@smtp-transcripts.invalid>'.length,
    fresh: true,
    madeByClient: true,
    summary: 'A fresh message identifier `<uuid@smtp-transcripts.invalid>` (RFC 5322 §3.6.4).',
    evaluate: (_args, context) => ({ value: `<${(context.uuid ?? randomUUID)()}@smtp-transcripts.invalid>` }),
  },
  uuid: {
    signature: '{{$uuid}}',
    size: () => '00000000-0000-4000-8000-000000000000'.length,
    fresh: true,
    madeByClient: true,
    summary: 'A fresh random UUID.',
    evaluate: (_args, context) => ({ value: (context.uuid ?? randomUUID)() }),
  },
  boundary: {
    signature: '{{$boundary N}}',
    size: () => boundaryOf('1').length,
    madeByClient: true,
    summary:
      'A MIME multipart boundary (RFC 2046 §5.1.1), the same wherever `N` is the same in one replay: recordings write the boundary a client made this way, so that replay sends one of its own and the scripted server takes whatever boundary the client makes.',
    arity: { count: 1, usage: 'one boundary number, as `{{$boundary 1}}`' },
    valuesProblem: ([number]) => (/^\d{1,3}$/.test(number) ? undefined : 'expected a boundary number (1 to 999)'),
    evaluate: (args) => ({ value: boundaryOf(args[0]) }),
  },
  capture: {
    signature: '{{$capture name}}',
    size: () => 0,
    summary:
      'In a `C:` line, for the scripted server (`smtp-transcript mock`): matches whatever the client sent there and keeps it as `{{name}}` for the lines below. Replay has nothing to capture and refuses it.',
    evaluate: () => ({ error: '`{{$capture name}}` is read by the scripted server (smtp-transcript mock), which captures what the client sent; replay sends text, so write the text to send' }),
  },
  'any-lines': {
    signature: '{{$any-lines}}',
    size: () => 0,
    summary:
      'A message content line of its own, for the scripted server (`smtp-transcript mock`): any number of lines the client sends there (none included), up to the next written line or the final `.`; as a BDAT chunk\'s only line, any chunk. Replay has no lines to invent and refuses it.',
    evaluate: () => ({ error: '`{{$any-lines}}` is read by the scripted server (smtp-transcript mock), which accepts whatever content the client sends there; replay sends text, so write the content to send' }),
  },
  // A line's text cannot hold a CR or LF: where a client sent one inside a line (a bare LF in message content, the
  // stuff of SMTP smuggling), a recording writes these, so that replay sends the same octets (RFC 5321 §2.3.8).
  cr: {
    signature: '{{$cr}}',
    size: () => 1,
    summary: 'A CR octet inside a line: what a client sent without its LF, written so by recordings; replay sends it as it is (RFC 5321 §2.3.8 forbids a bare CR).',
    evaluate: () => ({ value: '\r' }),
  },
  lf: {
    signature: '{{$lf}}',
    size: () => 1,
    summary: 'An LF octet inside a line: a bare LF a client sent in message content, which a server that takes it as a line end reads otherwise (SMTP smuggling); replay sends it as it is (RFC 5321 §2.3.8).',
    evaluate: () => ({ value: '\n' }),
  },
};

// One token per process: a boundary must not occur in the content it delimits (RFC 2046 §5.1.1), and a random part
// keeps it from matching text a recorded message already holds. Letters, digits, `-` and `_` only: a valid value
// quoted or not (RFC 2045 §5.1 token), as a recording keeps the client's choice. Same length every run (lint sizes it).
let boundaryToken: string | undefined;

function boundaryOf(number: string): string {
  boundaryToken ??= randomUUID().replace(/-/g, '').slice(0, 16);
  return `_smtp-transcripts_${boundaryToken}_${number.padStart(3, '0')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sat, 28 Nov 2026 15:46:56 +0000` (RFC 5322 §3.3, in UTC). */
export function rfc5322Date(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${time} +0000`;
}

/** Splits built-in arguments at spaces outside nested `{{ }}`. */
export function splitArguments(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < args.length; i++) {
    if (args.startsWith('{{', i)) depth++;
    if (args.startsWith('}}', i) && depth > 0) depth--;
    if (args[i] === ' ' && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else current += args[i];
  }
  if (current) out.push(current);
  return out;
}
