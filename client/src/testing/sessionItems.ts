// A file item's children in the Testing view: one item per session, labelled with its `###` name (or its number) and
// placed at its range, from the session's first line's start.
import * as vscode from 'vscode';
import type { ListedSession } from '../../../server/src/engine';

export function sessionLabel(session: ListedSession): string {
  return session.name ?? `session ${session.index + 1}`;
}

export function sessionItemRange(session: ListedSession): vscode.Range {
  return new vscode.Range(session.range.start.line, 0, session.range.end.line, session.range.end.character);
}

/** The items stand for these sessions already (most edits): the same labels at the same places. */
export function sameSessions(items: readonly vscode.TestItem[], sessions: readonly ListedSession[]): boolean {
  return items.length === sessions.length && sessions.every((session, i) => items[i].label === sessionLabel(session) && items[i].range?.isEqual(sessionItemRange(session)) === true);
}
