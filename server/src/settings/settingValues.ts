// The values of replay settings (docs/transcript-format.md, "Directives and variables"): how each kind of value is
// read and checked, alike for lint and replay, so both say the same thing about `@port = 25x25`. Pure: text in,
// problems out. Which setting has which kind is `settings/replaySettings.ts`.
import { isIP } from 'node:net';
import { closestMatch } from '../knowledge/didYouMean';
import { EXTENSION_KEYWORDS } from '../knowledge/extensions';
import { ownEntry } from '../knowledge/ownEntry';

/** setTimeout waits at most 2^31-1 ms; a longer delay fires at once (Node warns TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SettingProblem {
  /** `invalid`: replay refuses the value; `unknown-keyword`: an `@requires` keyword no extension defines. */
  kind: 'invalid' | 'unknown-keyword';
  /** A whole sentence naming the directive: "`@port = 25x25` is not a TCP port (1-65535)". */
  message: string;
  /** The part of the value the problem is about, as offsets in the value. */
  start: number;
  end: number;
  /** What `value[start, end)` should be, when the intent is plain. */
  replacement?: string;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `500ms`, `10s`, `2m` (a bare number is seconds) -> milliseconds, unchecked: see `valueChecks.duration`. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
}

export type Invalid = (expected: string, replacement?: string, hint?: string) => SettingProblem[];

/** The problem builder for `@name = value`: a whole sentence naming the directive, with a did-you-mean when plain. */
export function invalidValue(name: string, value: string): Invalid {
  return (expected, replacement, hint) => {
    const suggestion = replacement !== undefined ? `: did you mean \`${replacement}\`?` : hint ? `: ${hint}` : '';
    const problem: SettingProblem = { kind: 'invalid', message: `\`@${name} = ${value}\` is not ${expected}${suggestion}`, start: 0, end: value.length };
    if (replacement !== undefined) problem.replacement = replacement;
    return [problem];
  };
}

/** The value checks of the replay settings (`settings/replaySettings.ts` gives each setting one), same messages as lint's. */
export const valueChecks = {
  port: (name: string, value: string): SettingProblem[] =>
    readPort(value) !== undefined ? [] : invalidValue(name, value)('a TCP port (1-65535)', portSuggestion(value)),
  mode: (modes: readonly string[], aliases: Readonly<Record<string, string>>) => (name: string, value: string): SettingProblem[] =>
    oneOf(value, modes, aliases, invalidValue(name, value)),
  duration: (name: string, value: string): SettingProblem[] => checkDuration(value, invalidValue(name, value)),
  server: (name: string, value: string): SettingProblem[] => {
    if (value === '' || serverProblem(value) === undefined) return [];
    return invalidValue(name, value)('host, host:port, [ipv6]:port, mx:domain or unix:/path', serverSuggestion(value), serverProblem(value));
  },
  path: (name: string, value: string): SettingProblem[] =>
    value.startsWith('-----BEGIN') ? invalidValue(name, value)('a path', undefined, 'give the path of a PEM file, not its content') : [],
  keywords: (name: string, value: string): SettingProblem[] => checkRequires(name, value),
  any: (): SettingProblem[] => [],
};

/** A TCP port, or undefined. */
export function readPort(text: string): number | undefined {
  const number = Number(text);
  return /^\d+$/.test(text) && number >= 1 && number <= 65535 ? number : undefined;
}

/** A duration replay can wait for (more than 0, at most `MAX_TIMER_MS`), in milliseconds; undefined otherwise. */
export function readDuration(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
}

/** `@requires` keywords, upper-cased (RFC 5321 §4.1.1.1: EHLO keywords are case-insensitive). */
export function readRequiredKeywords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).map((keyword) => keyword.toUpperCase());
}

export const MATCH_MODES = ['code', 'strict'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];
// What people write for these modes elsewhere (`ssl` in mail clients, `exact` in test tools).
export const TLS_ALIASES: Readonly<Record<string, string>> = { ssl: 'implicit', tls: 'implicit', smtps: 'implicit', plain: 'none', off: 'none', no: 'none', false: 'none' };
export const MATCH_ALIASES: Readonly<Record<string, string>> = { exact: 'strict', text: 'strict', full: 'strict', lax: 'code', loose: 'code' };

