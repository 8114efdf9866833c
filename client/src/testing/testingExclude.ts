// smtp.testing.exclude, read where the Testing view's controller lives (the activation bundle): by its key alone
// (server/src/settings/testingExcludeKey.ts), not through settings.ts and its specs, which that bundle must not carry.
import * as vscode from 'vscode';
import { TESTING_EXCLUDE_KEY } from '../../../server/src/engine';
import { excludePattern } from './excludePattern';

export { TESTING_EXCLUDE_KEY };

/** The exclude pattern `findFiles` takes for the workspace's transcripts: node_modules, and the setting's patterns. */
export function testingExcludePattern(): string {
  return excludePattern(vscode.workspace.getConfiguration().get<unknown>(TESTING_EXCLUDE_KEY));
}
