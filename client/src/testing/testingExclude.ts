// smtp.testing.exclude, read where the Testing view's controller lives (the activation bundle): by its key alone
// (server/src/settings/testingExcludeKey.ts), not through settings.ts and its specs, which that bundle must not carry.
import * as vscode from 'vscode';
import { TESTING_EXCLUDE_KEY } from '../../../server/src/engine';

export { TESTING_EXCLUDE_KEY };

/** The exclude pattern `findFiles` takes for the workspace's transcripts: node_modules, and the setting's patterns. */
export function testingExcludePattern(): string {
  const written = vscode.workspace.getConfiguration().get<unknown>(TESTING_EXCLUDE_KEY);
  const patterns = Array.isArray(written) ? written.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  return `{${['**/node_modules/**', ...patterns].join(',')}}`;
}