/** One of `modes`, in any case (`@tls = STARTTLS` is fine). */
export function readMode<T extends string>(text: string, modes: readonly T[]): T | undefined {
  return modes.find((mode) => mode === text.toLowerCase());
}

export function oneOf(value: string, modes: readonly string[], aliases: Readonly<Record<string, string>>, invalid: Invalid): SettingProblem[] {
  if (readMode(value, modes)) return [];
  const expected = modes.map((mode) => `\`${mode}\``).join(modes.length > 2 ? ', ' : ' or ').replace(/, ([^,]*)$/, ' or $1');
  return invalid(expected, ownEntry(aliases, value.toLowerCase()) ?? closestMatch(value, modes));
}

function checkDuration(value: string, invalid: Invalid): SettingProblem[] {
  const expected = 'a duration like `500ms`, `10s` or `2m`';
  const ms = parseDuration(value);
  if (ms === undefined) {
    if (/^\s*-/.test(value)) return invalid(expected, undefined, 'it must be more than 0');
    return invalid(expected, durationSuggestion(value));
  }
  if (ms <= 0) return invalid(expected, undefined, 'it must be more than 0');
  if (ms > MAX_TIMER_MS) return invalid(expected, undefined, `it must be at most ${MAX_TIMER_MS} ms (about ${Math.floor(MAX_TIMER_MS / 86_400_000)} days), the longest a timer can wait`);
  return [];
}

// `10 seconds` -> `10s`; `1h` -> `60m` (the units are ms, s and m).
const UNIT_WORDS: Readonly<Record<string, string>> = {
  msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  sec: 's', secs: 's', second: 's', seconds: 's',
  min: 'm', mins: 'm', minute: 'm', minutes: 'm',
};

function durationSuggestion(value: string): string | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = match[2].toLowerCase();
  const word = ownEntry(UNIT_WORDS, unit);
  if (word) return `${match[1]}${word}`;
  if (['h', 'hr', 'hrs', 'hour', 'hours'].includes(unit)) return `${Number(match[1]) * 60}m`;
  return undefined;
}

function portSuggestion(value: string): string | undefined {
  const digits = /^\s*:?\s*(\d+)\s*$/.exec(value)?.[1];
  return digits !== undefined && readPort(digits) !== undefined ? digits : undefined;
}

// A host name (RFC 1123 labels; `_` tolerated as local names use it) with an optional final dot.
export const HOST_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** `host`, `host:port`, `[ipv6]`, `[ipv6]:port`, a bare IPv6 address, `mx:domain[:port]`, `unix:/path`; why not, or undefined. */
export function serverProblem(value: string): string | undefined {
  if (UNIX_PREFIX.test(value)) {
    const path = unixSocketPath(value);
    return path === undefined ? 'write a UNIX-domain socket as `unix:/absolute/path`' : socketPathProblem(path);
  }
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    if (isIP(bracketed[1]) !== 6) return `\`${bracketed[1]}\` is not an IPv6 address`;
    return bracketed[2] === undefined ? undefined : portProblem(bracketed[2]);
  }
  if (mayBeIpv6(value) && isIP(value) === 6) return undefined;
  const mx = /^mx:/i.test(value);
  const rest = mx ? value.slice(3) : value;
  const colon = rest.indexOf(':');
  const host = colon < 0 ? rest : rest.slice(0, colon);
  if (colon >= 0 && rest.indexOf(':', colon + 1) >= 0) return 'write an IPv6 address with a port as `[ipv6]:port`';
  if (!HOST_NAME.test(host)) return mx ? `\`${host}\` is not a domain` : `\`${host}\` is not a host name or IP address`;
  return colon < 0 ? undefined : portProblem(rest.slice(colon + 1));
}

/**
 * `host:port` as `--server` takes it back: an IPv6 address in brackets (RFC 3986 §3.2.2), `[::1]:25`, not `::1:25`; a
 * UNIX-domain socket as it is (`unix:/run/dovecot/lmtp`), which has no port.
 */
