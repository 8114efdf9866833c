// The replay settings visible at a line: `@server`, `@port`, `@tls`, `@tls-servername`, `@ca`, `@timeout`,
// `@connect-timeout`, `@match` (docs/transcript-format.md, "Directives and variables").
import type { Directive } from '../model/types';
import {
  checkSettingValue,
  MATCH_MODES,
  readDuration,
  readMode,
  readPort,
  readRequiredKeywords,
  TLS_MODES,
  type ReplaySettingName,
} from '../model/settingValues';
import { readDkimSettings, type DkimSettings } from './dkimSettings';
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
  /** DKIM signing of DATA content (`@dkim-*`), when the transcript asks for it. */
  dkim?: DkimSettings;
}

export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** `500ms`, `10s`, `2m` (a bare number is seconds) -> milliseconds. */
export { parseDuration } from '../model/settingValues';

/**
 * The settings `definitions` hold; each value is checked as lint checks it (`checkSettingValue`), so both say the same
 * thing. A problem throws a `transcript` error naming the directive's line.
 */
export function readSettings(
  definitions: Map<string, Directive>,
  resolveValue: (directive: Directive) => string,
  defaults: { connectMs?: number; replyMs?: number },
): SessionSettings {
  const value = (name: ReplaySettingName): string | undefined => {
    const directive = definitions.get(name);
    if (!directive) return undefined;
    const text = resolveValue(directive);
    const problem = checkSettingValue(name, text).find((p) => p.kind === 'invalid');
    if (problem) throw new ReplayError('transcript', `line ${directive.range.start.line + 1}: ${problem.message}`);
    return text;
  };
  const duration = (name: 'timeout' | 'connect-timeout', fallback: number): number => {
    const text = value(name);
    return text === undefined ? fallback : readDuration(text)!;
  };
  const settings: SessionSettings = {
    replyTimeoutMs: duration('timeout', defaults.replyMs ?? DEFAULT_REPLY_TIMEOUT_MS),
    connectTimeoutMs: duration('connect-timeout', defaults.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS),
    match: 'code',
    requires: readRequiredKeywords(value('requires') ?? ''),
  };
  const server = value('server');
  if (server) settings.server = server;
  const port = value('port');
  if (port !== undefined) settings.port = readPort(port)!;
  const tls = value('tls');
  if (tls !== undefined) settings.tls = readMode(tls, TLS_MODES)!;
  const servername = value('tls-servername');
  if (servername) settings.servername = servername;
  const ca = value('ca');
  if (ca) settings.ca = ca;
  const match = value('match');
  if (match !== undefined) settings.match = readMode(match, MATCH_MODES)!;
  const dkim = readDkimSettings(value, (name) => definitions.get(name)?.range.start.line);
  if (dkim) settings.dkim = dkim;
  return settings;
}
