// The Node language server's disk: `file:` URIs only, read through io/ (regular files, confined includes).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findEnvironmentFile } from '../io/environmentFile';
import { listFolder } from '../io/folderListing';
import { includeStatter } from '../io/includeFiles';
import { isInsideFolder } from '../io/namedFiles';
import { findLintConfig } from '../io/lintConfigFile';
import { readTranscriptText, findTranscripts } from '../io/transcriptFiles';
import type { FileAccess } from './fileAccess';

export const nodeFileAccess: FileAccess = {
  localPath,
  findLintConfig,
  includeReader: includeStatter,
  folderOf: dirname,
  // As replay resolves a path: from the transcript's folder (an absolute one as it is).
  listFolder: (transcriptPath, written, wanted) => listFolder(resolve(dirname(transcriptPath), written), wanted),
  // The search starts from the transcript's folder (any name in it will do) and stops at its workspace folder.
  findEnvironmentFile: (folder, workspaceFolders) => findEnvironmentFile(join(folder, 'transcript.smtp'), workspaceFolders.find((f) => isInsideFolder(folder, f))),
  findTranscripts,
  readTranscript: readTranscriptText,
};

/**
 * A `file:` URI this system names no path for (a host, as a Windows share's `file://server/share/...` on Linux; an
 * encoded `/`) is no local file, as an `untitled:` one: Node's fileURLToPath throws on it.
 */
function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
