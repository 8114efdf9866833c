// The quick fixes the editor offers for a finding, through the language service facade, and the text one of them
// makes: for tests that apply a fix and compare the whole result.
import assert from 'node:assert/strict';
import { parseTranscript } from '../../server/src/model';
import { getLanguageService } from '../../server/src/features/languageService';
import { applyEdits } from './edits';

const URI = 'file:///t.smtp';
const service = getLanguageService();

export function diagnosticsOf(text: string, code: string) {
  return service.validate({ uri: URI }, parseTranscript(text), {}).filter((d) => d.code === code);
}

/** The code actions for the only `code` finding, without "Disable ..." (a suppression comment). */
export function actions(text: string, code: string) {
  const found = diagnosticsOf(text, code);
  assert.equal(found.length, 1, `one ${code} finding`);
  const options = { current: { version: 1, diagnostics: found }, documentChanges: false, lineText: () => '', eol: '\n' as const };
  return service.getCodeActions({ uri: URI }, parseTranscript(text), found, options).filter((a) => !a.title.startsWith('Disable '));
}

/** The titles of the fixes offered for the only `code` finding (without "Disable ..."). */
export function fixTitles(text: string, code: string): string[] {
  return actions(text, code).map((a) => a.title);
}

/** The text after applying the fix titled `title` of the only `code` finding. */
export function applied(text: string, code: string, title: string): string {
  const action = actions(text, code).find((a) => a.title === title);
  if (!action) throw new Error(`no fix "${title}" among ${fixTitles(text, code).join(' | ')}`);
  return applyEdits(text, action.edit!.changes![URI]);
}
