// The files a replayed or served transcript names (`< path` includes, `@ca`, `@dkim-key`), read under the include
// policy (io/namedFiles.ts): the transcript's folder tree, the workspace folders, smtp.includes.allowedFolders. An
// untitled document has no folder of its own: its relative paths start at the first workspace folder, as a relative
// setting path does; with no folder open it reads nothing (the extension host's working directory is no folder a user
// chose).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { replayEngine } from './replayEngine';
import { includeFolders } from './settings';

export function namedFileReader(document: vscode.TextDocument): (written: string) => Promise<Buffer> {
  const allowedFolders = includeFolders(document.uri);
  let transcriptPath = document.fileName;
  if (!path.isAbsolute(transcriptPath)) {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
    if (folder === undefined) {
      const refusal = `${transcriptPath} is not saved and no folder is open, so it has no folder to read files from: save it first`;
      return () => Promise.reject(new Error(refusal));
    }
    transcriptPath = path.join(folder, transcriptPath);
  }
  return (written) => replayEngine().readNamedFile(written, { transcriptPath, allowedFolders });
}
