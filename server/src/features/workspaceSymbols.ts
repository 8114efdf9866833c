// Go to Symbol in Workspace (LSP `workspace/symbol`): the named sessions (`### name`) of every transcript, found by
// their `###` lines alone: a file is not parsed for it, so a workspace of many transcripts is read quickly.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { classifyLine } from '../model/classifyLine';
import { splitLines } from '../model/ranges';

/** A `### name` line: where its name stands (in the editor's positions: after a byte order mark on line 0). */
export interface NamedSession {
  name: string;
  line: number;
  start: number;
  end: number;
}

const BYTE_ORDER_MARK = '\uFEFF';

export function namedSessions(text: string): NamedSession[] {
  const marked = text.startsWith(BYTE_ORDER_MARK);
  const lines = splitLines(marked ? text.slice(1) : text);
  const found: NamedSession[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith('###')) return;
    const classified = classifyLine(line, index);
    if (classified.kind !== 'separator' || !classified.name) return;
    const start = classified.nameStart + (marked && index === 0 ? 1 : 0);
    found.push({ name: classified.name, line: index, start, end: start + classified.name.length });
  });
  return found;
}

/**
 * Whether `name` answers `query`: its characters in order, in any case, others between (`bnc` finds `bounce`), as
 * VS Code's own filter reads a query. An empty query answers every name.
 */
export function matchesQuery(name: string, query: string): boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const lower = name.toLowerCase();
  let at = 0;
  for (const character of wanted) {
    at = lower.indexOf(character, at);
    if (at < 0) return false;
    at += character.length;
  }
  return true;
}

/** The sessions of one file as symbols; `container` names the file (its path in the workspace). */
export function sessionSymbols(uri: string, sessions: readonly NamedSession[], query: string, container: string): SymbolInformation[] {
  return sessions
    .filter((session) => matchesQuery(session.name, query))
    .map((session) => ({
      name: session.name,
      kind: SymbolKind.Namespace,
      location: { uri, range: { start: { line: session.line, character: session.start }, end: { line: session.line, character: session.end } } },
      containerName: container,
    }));
}
