// What each part of the editor reads of its `smtp.*` settings, every value checked (editorValues.ts) into one typed
// object: replay's, the local test server's and the mock's. The client hands over VS Code's values; one that cannot
// be used is refused (`SettingRefused`, naming the setting) before anything connects, listens or writes.
import {
  LOCAL_SERVER_COMMAND_TIMEOUT_SETTING,
  LOCAL_SERVER_ENFORCE_AUTH_SETTING,
  LOCAL_SERVER_MAIL_DIRECTORY_SETTING,
  LOCAL_SERVER_MIN_RATE_SETTING,
  LOCAL_SERVER_PORT_SETTING,
  LOCAL_SERVER_RECORD_SETTING,
  LOCAL_SERVER_REJECT_DOMAINS_SETTING,
  LOCAL_SERVER_TLS_PORT_SETTING,
  LOCAL_SERVER_USER_SETTING,
  LOCAL_SERVER_ZONE_FILE_SETTING,
  MOCK_ENFORCE_AUTH_SETTING,
  MOCK_PORT_SETTING,
  MOCK_ZONE_FILE_SETTING,
  RECORD_FOLDER_SETTING,
  RECORD_PORT_SETTING,
} from './builtInServerSettings';
import { CA_FILE_SETTING, INSECURE_TLS_SETTING, KEEP_GOING_SETTING, KEEP_VOLATILE_TEXT_SETTING } from './editorSettings';
import { editorFlag, editorNumber, editorOptionalNumber, editorText, editorTextList, refuseEditorValue, type EditorLookup } from './editorValues';
import { CONNECT_TIMEOUT_SETTING, PORT_SETTING, SERVER_SETTING, TIMEOUT_SETTING, TLS_SETTING } from './replaySettings';
import { LOCAL_TARGET } from './replayTargetKey';
import type { SettingSpec } from './settingSpec';
import { serverProblem } from './settingValues';

export interface ReplaySettings {
  /** `local`, or a host, host:port, [ipv6]:port, mx:domain or unix:/path as written. */
  server?: string;
  port?: number;
  /** As written: `resolveReplayOptions` checks the mode, as the CLI's `--tls`. */
  tls: string;
  /** As written: `resolveReplayOptions` reads the durations, as the CLI's options. */
  timeout: string;
  connectTimeout: string;
  keepGoing: boolean;
  caFile?: string;
  insecureTlsHosts: string[];
}

export interface LocalServerSettings {
  port: number;
  tlsPort: number;
  user: string;
  rejectDomains: string[];
  mailDirectory?: string;
  /** How slowly a client may send (the local server's ClientPace). */
  commandTimeoutMs: number;
  minBytesPerSecond: number;
  /** A zone file for the receiving checks (SPF, DKIM, DMARC, ARC). */
  zoneFile?: string;
  enforceAuthentication: boolean;
  recordSessions: boolean;
}

export interface MockSettings {
  /** 0: a free port. */
  port: number;
  zoneFile?: string;
  enforceAuthentication: boolean;
}

export interface RecordingProxySettings {
  /** 0: a free port. */
  port: number;
  /** As written: a relative path starts at the first workspace folder. */
  folder: string;
}

export function checkedReplaySettings(lookup: EditorLookup): ReplaySettings {
  const read = reading(lookup);
  return {
    server: read(replayServer, SERVER_SETTING),
    port: read(editorOptionalNumber, PORT_SETTING),
    tls: read(editorText, TLS_SETTING),
    timeout: read(editorText, TIMEOUT_SETTING),
    connectTimeout: read(editorText, CONNECT_TIMEOUT_SETTING),
    keepGoing: read(editorFlag, KEEP_GOING_SETTING),
    caFile: read(optionalText, CA_FILE_SETTING),
    insecureTlsHosts: read(editorTextList, INSECURE_TLS_SETTING),
  };
}

/** How Update Expectations writes the server's text (`smtp.replay.keepVolatileText`). */
export function checkedActualTranscriptSettings(lookup: EditorLookup): { keepVolatileText: boolean } {
  return { keepVolatileText: reading(lookup)(editorFlag, KEEP_VOLATILE_TEXT_SETTING) };
}

export function checkedLocalServerSettings(lookup: EditorLookup): LocalServerSettings {
  const read = reading(lookup);
  return {
    port: read(editorNumber, LOCAL_SERVER_PORT_SETTING),
    tlsPort: read(editorNumber, LOCAL_SERVER_TLS_PORT_SETTING),
    user: read(editorText, LOCAL_SERVER_USER_SETTING),
    rejectDomains: read(editorTextList, LOCAL_SERVER_REJECT_DOMAINS_SETTING),
    mailDirectory: read(optionalText, LOCAL_SERVER_MAIL_DIRECTORY_SETTING),
    commandTimeoutMs: read(editorNumber, LOCAL_SERVER_COMMAND_TIMEOUT_SETTING) * 1000,
    minBytesPerSecond: read(editorNumber, LOCAL_SERVER_MIN_RATE_SETTING),
    zoneFile: read(optionalText, LOCAL_SERVER_ZONE_FILE_SETTING),
    enforceAuthentication: read(editorFlag, LOCAL_SERVER_ENFORCE_AUTH_SETTING),
    recordSessions: read(editorFlag, LOCAL_SERVER_RECORD_SETTING),
  };
}

export function checkedMockSettings(lookup: EditorLookup): MockSettings {
  const read = reading(lookup);
  return {
    port: read(editorNumber, MOCK_PORT_SETTING),
    zoneFile: read(optionalText, MOCK_ZONE_FILE_SETTING),
    enforceAuthentication: read(editorFlag, MOCK_ENFORCE_AUTH_SETTING),
  };
}

/** Empty: the setting's default folder, `recordings`. */
export function checkedRecordingProxySettings(lookup: EditorLookup): RecordingProxySettings {
  const read = reading(lookup);
  return { port: read(editorNumber, RECORD_PORT_SETTING), folder: read(optionalText, RECORD_FOLDER_SETTING) ?? 'recordings' };
}

/** Reads a setting's value from `lookup` with one of editorValues.ts's checks. */
function reading(lookup: EditorLookup) {
  return <T>(check: (spec: SettingSpec, value: unknown) => T, spec: SettingSpec): T => check(spec, lookup(spec.editor!.key));
}

/** A text setting whose empty value means "not set". */
function optionalText(spec: SettingSpec, value: unknown): string | undefined {
  return editorText(spec, value) || undefined;
}

/** `local` or a server as `@server` takes it; empty: the workspace's choice decides. */
function replayServer(spec: SettingSpec, value: unknown): string | undefined {
  const text = editorText(spec, value).trim();
  if (text === '') return undefined;
  if (text !== LOCAL_TARGET && serverProblem(text) !== undefined) refuseEditorValue(spec, text);
  return text;
}
