// smtp.testing.exclude's patterns as the one exclude pattern `findFiles` takes: `{a,b,...}`. VS Code's globs do not
// nest groups, so a pattern's own `{x,y}` groups are spread into patterns of their own first.

/** The exclude pattern for the workspace's transcripts: node_modules, and each pattern written (anything else ignored). */
export function excludePattern(written: unknown): string {
  const patterns = Array.isArray(written) ? written.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  return `{${['**/node_modules/**', ...patterns.flatMap(withoutGroups)].join(',')}}`;
}

/** `**\/{mock,mocks}/**` -> `**\/mock/**`, `**\/mocks/**`; a group left open is kept as written. */
export function withoutGroups(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = pattern.indexOf('}', open);
  if (open < 0 || close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => withoutGroups(head + choice + tail));
}
