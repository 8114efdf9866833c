// Finding and reading transcript files for the CLI: one clear message per unreadable path, never a stack trace.
// Only regular files are read (a FIFO named `x.smtp` must not hang a CI job), and no more than MAX_FILE_BYTES.
import { realpath, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { decodeTranscript, type DecodedTranscript } from '../model/binaryText';
import { describeError, readRegularFile } from '../io/regularFiles';
import { findSmtpFiles } from '../io/transcriptFiles';
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
