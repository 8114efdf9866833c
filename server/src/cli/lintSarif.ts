// `lint --format sarif`: SARIF 2.1.0 (OASIS), which GitHub code scanning and other CI tools read. One run; the rules
// are those the results name, with the catalog's description, default severity and documentation; a result carries
// the fixes the lint offers for it (§3.55), as the editor's quick fixes.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixesOf, ruleIndex, type Fixes, type RuleId } from '../features/lint';
import type { Range, Severity } from '../model/types';
import { CLI_VERSION } from './cliVersion';
import { listedDiagnostics, type FileDiagnostics } from './lintReport';

type SarifLevel = 'error' | 'warning' | 'note';

// SARIF's levels are error, warning, note and none: info and hint are both notes.
const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * Where each rule is documented: its row in docs/lint-rules.md carries an anchor named by its id
 * (test/unit/lint/ruleCatalog.test.ts keeps one per rule); the repository is package.json's.
 */
export const LINT_RULES_DOC = 'https://github.com/smtp-transcripts/smtp-transcripts/blob/main/docs/lint-rules.md';

interface SarifRule {
  id: RuleId;
  shortDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel };
}

export function formatLintSarif(results: FileDiagnostics[], errorsOnly = false): string {
  const rules: SarifRule[] = [];
  const ruleAt = new Map<RuleId, number>();
  const indexOf = (id: RuleId): number => {
    const known = ruleAt.get(id);
    if (known !== undefined) return known;
    // Every rule id is the catalog's (RuleId is the union of its tables' ids); a rule without a spec would be one id.
    const spec = ruleIndex().get(id);
    rules.push(spec ? { id, shortDescription: { text: spec.description }, helpUri: `${LINT_RULES_DOC}#${id}`, defaultConfiguration: { level: SARIF_LEVEL[spec.defaultSeverity] } } : { id });
    ruleAt.set(id, rules.length - 1);
    return rules.length - 1;
  };
  const sarifResults = results.flatMap(({ file, diagnostics, lineEnd = '\n' }) =>
    listedDiagnostics(diagnostics, errorsOnly).map((d) => {
      const fixes = sarifFixes(d.fix, artifactUri(file), lineEnd);
      return {
        ruleId: d.code,
        ruleIndex: indexOf(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: sarifRegion(d.range) } }],
        ...(fixes.length > 0 ? { fixes } : {}),
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'smtp-transcript', version: CLI_VERSION, rules } },
        // Our columns count UTF-16 code units (the editor's positions): SARIF's default column kind, said anyway.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** 1-based lines and columns, the end column being the one after the range, as SARIF counts (§3.30.5). */
function sarifRegion(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * Each fix the lint offers (several are a choice, the preferred first) as one SARIF fix (§3.55): a replacement per
 * edit (§3.57), its deleted region empty for an insertion, its text written with the file's line end.
 */
function sarifFixes(fix: Fixes | undefined, uri: string, lineEnd: string) {
  return fixesOf(fix)
    .filter((one) => one.edits.length > 0)
    .map((one) => ({
      description: { text: one.title },
      artifactChanges: [
        {
          artifactLocation: { uri },
          replacements: one.edits.map((edit) => ({
            deletedRegion: sarifRegion(edit.range),
            // Without insertedContent the region is only deleted.
            ...(edit.newText === '' ? {} : { insertedContent: { text: edit.newText.replace(/\n/g, lineEnd) } }),
          })),
        },
      ],
    }));
}

/**
 * The file as a URI reference: a relative path stays relative (GitHub code scanning resolves it against the
 * repository), its segments percent-encoded (a space, `#` or `%` would not be a URI); an absolute path is a file URI.
 */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).map(encodeURIComponent).join('/');
}
