// What `--update` changes, as a unified diff (jsdiff) with a few lines of context.
import { createTwoFilesPatch } from 'diff';

export function showChanges(file: string, before: string, after: string): string {
  return createTwoFilesPatch(file, file, before, after, 'expected', 'from the server', { context: 2 }).trimEnd();
}
