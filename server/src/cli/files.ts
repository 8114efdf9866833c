// Finding and reading transcript files for the CLI: one clear message per unreadable path, never a stack trace.
// Only regular files are read (a FIFO named `x.smtp` must not hang a CI job), and no more than MAX_FILE_BYTES.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { decodeTranscript, type DecodedTranscript } from '../model/binaryText';
import { describeError, notRegularFile, readRegularFile } from '../io/regularFiles';
import { expandFilePattern, isFilePattern } from './filePatterns';


export interface TranscriptFile {
  path: string;
  /** As the user named it (or relative to the working directory). */
  display: string;
}

/**
 * A file or folder a command could not use: `message` is the line printed (it names the file), `file` where GitHub
 * annotates it (`lint --format github`, `replay --reporter github`).
 */
export interface PathProblem {
  file: string;
  message: string;
}

/** `file: why` about `file`. */
export function pathProblem(file: string, why: string): PathProblem {
  return { file, message: `${file}: ${why}` };
}

/**
 * The transcripts the command-line arguments name: files, folders (searched for `.smtp` files) and patterns the shell
 * left unexpanded (filePatterns.ts); each file once.
 */
export async function collectTranscripts(
  paths: string[],
  cwd: string,
): Promise<{ files: TranscriptFile[]; problems: PathProblem[] }> {
  const files: TranscriptFile[] = [];
  const problems: PathProblem[] = [];
  const display = (p: string) => relative(cwd, p) || p;
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error && info.code === 'ENOENT' && (await isFilePattern(given))) {
      const expanded = await expandFilePattern(given, cwd);
      if ('problem' in expanded) problems.push(pathProblem(given, expanded.problem));
      else for (const p of expanded.paths) files.push({ path: p, display: display(p) });
    } else if (info instanceof Error) problems.push(pathProblem(given, describeError(info)));
    else if (info.isDirectory()) {
      const found: string[] = [];
      const before = problems.length;
      await findSmtpFiles(path, found, (p, why) => problems.push(pathProblem(display(p), why)));
      if (found.length === 0 && problems.length === before) problems.push(pathProblem(given, 'no .smtp files in this directory'));
      for (const p of found.sort()) files.push({ path: p, display: display(p) });
    } else files.push({ path, display: given });
  }
  return { files: await onceEach(files), problems };
}

/**
 * Each file once, as first named: a file given twice, both by name and in its directory, or by a link and its target
 * is one file (`lint --fix` and `replay --update` would write it twice from one reading, the report count it twice).
 */
async function onceEach(files: TranscriptFile[]): Promise<TranscriptFile[]> {
  const seen = new Set<string>();
  const kept: TranscriptFile[] = [];
  for (const file of files) {
    const real = await realpath(file.path).catch(() => file.path);
    if (seen.has(real)) continue;
    seen.add(real);
    kept.push(file);
  }
  return kept;
}

/**
 * The `.smtp` files below `dir`. A directory that cannot be read and a `.smtp` entry that is no regular file (a FIFO,
 * a socket) are reported and skipped; symbolic links are not followed into directories (no cycles).
 */
async function findSmtpFiles(dir: string, found: string[], report: (path: string, why: string) => void): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => describeError(error));
  if (typeof entries === 'string') return report(dir, `cannot read this directory: ${entries}`);
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await findSmtpFiles(path, found, report);
    else if (!entry.name.endsWith('.smtp')) continue;
    else if (entry.isFile()) found.push(path);
    else if (entry.isSymbolicLink()) {
      // A link whose target is gone is said to be one: "no such file" named a file the listing had just shown.
      const target = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error && target.code === 'ENOENT') report(path, 'skipped: a symbolic link to a file that does not exist');
      else found.push(path);
    }
    else report(path, `skipped: it ${notRegularFile(entry)}`);
  }
}

/** A transcript's text and its lines that were not UTF-8; or why it cannot be read. */
export async function readTranscriptFile(path: string): Promise<DecodedTranscript | { error: string }> {
  try {
    return decodeTranscript(await readRegularFile(path));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export async function readTextFile(path: string): Promise<string | { error: string }> {
  const read = await readTranscriptFile(path);
  return 'error' in read ? read : read.text;
}
