// Finds and reads the `.smtplintrc.json` nearest to a transcript (its folder, then each parent), for the CLI and the
// language server alike. Read errors and bad content come back as problems, never as exceptions.
import { dirname, join } from 'node:path';
import { readRegularFile, statRegularFile } from './regularFiles';
import { LINT_CONFIG_FILE_NAME, parseLintConfig, type LintConfig } from '../features/lint';

export interface FoundLintConfig extends LintConfig {
  /** The file read; undefined when there is none up to the root. */
  path?: string;
}

/** A lint configuration is a few rule names; anything larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export async function findLintConfig(transcriptPath: string): Promise<FoundLintConfig> {
  let dir = dirname(transcriptPath);
  for (;;) {
    const path = join(dir, LINT_CONFIG_FILE_NAME);
    const found = statRegularFile(path, MAX_CONFIG_BYTES);
    if (found !== 'missing') {
      // Only a regular file is read (a FIFO named .smtplintrc.json must not hang lint), and a small one.
      const text = 'problem' in found ? found : await readRegularFile(path, MAX_CONFIG_BYTES).then((b) => b.toString('utf8'), (e: Error) => ({ problem: e.message }));
      if (typeof text === 'string') return { path, ...parseLintConfig(text) };
      return { path, rules: {}, problems: [{ message: text.problem }] };
    }
    const parent = dirname(dir);
    if (parent === dir) return { rules: {}, problems: [] };
    dir = parent;
  }
}
