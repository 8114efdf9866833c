// What lint may know of the files a transcript names (`< include`, `@ca`): where they lead and whether the include
// policy lets replay read them, with a stat, never an open. For the CLI and the language server alike.
import type { NamedFileStatus } from '../features/lint';
import { lookUpNamedFile } from './namedFiles';

export function includeStatter(transcriptPath: string, allowedFolders: readonly string[] = []): (path: string) => NamedFileStatus {
  return (path) => lookUpNamedFile(path, { transcriptPath, allowedFolders });
}
