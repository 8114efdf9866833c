// The extension's settings (`smtp.*`), read fresh on every use so that changes apply without a reload.
import * as vscode from 'vscode';

export type TlsMode = 'none' | 'starttls' | 'implicit';

export interface ReplaySettings {
  server?: string;
  port?: number;
  tls: TlsMode;
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
}

export function replaySettings(scope?: vscode.Uri): ReplaySettings {
  const c = vscode.workspace.getConfiguration('smtp.replay', scope);
  return {
    server: c.get<string>('server') || undefined,
    port: c.get<number | null>('port') ?? undefined,
    tls: c.get<TlsMode>('tls', 'none'),
    timeout: c.get<string>('timeout', '30s'),
    connectTimeout: c.get<string>('connectTimeout', '10s'),
    keepGoing: c.get<boolean>('keepGoing', false),
    caFile: c.get<string>('caFile') || undefined,
    insecureTlsHosts: c.get<string[]>('insecureTlsHosts', []),
  };
}

export function localServerSettings(): LocalServerSettings {
  const c = vscode.workspace.getConfiguration('smtp.localServer');
  return {
    port: c.get<number>('port', 0),
    tlsPort: c.get<number>('tlsPort', 0),
    user: c.get<string>('user', 'testuser'),
    rejectDomains: c.get<string[]>('rejectDomains', ['reject.test']),
    mailDirectory: c.get<string>('mailDirectory') || undefined,
    commandTimeoutMs: c.get<number>('commandTimeout', 60) * 1000,
    minBytesPerSecond: c.get<number>('minRate', 1024),
  };
}

/** `smtp.includes.allowedFolders`: further folders a transcript may read includes and `@ca` from (trusted workspaces only). */
export function allowedIncludeFolders(scope?: vscode.Uri): string[] {
  return vscode.workspace.getConfiguration('smtp.includes', scope).get<string[]>('allowedFolders', []).filter((f) => typeof f === 'string' && f.trim() !== '');
}

export function lintRuleSettings(): Record<string, string> {
  return vscode.workspace.getConfiguration('smtp.lint').get<Record<string, string>>('rules', {});
}
