// How a path written in a transcript (`< path`, `@ca = path`, `@dkim-key = path`) splits into names, read alike by
// document links and by file-name completion. Replay resolves it with Node's path module, so it means what the
// platform says: on Windows `\` separates names as `/` does, elsewhere `\` is a character a file name may hold. The
// features do not know the platform; the document's URI says it, as VS Code writes a Windows path's URI
// (`file:///c%3A/...`, a share's `file://server/share/...`).

/** A document on a Windows drive or share, whose paths read `\` as `/`. */
export function readsWindowsPaths(documentUri: string): boolean {
  try {
    return isWindowsDocument(new URL(documentUri));
  } catch {
    return false;
  }
}

/** `readsWindowsPaths` of a parsed URI: its first folder is a drive (`c%3A`), or it is a `file:` URI with a host. */
export function isWindowsDocument(uri: URL): boolean {
  const first = uri.pathname.split('/')[1] ?? '';
  return /^[A-Za-z](:|%3A)$/i.test(first) || (uri.protocol === 'file:' && uri.host !== '');
}

/** `path` with `/` between its names: a Windows path's `\` made `/` (one character for one, so offsets hold). */
export function withSlashes(path: string, windows: boolean): string {
  return windows ? path.replace(/\\/g, '/') : path;
}