export function endpointText(host: string, port: number): string {
  if (UNIX_PREFIX.test(host)) return host;
  return mayBeIpv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

const UNIX_PREFIX = /^unix:/i;

/**
 * The path of a server written `unix:/path` (a UNIX-domain socket, where LMTP services such as Dovecot's listen), or
 * undefined for any other server. Absolute: a relative path would depend on where replay runs.
 */
export function unixSocketPath(server: string): string | undefined {
  return UNIX_PREFIX.test(server) && server.charAt(5) === '/' && server.length > 6 ? server.slice(5) : undefined;
}

/**
 * The longest path a UNIX-domain socket takes: `sun_path` holds 108 bytes on Linux, 104 on macOS and the BSDs, the
 * last one a NUL. A longer path is cut there by the system, so a server would listen, and a client connect, elsewhere.
 */
// Read through globalThis: the web worker's language server has no `process` (and no socket); Linux's is taken there.
const SOCKET_PATH_MAX_BYTES = ['darwin', 'freebsd', 'openbsd', 'netbsd'].includes(globalThis.process?.platform) ? 103 : 107;

/** Why `path` cannot name a UNIX-domain socket (too long), or undefined. */
export function socketPathProblem(path: string): string | undefined {
  const bytes = Buffer.byteLength(path);
  return bytes > SOCKET_PATH_MAX_BYTES ? `a UNIX-domain socket's path holds at most ${SOCKET_PATH_MAX_BYTES} bytes, and this one has ${bytes}: choose a shorter one` : undefined;
}

/**
 * RFC 4291 §2.2: every textual IPv6 address holds at least two colons. Asked first, so `host:port` never reaches
 * Node's IPv6 pattern, whose first use cost a CLI run 20-30 ms of compiling.
 */
function mayBeIpv6(value: string): boolean {
  const colon = value.indexOf(':');
  return colon >= 0 && value.indexOf(':', colon + 1) >= 0;
}

function portProblem(port: string): string | undefined {
  return readPort(port) === undefined ? `\`${port}\` is not a TCP port (1-65535)` : undefined;
}

/** `smtp://mx.example.com:25/` -> `mx.example.com:25`; `host 2525` -> `host:2525`. */
function serverSuggestion(value: string): string | undefined {
  const candidate = value
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '')
    .replace(/^(\S+)\s+(\d+)$/, '$1:$2');
  return candidate !== value && serverProblem(candidate) === undefined ? candidate : undefined;
}

// RFC 5321 §4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-").
const EHLO_KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function checkRequires(name: string, value: string): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const match of value.matchAll(/\S+/g)) {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    if (!EHLO_KEYWORD.test(word)) {
      const parts = word.split(/[,;]+/).filter(Boolean);
      const separated = parts.length > 1 && parts.every((part) => EHLO_KEYWORD.test(part));
      const problem: SettingProblem = {
        kind: 'invalid',
        message: `\`@${name}\`: \`${word}\` is not an EHLO keyword (letters, digits and \`-\`, RFC 5321 §4.1.1.1)${separated ? ': separate keywords with spaces' : ''}`,
        start,
        end,
      };
      if (separated) problem.replacement = parts.join(' ');
      problems.push(problem);
      continue;
    }
    const upper = word.toUpperCase();
    // RFC 5321 §4.1.5: keywords starting with X are local extensions.
    if ((EXTENSION_KEYWORDS as readonly string[]).includes(upper) || upper.startsWith('X')) continue;
    const suggestion = closestMatch(upper, EXTENSION_KEYWORDS);
    const problem: SettingProblem = {
      kind: 'unknown-keyword',
      message: `\`@${name}\`: no registered extension is called \`${word}\`${suggestion ? `: did you mean \`${suggestion}\`?` : ''} Replay skips the session unless the server advertises it.`,
      start,
      end,
    };
    if (suggestion) problem.replacement = suggestion;
    problems.push(problem);
  }
  return problems;
}
