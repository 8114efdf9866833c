// What lint may know of the files a transcript names (`< include`, `@ca`): their size, read with a stat relative to
// the transcript's folder. For the CLI and the language server alike.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function includeStatter(transcriptPath: string): (path: string) => { size: number } | undefined {
  const folder = dirname(transcriptPath);
  return (path) => {
    try {
      const info = statSync(resolve(folder, path));
      return info.isFile() ? { size: info.size } : undefined;
    } catch {
      return undefined;
    }
  };
}
