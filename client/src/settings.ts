// The extension's settings (`smtp.*`), read fresh on every use so that changes apply without a reload. Keys and
// defaults come from the settings registry (server/src/settings/), which package.json is checked against.
import { CA_FILE_SETTING, INCLUDES_ALLOWED_FOLDERS_SETTING, INSECURE_TLS_SETTING, KEEP_GOING_SETTING, KEEP_VOLATILE_TEXT_SETTING, LINT_RULES_SETTING, LOCAL_SERVER_COMMAND_TIMEOUT_SETTING, LOCAL_SERVER_MAIL_DIRECTORY_SETTING, LOCAL_SERVER_MIN_RATE_SETTING, LOCAL_SERVER_PORT_SETTING, LOCAL_SERVER_REJECT_DOMAINS_SETTING, LOCAL_SERVER_TLS_PORT_SETTING, LOCAL_SERVER_USER_SETTING, LOCAL_SERVER_ZONE_FILE_SETTING, LOCAL_SERVER_ENFORCE_AUTH_SETTING, LOCAL_SERVER_RECORD_SETTING, CONNECT_TIMEOUT_SETTING, MOCK_ENFORCE_AUTH_SETTING, MOCK_PORT_SETTING, MOCK_ZONE_FILE_SETTING, PORT_SETTING, SERVER_SETTING, TIMEOUT_SETTING, TLS_SETTING, type EditorFacet } from '../../server/src/engine';
import * as vscode from 'vscode';

export { LOCAL_SERVER_ZONE_FILE_SETTING, MOCK_ZONE_FILE_SETTING, TEST_SERVER_DEFAULTS } from '../../server/src/engine';

export interface ReplaySettings {
  server?: string;
  port?: number;
  /** As written: `resolveReplayOptions` checks it, as the CLI's `--tls`. */
  tls: string;
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

/** The value of an editor setting, or its registry default. */
function read<T>(setting: { readonly editor?: EditorFacet }, scope?: vscode.Uri): T {
  const editor = setting.editor!;
  return vscode.workspace.getConfiguration(undefined, scope).get<T>(editor.key, editor.default as T);
}

/** The key a setting has in VS Code's settings, to name it in messages. */
export function settingKey(setting: { readonly editor?: EditorFacet }): string {
  return setting.editor!.key;
}

/** A text setting whose empty value means "not set". */
function optionalText(setting: { readonly editor?: EditorFacet }, scope?: vscode.Uri): string | undefined {
  return read<string>(setting, scope) || undefined;
}

export function replaySettings(scope?: vscode.Uri): ReplaySettings {
  return {
    server: optionalText(SERVER_SETTING, scope),
    port: read<number | null>(PORT_SETTING, scope) ?? undefined,
    tls: read<string>(TLS_SETTING, scope),
    timeout: read<string>(TIMEOUT_SETTING, scope),
    connectTimeout: read<string>(CONNECT_TIMEOUT_SETTING, scope),
    keepGoing: read<boolean>(KEEP_GOING_SETTING, scope),
    caFile: optionalText(CA_FILE_SETTING, scope),
    insecureTlsHosts: read<string[]>(INSECURE_TLS_SETTING, scope),
  };
}

/** How Update Expectations writes the server's text (`smtp.replay.keepVolatileText`). */
export function actualTranscriptSettings(scope?: vscode.Uri): { keepVolatileText: boolean } {
  return { keepVolatileText: read<boolean>(KEEP_VOLATILE_TEXT_SETTING, scope) };
}

export function localServerSettings(): LocalServerSettings {
  return {
    port: read<number>(LOCAL_SERVER_PORT_SETTING),
    tlsPort: read<number>(LOCAL_SERVER_TLS_PORT_SETTING),
    user: read<string>(LOCAL_SERVER_USER_SETTING),
    rejectDomains: read<string[]>(LOCAL_SERVER_REJECT_DOMAINS_SETTING),
    mailDirectory: optionalText(LOCAL_SERVER_MAIL_DIRECTORY_SETTING),
    commandTimeoutMs: read<number>(LOCAL_SERVER_COMMAND_TIMEOUT_SETTING) * 1000,
    minBytesPerSecond: read<number>(LOCAL_SERVER_MIN_RATE_SETTING),
    zoneFile: optionalText(LOCAL_SERVER_ZONE_FILE_SETTING),
    enforceAuthentication: read<boolean>(LOCAL_SERVER_ENFORCE_AUTH_SETTING),
    recordSessions: read<boolean>(LOCAL_SERVER_RECORD_SETTING),
  };
}

/** `smtp.includes.allowedFolders`: further folders a transcript may read includes and `@ca` from (trusted workspaces only). */
export function allowedIncludeFolders(scope?: vscode.Uri): string[] {
  return read<string[]>(INCLUDES_ALLOWED_FOLDERS_SETTING, scope).filter((f) => typeof f === 'string' && f.trim() !== '');
}

/** Where a document's transcript may read files besides its own folder: the workspace folders and the allowed ones. */
export function includeFolders(uri: vscode.Uri): string[] {
  const workspace = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return [...workspace, ...allowedIncludeFolders(uri)];
}

export function lintRuleSettings(): Record<string, string> {
  return read<Record<string, string>>(LINT_RULES_SETTING);
}

/** "Serve Transcript as Mock Server": its port (0: a free port) and how it judges the messages it receives. */
export function mockSettings(): { port: number; zoneFile?: string; enforceAuthentication: boolean } {
  return { port: read<number>(MOCK_PORT_SETTING), zoneFile: optionalText(MOCK_ZONE_FILE_SETTING), enforceAuthentication: read<boolean>(MOCK_ENFORCE_AUTH_SETTING) };
}
