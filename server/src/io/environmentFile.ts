// Finds and reads the `smtp-environments.json` nearest to a transcript (its folder, then each parent up to `root`),
// for the CLI and the language server alike. Read errors and bad content come back as problems, never as exceptions.
import { dirname, join, relative } from 'node:path';
import { isInsideFolder } from './namedFiles';
import { readRegularFile, statRegularFile } from './regularFiles';
import { ENVIRONMENT_FILE_NAME, parseEnvironmentFile, type ParsedEnvironmentFile } from '../model/environments';

export interface FoundEnvironmentFile extends ParsedEnvironmentFile {
  /** The file read; undefined when there is none. */
  path?: string;
}

/** A few environments; anything larger is not such a file. */
const MAX_ENVIRONMENT_FILE_BYTES = 1024 * 1024;

/**
 * `root` (the workspace folder, the CLI's working directory) ends the search when the transcript lies inside it;
 * a transcript outside it is searched up to the file system's root.
 */
export async function findEnvironmentFile(transcriptPath: string, root?: string): Promise<FoundEnvironmentFile> {
  let dir = dirname(transcriptPath);
  const stop = root !== undefined && isInsideFolder(dir, root) ? root : undefined;
  for (;;) {
    const path = join(dir, ENVIRONMENT_FILE_NAME);
    const found = statRegularFile(path, MAX_ENVIRONMENT_FILE_BYTES);
    if (found !== 'missing') {
      // Only a regular file is read (a FIFO of that name must not hang replay), and a small one.
      const text = 'problem' in found ? found : await readRegularFile(path, MAX_ENVIRONMENT_FILE_BYTES).then((b) => b.toString('utf8'), (e: Error) => ({ problem: e.message }));
      if (typeof text === 'string') return { path, ...parseEnvironmentFile(text, path) };
      return { path, file: { shared: new Map(), environments: new Map() }, problems: [`${path}: ${text.problem}`] };
    }
    const parent = dirname(dir);
    if (parent === dir || (stop !== undefined && relative(stop, dir) === '')) {
      return { file: { shared: new Map(), environments: new Map() }, problems: [] };
    }
    dir = parent;
  }
}

