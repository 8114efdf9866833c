// Quick fixes: a lint finding's own fixes (the first preferred; a parse problem's are made here, parseFixes.ts), and
// "disable this rule for this line" for every rule a suppression comment may silence; and fix-all, the document's safe
// fixes in one edit. The fixes are those of the document's current findings, never the ones a diagnostic carried when
// it was published: the document may have changed since (the editor moves a diagnostic's range along with an edit, but
// not the edits of its fix).
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { classifyLine } from '../model/classifyLine';
import { FIX_ALL_KIND } from './codeActionKinds';
import { fixesOf, isRuleId, parseProblemFix, PARSE_RULES, safeFixEdits, type Fixes } from './lint';

export interface DiagnosticData {
  fix?: Fixes;
  configurable: boolean;
}

export interface CodeActionOptions {
  /** The document's diagnostics now, and the version they were made for. */
  current: { version: number; diagnostics: readonly Diagnostic[] };
  /** The client applies `documentChanges` (workspace.workspaceEdit.documentChanges): an edit then names its version. */
  documentChanges: boolean;
  /** A line of the document: a suppression comment keeps its indent, and a comment line gets none. */
  lineText(line: number): string;
  /** The document's line ending: what a fix's inserted lines end with (the fixes are written with `\n`). */
  eol: '\n' | '\r\n';
  /** The kinds the client asks for (CodeActionContext.only); all when absent. */
  only?: readonly string[];
}

/** `lines`: the document's, which a parse problem's fixes are made from when asked for (lint does not make them). */
export function codeActionsFor(uri: string, requested: readonly Diagnostic[], options: CodeActionOptions, lines: readonly string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const wanted = (actionKind: string) => !options.only || options.only.some((kind) => includesKind(kind, actionKind));
  const editOf = (written: readonly TextEdit[]): WorkspaceEdit => {
    // Plain LSP edits: a lint edit's own marks (a BDAT count's `octetCount`) stay behind.
    const edits = written.map((e) => ({ range: e.range, newText: options.eol === '\n' ? e.newText : e.newText.replace(/\r?\n/g, options.eol) }));
    return options.documentChanges ? { documentChanges: [{ textDocument: { uri, version: options.current.version }, edits }] } : { changes: { [uri]: edits } };
  };
  if (wanted(CodeActionKind.QuickFix)) {
    for (const diagnostic of requested) for (const added of quickFixes(diagnostic, options, lines, editOf)) actions.push(added);
  }
  if (wanted(FIX_ALL_KIND)) {
    // The whole document's findings, not only those of the range asked about: on save, the range is the cursor's.
    const safe = safeFixEdits(options.current.diagnostics.map((d) => ({ fix: (d.data as DiagnosticData | undefined)?.fix })));
    if (safe.fixes > 0) actions.push({ title: 'Fix all auto-fixable problems', kind: FIX_ALL_KIND, edit: editOf(safe.edits) });
  }
  return actions;
}

/** A finding's own fixes (the first preferred), and a suppression comment for its rule. */
function quickFixes(diagnostic: Diagnostic, options: CodeActionOptions, lines: readonly string[], editOf: (edits: readonly TextEdit[]) => WorkspaceEdit): CodeAction[] {
  if (diagnostic.source !== 'smtp' || typeof diagnostic.code !== 'string') return [];
  const now = currentDiagnostic(options.current.diagnostics, diagnostic);
  const offered = (now?.data as DiagnosticData | undefined)?.fix ?? (now && parseProblemFix(diagnostic.code, now.range, lines));
  const actions: CodeAction[] = fixesOf(offered).map((fix, index) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(index === 0 ? { isPreferred: true } : {}),
    edit: editOf(fix.edits),
  }));
  const line = diagnostic.range.start.line;
  const text = options.lineText(line);
  // A suppression comment silences the next line that is not a comment: above a comment it would silence another line.
  if (maySilence(diagnostic.code, diagnostic.severity === DiagnosticSeverity.Error) && classifyLine(text, line).kind !== 'comment') {
    const insert: TextEdit = {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: `${/^\s*/.exec(text)![0]}# smtp-lint-disable-next-line ${diagnostic.code}\n`,
    };
    actions.push({ title: `Disable ${diagnostic.code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editOf([insert]) });
  }
  return actions;
}

/** LSP 3.17 CodeActionKind: a kind includes itself and the kinds below it (`refactor` holds `refactor.extract`); '' holds all. */
function includesKind(kind: string, actionKind: string): boolean {
  return kind === '' || actionKind === kind || actionKind.startsWith(`${kind}.`);
}

const PARSE_RULE_IDS = new Set<string>(PARSE_RULES.map((r) => r.id));

/** A suppression comment silences any rule but a parse error: a line that cannot be read is not linted either. */
export function maySilence(code: string, isError: boolean): boolean {
  return isRuleId(code) && !(isError && PARSE_RULE_IDS.has(code));
}

/** The finding the editor's diagnostic stands for now: the same rule on the same range (the editor moved it along). */
function currentDiagnostic(current: readonly Diagnostic[], requested: Diagnostic): Diagnostic | undefined {
  const { start, end } = requested.range;
  return current.find(
    (d) =>
      d.code === requested.code &&
      d.range.start.line === start.line &&
      d.range.start.character === start.character &&
      d.range.end.line === end.line &&
      d.range.end.character === end.character,
  );
}
