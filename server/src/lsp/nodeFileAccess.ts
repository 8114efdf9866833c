// The Node language server's disk: `file:` URIs only, read through io/ (regular files, confined includes).
import { fileURLToPath } from 'node:url';
import { includeStatter } from '../io/includeFiles';
import { findLintConfig } from '../io/lintConfigFile';
import type { FileAccess } from './fileAccess';

export const nodeFileAccess: FileAccess = {
  localPath: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined),
  findLintConfig,
  includeReader: includeStatter,
};
