// What the CLI and the editor ask of a replay, turned into `ReplayOptions` by one function, so both check the same
// things (timer limits, the TLS mode, the CA file's certificates) and say the same thing, each in its own option
// names (`--timeout` vs `smtp.replay.timeout`, settings/settingRefusal.ts). The editor's values arrive typed
// (settings/checkedEditorSettings.ts). Pure: reading the CA file and the environment stays with the caller.
import { TLS_MODES, type TlsMode } from '../knowledge/tlsModes';
import { parseServerAddress } from '../model/serverAddress';
import { CA_FILE_SETTING } from '../settings/editorSettings';
import { CONNECT_TIMEOUT_SETTING, SERVER_SETTING, TIMEOUT_SETTING, TLS_SETTING } from '../settings/replaySettings';
import { DURATION_TAKES, oneOfText, refuse as refuseSetting, SettingRefused, type SettingRefusal } from '../settings/settingRefusal';
import type { SettingSpec } from '../settings/settingSpec';
import { MAX_TIMER_MS, parseDuration, readMode, serverProblem } from '../settings/settingValues';
import type { ReplayOptions, TargetSettings } from './replayTypes';
import { checkCaPem } from './tlsDetails';

export interface ReplayRequest {
  /** Whose names the messages use: `--timeout` or `smtp.replay.timeout`. */
  readonly from: 'cli' | 'editor';
  /** The CLI's `--server`/`--tls`: win over the file's `@server`/`@port`/`@tls`. */
  readonly override?: { readonly server?: string; readonly tls?: string };
  /** The editor's settings: used where the file is silent. */
  readonly fallback?: { readonly port?: number; readonly tls?: string };
  readonly timeout?: string;
  readonly connectTimeout?: string;
  readonly keepGoing?: boolean;
  /** `--update` rewrites every stale expectation, so it implies keepGoing. */
  readonly update?: boolean;
  /** The CLI's `--insecure-tls` (every host), or the editor's hosts (`host` or `host:port`). */
  readonly insecureTls?: boolean | readonly string[];
  /** The extra CA file's content, read by the caller; `source` names it in messages (`--ca ca.pem`). */
  readonly ca?: { readonly pem: string; readonly source: string };
  readonly sessions?: number[];
}

export type ResolvedReplayOptions = Omit<ReplayOptions, 'env' | 'readFile' | 'signal' | 'onEvent'>;

export type ResolvedReplayRequest = { readonly options: ResolvedReplayOptions } | { readonly problem: SettingRefusal };

export function resolveReplayOptions(request: ReplayRequest): ResolvedReplayRequest {
  try {
    return { options: resolve(request) };
  } catch (error) {
    if (error instanceof SettingRefused) return { problem: error.refusal };
    throw error;
  }
}

function resolve(request: ReplayRequest): ResolvedReplayOptions {
  const refuse = (spec: SettingSpec, message: (option: string) => string): never => refuseSetting(spec, request.from, message);
  // The CLI's --tls is exact (`--tls STARTTLS` is refused, as it always was); the editor's value is read as `@tls` is.
  const tlsMode = (text: string | undefined): TlsMode | undefined => {
    if (text === undefined) return undefined;
    const mode = request.from === 'cli' ? TLS_MODES.find((m) => m === text) : readMode(text, TLS_MODES);
    return mode ?? refuse(TLS_SETTING, (option) => `${option} must be ${oneOfText(TLS_MODES)}, not '${text}'`);
  };
  const duration = (spec: SettingSpec, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) refuse(spec, (option) => `${option} takes ${DURATION_TAKES}, not '${text}'`);
    // Longer than a timer can wait (Node would fire it after 1 ms instead).
    if (ms! > MAX_TIMER_MS) refuse(spec, (option) => `${option} can be at most ${MAX_TIMER_MS}ms (about 24 days), not '${text}'`);
    return ms;
  };

  const tls = tlsMode(request.override?.tls);
  const options: ResolvedReplayOptions = {
    timeouts: { replyMs: duration(TIMEOUT_SETTING, request.timeout), connectMs: duration(CONNECT_TIMEOUT_SETTING, request.connectTimeout) },
    insecureTls: insecureTls(request.insecureTls),
    keepGoing: Boolean(request.keepGoing || request.update),
  };
  if (request.sessions) options.sessions = request.sessions;
  const server = request.override?.server;
  // Given but empty (`--server ''`, a setting left blank): said, not read as no server at all.
  if (server !== undefined && server.trim() === '') refuse(SERVER_SETTING, (option) => `${option} is empty: give host, host:port, [ipv6]:port, mx:domain or unix:/path`);
  if (server) {
    const why = serverProblem(server.trim());
    const address = parseServerAddress(server) ?? refuse(SERVER_SETTING, (option) => `${option} takes host, host:port, [ipv6]:port, mx:domain or unix:/path, not '${server}'${why ? ` (${why})` : ''}`);
    options.target = { ...address, ...(tls ? { tls } : {}) };
  } else if (tls) options.target = { tls };
  if (request.fallback) {
    const defaults: TargetSettings = { port: request.fallback.port, tls: tlsMode(request.fallback.tls) };
    options.defaults = defaults;
  }
  if (request.ca) {
    try {
      checkCaPem(request.ca.pem, request.ca.source);
    } catch (error) {
      refuse(CA_FILE_SETTING, () => (error as Error).message);
    }
    options.extraCaPem = request.ca.pem;
  }
  return options;
}

/** `true` skips verification everywhere; a list only for the hosts (`host`) or endpoints (`host:port`) it names. */
function insecureTls(value: ReplayRequest['insecureTls']): ReplayOptions['insecureTls'] {
  if (value === undefined || typeof value === 'boolean') return Boolean(value);
  const hosts = [...value];
  return (target) => insecureTlsFor(hosts, target);
}

/** Whether `hosts` (`smtp.replay.insecureTlsHosts`) names the server, by host or by `host:port`. */
export function insecureTlsFor(hosts: readonly string[], { host, port }: { host: string; port: number }): boolean {
  return hosts.includes(host) || hosts.includes(`${host}:${port}`);
}
