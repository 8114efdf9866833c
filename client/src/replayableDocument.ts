// Replay and Update Expectations work on a transcript the user edits: a file, or an untitled document. A document of
// another scheme (a git: version, a diff's read-only side, the smtp-actual view) is lint only: no code lens offers a
// replay there, and the commands say why they do not run.
import * as path from 'node:path';
import type * as vscode from 'vscode';

const REPLAYABLE_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled']);

export function isReplayable(uri: vscode.Uri): boolean {
  return REPLAYABLE_SCHEMES.has(uri.scheme);
}

/** Why `uri` is not replayed; undefined when it is. */
export function notReplayableMessage(uri: vscode.Uri): string | undefined {
  if (isReplayable(uri)) return undefined;
  return `${path.posix.basename(uri.path)} is a read-only view (${uri.scheme}:), not a file: open the file itself to replay it.`;
}
