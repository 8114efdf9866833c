// A file argument such as `tests/**/*.smtp` that names no file is a pattern, expanded here: cmd.exe and PowerShell
// pass patterns on as written, npm runs package scripts with cmd.exe on Windows, and a quoted pattern reaches the
// command unexpanded in every shell. It finds what a folder's search finds: `.smtp` files, outside dot folders and
// node_modules, without following links to folders. tinyglobby (loaded only when a pattern is given) does the matching.
import { relative, resolve } from 'node:path';

/** The `.smtp` files `pattern` matches below `cwd` (absolute, sorted), or why there are none. */
export type PatternMatches = { paths: string[] } | { problem: string };

/** True when `given` is a pattern (`*`, `?`, `[...]`, `{a,b}`, `**`), by the matcher's own reading. */
export async function isFilePattern(given: string): Promise<boolean> {
  const { isDynamicPattern } = await import('tinyglobby');
  return isDynamicPattern(forwardSlashes(given));
}

export async function expandFilePattern(given: string, cwd: string): Promise<PatternMatches> {
  const { glob, isDynamicPattern } = await import('tinyglobby');
  // The folder the pattern starts from is searched with the rest of the pattern: the matcher's dot-folder and
  // node_modules rules are relative to where it searches, and with `../**/*.smtp` from a folder they went wrong.
  const segments = forwardSlashes(given).split('/');
  // No one segment is a pattern when a `{a,b/c}` spans several: the whole is then searched from `cwd`.
  const fixed = Math.max(0, segments.findIndex((segment) => isDynamicPattern(segment)));
  const base = resolve(cwd, segments.slice(0, fixed).join('/') || '.');
  const rest = segments.slice(fixed).join('/');
  let matched: string[];
  try {
    matched = await glob(rest, { cwd: base, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false, ignore: ['**/node_modules/**'] });
  } catch (error) {
    return { problem: `not a pattern that can be read: ${(error as Error).message}` };
  }
  const transcripts = matched.filter((path) => path.endsWith('.smtp')).sort();
  if (transcripts.length > 0) return { paths: transcripts };
  if (matched.length === 0) return { problem: 'no file matches this pattern' };
  const others = matched.length === 1 ? `${relative(cwd, matched[0]) || matched[0]}` : `${matched.length} files`;
  return { problem: `the pattern matches no .smtp file (only ${others})` };
}

/**
 * Patterns are written with `/`; on Windows a `\` in a path argument is a separator (cmd.exe has no escapes), so it is
 * read as one. Elsewhere it escapes the character after it, as in a shell.
 */
function forwardSlashes(given: string): string {
  return process.platform === 'win32' ? given.replaceAll('\\', '/') : given;
}
