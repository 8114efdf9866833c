// Quick fixes: a lint finding's own fixes (the first preferred), and "disable this rule for this line" for every configurable rule.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { fixesOf, type Fixes } from './lint';

export interface DiagnosticData {
  fix?: Fixes;
  configurable: boolean;
}

export function codeActionsFor(uri: string, diagnostics: Diagnostic[], lineIndent: (line: number) => string): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'smtp') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    fixesOf(data?.fix).forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(index === 0 ? { isPreferred: true } : {}),
        edit: { changes: { [uri]: [...fix.edits] } },
      });
    });
    if (data?.configurable && typeof diagnostic.code === 'string') {
      const line = diagnostic.range.start.line;
      const insert: TextEdit = {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        newText: `${lineIndent(line)}# smtp-lint-disable-next-line ${diagnostic.code}\n`,
      };
      actions.push({
        title: `Disable ${diagnostic.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [insert] } },
      });
    }
  }
  return actions;
}
