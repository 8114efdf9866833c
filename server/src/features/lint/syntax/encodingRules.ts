// A `.smtp` file is UTF-8. Bytes that are not UTF-8 are read as U+FFFD, and replaying them would send U+FFFD's three
// bytes instead of what the file holds: lint says where, and replay refuses such a line before connecting.
import { isBinaryTranscript } from '../../../model/binaryText';
import { range } from '../../../model/ranges';
import { linesWithReplacementCharacter } from '../../../model/replacementLines';
import type { Transcript } from '../../../model/types';
import { rule, type Finding, type LintContext, type RuleGroup } from '../rule';

export const EncodingRules = {
  invalidUtf8: rule(
    'invalid-utf8',
    'error',
    'A line holds bytes that are not UTF-8 (where the bytes are known, as in the CLI); in the editor, a U+FFFD character that may stand for such bytes.',
  ),
};

const REPLACEMENT = '\ufffd';

function checkEncoding(transcript: Transcript, context: LintContext): Finding[] {
  // A file that is no text at all already has its one error.
  if (isBinaryTranscript(transcript)) return [];
  const lineRange = (line: number) => range(line, 0, transcript.lines[line]?.length ?? 0);
  if (context.invalidUtf8Lines) {
    return context.invalidUtf8Lines.map((line) => ({
      ruleId: EncodingRules.invalidUtf8.id,
      range: lineRange(line),
      message: 'This line holds bytes that are not valid UTF-8 (shown as U+FFFD): replay would send U+FFFD instead of them, so it refuses. Save the file as UTF-8.',
    }));
  }
  // The editor decoded the text: a U+FFFD may be written on purpose, so this is a warning that says as much.
  const findings: Finding[] = [];
  // Kept across edits by the model: this runs on every edit, and reading every line is the whole file's work.
  for (const line of linesWithReplacementCharacter(transcript)) {
    const at = transcript.lines[line].indexOf(REPLACEMENT);
    findings.push({
      ruleId: EncodingRules.invalidUtf8.id,
      range: range(line, at, at + 1),
      severity: 'warning',
      message: 'U+FFFD (the replacement character) may stand for bytes that are not valid UTF-8, which the editor could not decode: replay sends U+FFFD itself. Check the file\'s encoding (the CLI\'s lint tells for sure).',
    });
  }
  return findings;
}

export const encodingRules: RuleGroup = { rules: Object.values(EncodingRules), check: checkEncoding };
