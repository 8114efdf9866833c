// The replay settings visible at a line: `@server`, `@port`, `@tls`, `@tls-servername`, `@ca`, `@timeout`,
// `@connect-timeout`, `@match` (docs/transcript-format.md, "Directives and variables").
import type { Directive } from '../model/types';
import { ReplayError } from './replayError';
import type { MatchMode } from './matchReply';
import type { TlsMode } from './replayTypes';

export interface SessionSettings {
  server?: string;
  port?: number;
  tls?: TlsMode;
  servername?: string;
  /** Path of a PEM file, relative to the transcript. */
  ca?: string;
  replyTimeoutMs: number;
  connectTimeoutMs: number;
  match: MatchMode;
  /** EHLO keywords the session needs (`@requires`), upper-cased. */
  requires: string[];
}

export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `500ms`, `10s`, `2m` (a bare number is seconds) -> milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
}

export function readSettings(
  definitions: Map<string, Directive>,
  resolveValue: (directive: Directive) => string,
  defaults: { connectMs?: number; replyMs?: number },
): SessionSettings {
  const value = (name: string): string | undefined => {
    const directive = definitions.get(name);
    return directive ? resolveValue(directive) : undefined;
  };
  const invalid = (name: string, text: string, expected: string): ReplayError => {
    const line = definitions.get(name)!.range.start.line + 1;
    return new ReplayError('transcript', `line ${line}: \`@${name} = ${text}\` is not ${expected}`);
  };
  const duration = (name: string, fallback: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) throw invalid(name, text, 'a duration like `500ms`, `10s` or `2m`');
    return ms;
  };
  const settings: SessionSettings = {
    replyTimeoutMs: duration('timeout', defaults.replyMs ?? DEFAULT_REPLY_TIMEOUT_MS),
    connectTimeoutMs: duration('connect-timeout', defaults.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS),
    match: 'code',
    requires: (value('requires') ?? '').split(/\s+/).filter(Boolean).map((k) => k.toUpperCase()),
  };
  const server = value('server');
  if (server) settings.server = server;
  const port = value('port');
  if (port !== undefined) {
    const number = Number(port);
    if (!/^\d+$/.test(port) || number < 1 || number > 65535) throw invalid('port', port, 'a TCP port (1-65535)');
    settings.port = number;
  }
  const tls = value('tls');
  if (tls !== undefined) {
    if (tls !== 'none' && tls !== 'starttls' && tls !== 'implicit') throw invalid('tls', tls, '`none`, `starttls` or `implicit`');
    settings.tls = tls;
  }
  const servername = value('tls-servername');
  if (servername) settings.servername = servername;
  const ca = value('ca');
  if (ca) settings.ca = ca;
  const match = value('match');
  if (match !== undefined) {
    if (match !== 'code' && match !== 'strict') throw invalid('match', match, '`code` or `strict`');
    settings.match = match;
  }
  return settings;
}
