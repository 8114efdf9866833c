// Finding and reading transcript files for the CLI: one clear message per unreadable path, never a stack trace.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

export interface TranscriptFile {
  path: string;
  /** As the user named it (or relative to the working directory). */
  display: string;
}

export async function collectTranscripts(
  paths: string[],
  cwd: string,
): Promise<{ files: TranscriptFile[]; problems: string[] }> {
  const files: TranscriptFile[] = [];
  const problems: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => describeError(error));
    if (typeof info === 'string') problems.push(`${given}: ${info}`);
    else if (info.isDirectory()) {
      const found = await findSmtpFiles(path);
      if (found.length === 0) problems.push(`${given}: no .smtp files in this directory`);
      files.push(...found.map((p) => ({ path: p, display: relative(cwd, p) || p })));
    } else files.push({ path, display: given });
  }
  return { files, problems };
}

async function findSmtpFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
      .map(async (e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return findSmtpFiles(path);
        return e.name.endsWith('.smtp') ? [path] : [];
      }),
  );
  return nested.flat().sort();
}

export async function readTextFile(path: string): Promise<string | { error: string }> {
  try {
    const text = await readFile(path, 'utf8');
    // Editors hide a UTF-8 byte order mark; so does the CLI, so that line 1 reads as written.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    return { error: describeError(error as NodeJS.ErrnoException) };
  }
}

export function describeError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}
