// The replay settings visible at a line: `@server`, `@port`, `@tls`, `@tls-servername`, `@ca`, `@timeout`,
// `@connect-timeout`, `@match`, `@requires`, `@replay`, `@dkim-*` (docs/transcript-format.md, "Directives and variables"). What each means,
// how it is checked and its default are in the settings registry (settings/replaySettings.ts).
import type { Directive } from '../model/types';
import type { TlsMode } from '../knowledge/tlsModes';
import type { SettingSpec } from '../settings/settingSpec';
import {
  CA_SETTING,
  CONNECT_TIMEOUT_SETTING,
  MATCH_SETTING,
  PORT_SETTING,
  REPLAY_SETTING,
  REQUIRES_SETTING,
  SERVER_SETTING,
  TIMEOUT_SETTING,
  TLS_SERVERNAME_SETTING,
  TLS_SETTING,
} from '../settings/replaySettings';
import { readDkimSettings, type DkimSettings } from './dkimSettings';
import { ReplayError } from './replayError';
import type { MatchMode } from './matchReply';

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
  /** The line of an `@replay = skip` the session sees: a script for the mock, which replay skips. */
  skipLine?: number;
  /** DKIM signing of DATA content (`@dkim-*`), when the transcript asks for it. */
  dkim?: DkimSettings;
}

export const DEFAULT_REPLY_TIMEOUT_MS = TIMEOUT_SETTING.default!;
export const DEFAULT_CONNECT_TIMEOUT_MS = CONNECT_TIMEOUT_SETTING.default!;

/**
 * The settings `definitions` hold; each value is checked as lint checks it (`spec.check`), so both say the same
 * thing. A problem throws a `transcript` error at the directive's line.
 */
export function readSettings(
  definitions: Map<string, Directive>,
  resolveValue: (directive: Directive) => string,
  defaults: { connectMs?: number; replyMs?: number },
): SessionSettings {
  /** The setting's value when the file sets it (checked: an invalid one throws), else undefined. */
  const value = <T>(spec: SettingSpec<T>): T | undefined => {
    const directive = definitions.get(spec.name);
    if (!directive) return undefined;
    const text = resolveValue(directive);
    const problem = spec.check(text).find((p) => p.kind === 'invalid');
    if (problem) throw new ReplayError('transcript', problem.message, directive.range.start.line);
    return spec.parse(text);
  };
  const settings: SessionSettings = {
    replyTimeoutMs: value(TIMEOUT_SETTING) ?? defaults.replyMs ?? DEFAULT_REPLY_TIMEOUT_MS,
    connectTimeoutMs: value(CONNECT_TIMEOUT_SETTING) ?? defaults.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    match: MATCH_SETTING.default!,
    requires: value(REQUIRES_SETTING) ?? [...REQUIRES_SETTING.default!],
  };
  const server = value(SERVER_SETTING);
  if (server) settings.server = server;
  const port = value(PORT_SETTING);
  if (port !== undefined) settings.port = port;
  const tls = value(TLS_SETTING);
  if (tls !== undefined) settings.tls = tls;
  const servername = value(TLS_SERVERNAME_SETTING);
  if (servername) settings.servername = servername;
  const ca = value(CA_SETTING);
  if (ca) settings.ca = ca;
  // Read last, as it always was: the first invalid setting in this order is the one reported.
  const match = value(MATCH_SETTING);
  if (match !== undefined) settings.match = match;
  if (value(REPLAY_SETTING) === 'skip') settings.skipLine = definitions.get(REPLAY_SETTING.name)!.range.start.line;
  const dkim = readDkimSettings(value, (name) => definitions.get(name)?.range.start.line);
  if (dkim) settings.dkim = dkim;
  return settings;
}
