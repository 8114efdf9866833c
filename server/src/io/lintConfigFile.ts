// Finds and reads the `.smtplintrc.json` nearest to a transcript (its folder, then each parent), for the CLI and the
// language server alike. Read errors and bad content come back as problems, never as exceptions.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LINT_CONFIG_FILE_NAME, parseLintConfig, type LintConfig } from '../features/lint/lintConfig';

export interface FoundLintConfig extends LintConfig {
  /** The file read; undefined when there is none up to the root. */
  path?: string;
}

export async function findLintConfig(transcriptPath: string): Promise<FoundLintConfig> {
  let dir = dirname(transcriptPath);
  for (;;) {
    const path = join(dir, LINT_CONFIG_FILE_NAME);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => error);
    if (typeof text === 'string') return { path, ...parseLintConfig(text) };
    if (text.code !== 'ENOENT' && text.code !== 'ENOTDIR') {
      return { path, rules: {}, problems: [{ message: `${path}: ${text.message}` }] };
    }
    const parent = dirname(dir);
    if (parent === dir) return { rules: {}, problems: [] };
    dir = parent;
  }
}
