// A path setting (smtp.localServer.mailDirectory, the zone files, smtp.replay.caFile) as a file system path. A
// relative one starts at a workspace folder, as package.json says: the document's for a setting read for a document
// (`scope`), else the first; the extension host's working directory is no folder a user chose.
import * as path from 'node:path';
import * as vscode from 'vscode';

export function settingPath(settingKey: string, value: string, scope?: vscode.Uri): string {
  if (path.isAbsolute(value)) return value;
  const own = scope && vscode.workspace.getWorkspaceFolder(scope);
  const folder = (own?.uri.scheme === 'file' ? own : vscode.workspace.workspaceFolders?.[0])?.uri.fsPath;
  if (!folder) throw new Error(`${settingKey} ${value} is a relative path and no folder is open: write an absolute path, or open the folder it starts at`);
  return path.join(folder, value);
}
