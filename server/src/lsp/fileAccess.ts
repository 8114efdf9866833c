// What the language server may know of the disk: the `.smtplintrc.json` beside a transcript and the files its
// includes and `@ca` name. The Node server has it (nodeFileAccess.ts); the web worker has none, so there lint uses
// the editor's `smtp.lint.rules` only and does not check includes.
import type { LintConfig, NamedFileStatus } from '../features/lint';
import type { ParsedEnvironmentFile } from '../model/environments';
import type { FolderListing, WantedNames } from '../features/languageService';
import type { FoundTranscript } from '../io/transcriptFiles';

export type { FoundTranscript };

export interface FileAccess {
  /** The local path of a document or workspace folder URI; undefined for URIs that are not files on this disk. */
  localPath(uri: string): string | undefined;
  /** The nearest lint configuration to a transcript; `path` is the file read, undefined when there is none. */
  findLintConfig(transcriptPath: string): Promise<LintConfig & { path?: string }>;
  /** What lint may know of the files a transcript names, under the include policy. */
  includeReader(transcriptPath: string, allowedFolders: readonly string[]): (path: string) => NamedFileStatus;
  /** The folder a local path is in. */
  folderOf(path: string): string;
  /** The wanted entries of the folder `written` names, relative to the transcript's folder (completion of file names). */
  listFolder(transcriptPath: string, written: string, wanted: WantedNames): FolderListing | undefined;
  /** The nearest smtp-environments.json from `folder` up to the workspace folder holding it, with its problems. */
  findEnvironmentFile(folder: string, workspaceFolders: readonly string[]): Promise<ParsedEnvironmentFile>;
  /** The `.smtp` files below the folders (hidden folders and node_modules left out), at most `limit`. */
  findTranscripts(folders: readonly string[], limit: number): Promise<FoundTranscript[]>;
  /**
   * A transcript's modification stamp, and its text when the stamp is not `known` (a file read before and unchanged is
   * not read again); undefined when it cannot be read.
   */
  readTranscript(path: string, known?: string): Promise<{ stamp: string; text?: string } | undefined>;
}
