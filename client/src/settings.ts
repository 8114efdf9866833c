// The extension's settings (`smtp.*`), read fresh on every use so that changes apply without a reload. Which keys
// each part reads, and how every value is checked (settings.json may hold any JSON), is the engine's
// (server/src/settings/checkedEditorSettings.ts): a value that cannot be used throws an error whose message
// names the setting and what it takes.
import {
  allowedFolderPaths,
  checkedActualTranscriptSettings,
  checkedLocalServerSettings,
  checkedMockSettings,
  checkedRecordingProxySettings,
  checkedReplaySettings,
  INCLUDES_ALLOWED_FOLDERS_SETTING,
  type EditorFacet,
  type EditorLookup,
  type LocalServerSettings,
  type MockSettings,
  type RecordingProxySettings,
  type ReplaySettings,
} from '../../server/src/engine';
import * as vscode from 'vscode';

export { LOCAL_SERVER_ZONE_FILE_SETTING, MOCK_ZONE_FILE_SETTING, TEST_SERVER_DEFAULTS } from '../../server/src/engine';
export type { LocalServerSettings, MockSettings, ReplaySettings };

/** VS Code's value of each key, as settings.json holds it (for the resource `scope`, when given). */
function lookup(scope?: vscode.Uri): EditorLookup {
  const configuration = vscode.workspace.getConfiguration(undefined, scope);
  return (key) => configuration.get<unknown>(key);
}

/** The key a setting has in VS Code's settings, to name it in messages. */
export function settingKey(setting: { readonly editor?: EditorFacet }): string {
  return setting.editor!.key;
}

export function replaySettings(scope?: vscode.Uri): ReplaySettings {
  return checkedReplaySettings(lookup(scope));
}

/** How Update Expectations writes the server's text (`smtp.replay.keepVolatileText`). */
export function actualTranscriptSettings(scope?: vscode.Uri): { keepVolatileText: boolean } {
  return checkedActualTranscriptSettings(lookup(scope));
}

export function localServerSettings(): LocalServerSettings {
  return checkedLocalServerSettings(lookup());
}

/** "Record Sessions Through a Proxy...": its port (0: a free port) and where the transcripts go. */
export function recordingProxySettings(): RecordingProxySettings {
  return checkedRecordingProxySettings(lookup());
}

/** "Serve Transcript as Mock Server": its port (0: a free port) and how it judges the messages it receives. */
export function mockSettings(): MockSettings {
  return checkedMockSettings(lookup());
}

/**
 * Where a document's transcript may read files besides its own folder: the workspace folders and
 * `smtp.includes.allowedFolders` (trusted workspaces only), a relative one from the document's workspace folder.
 */
export function includeFolders(uri: vscode.Uri): string[] {
  const workspace = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const own = vscode.workspace.getWorkspaceFolder(uri);
  const base = own?.uri.scheme === 'file' ? own.uri.fsPath : workspace[0];
  return [...workspace, ...allowedFolderPaths(lookup(uri)(INCLUDES_ALLOWED_FOLDERS_SETTING.editor!.key), base)];
}
