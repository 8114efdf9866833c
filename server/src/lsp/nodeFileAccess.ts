// The Node language server's disk: `file:` URIs only, read through io/ (regular files, confined includes).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findEnvironmentFile } from '../io/environmentFile';
import { includeStatter } from '../io/includeFiles';
import { isInsideFolder } from '../io/namedFiles';
import { findLintConfig } from '../io/lintConfigFile';
import type { FileAccess } from './fileAccess';

export const nodeFileAccess: FileAccess = {
  localPath: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined),
  findLintConfig,
  includeReader: includeStatter,
  folderOf: dirname,
  // The search starts from the transcript's folder (any name in it will do) and stops at its workspace folder.
  findEnvironmentFile: (folder, workspaceFolders) => findEnvironmentFile(join(folder, 'transcript.smtp'), workspaceFolders.find((f) => isInsideFolder(folder, f))),
};
