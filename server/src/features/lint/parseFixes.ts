// Quick fixes for the problems the parser finds, doing what their messages propose: a missing prefix or `C: .`, a
// reply's last line that continues, a 354 the content needs, a line no one reads. Each is computed from the problem's
// code and range and the lines of the text alone, when asked (the editor's light bulb, a SARIF log): a file of
// thousands of stray lines pays nothing for them at every edit. None is safe for fix-all: each adds, removes or
// changes what a line means.
import { splitLines } from '../../model/ranges';
import { replyCodeEnd, separatorAt } from '../../dialogue/replyLine';
import { guessUnknownLine, lineSide, payloadStartOf } from '../../model/classifyLine';
import type { Position, Range } from '../../model/types';
import type { LintDiagnostic } from './lintTranscript';
import type { Fix, Fixes } from './rule';

type ParseFix = (range: Range, lines: readonly string[]) => Fixes | undefined;

/** The parse problems that have fixes, by rule id. */
const PARSE_FIXES: Readonly<Record<string, ParseFix>> = {
  'unknown-line': (range, lines) => unknownLineFixes(range.start.line, lines),
  'data-unterminated': (range, lines) => endMessage(range.end.line, lines),
  'data-reply-missing': (range, lines) => goAhead(range.start.line, lines),
  'reply-unterminated': (range, lines) => endReply(range.start.line, lines),
  'reply-without-command': (range, lines) => unreadReply(range.start.line, range.end.line, lines),
  'command-expected': (range, lines) => ({ title: 'Remove the empty C: line', edits: [removal(range.start.line, range.start.line, lines)] }),
};

/** The fixes for the parse problem `code` at `range`; undefined for another code, or a problem with none. */
export function parseProblemFix(code: string, range: Range, lines: readonly string[]): Fixes | undefined {
  return Object.hasOwn(PARSE_FIXES, code) ? PARSE_FIXES[code](range, lines) : undefined;
}

/** `diagnostics` of `text` with their parse problems' fixes (the text is split again only when one has any). */
export function withParseFixes(diagnostics: LintDiagnostic[], text: string): LintDiagnostic[] {
  let lines: string[] | undefined;
  return diagnostics.map((diagnostic) => {
    if (diagnostic.fix || !Object.hasOwn(PARSE_FIXES, diagnostic.code)) return diagnostic;
    lines ??= splitLines(text);
    const fix = PARSE_FIXES[diagnostic.code](diagnostic.range, lines);
    return fix ? { ...diagnostic, fix } : diagnostic;
  });
}

function unknownLineFixes(line: number, lines: readonly string[]): Fix[] {
  const text = lines[line];
  const comment: Fix = { title: 'Turn the line into a comment', edits: [{ range: wholeLine(line, text), newText: `# ${text}` }] };
  const guess = guessUnknownLine(text);
  const rewrite = (title: string, written: string): Fix[] => [{ title, edits: [{ range: wholeLine(line, text), newText: written }] }, comment];
  switch (guess.kind) {
    case 'reply':
      return rewrite('Add the S: prefix (a server reply)', `S: ${guess.payload}`);
    case 'command':
      return rewrite('Add the C: prefix (a client line)', `C: ${guess.payload}`);
    case 'swaks':
      return guess.side === 'client'
        ? rewrite("Write swaks's sent line as C:", `C: ${guess.payload}`.trimEnd())
        : rewrite("Write swaks's received line as S:", `S: ${guess.payload}`.trimEnd());
    default:
      return [comment];
  }
}

/** `C: .` on a line of its own below the content's last line (RFC 5321 §4.1.1.4). */
function endMessage(lastLine: number, lines: readonly string[]): Fix {
  return { title: 'End the message with C: .', edits: [lineBelow(lastLine, lines, 'C: .')] };
}

/** `S: 354 *` below `C: DATA`: the server's go-ahead the content waits for (RFC 5321 §4.1.1.4). */
function goAhead(dataLine: number, lines: readonly string[]): Fix {
  return { title: 'Expect the go-ahead: S: 354 *', edits: [lineBelow(dataLine, lines, 'S: 354 *')] };
}

/**
 * The `-` after the code of a reply's last line made a space: the reply ends there (RFC 5321 §4.2.1). After `S: ...`,
 * which stands for lines inside a reply, its last line added below as `S: <code> *` (any text).
 */
function endReply(line: number, lines: readonly string[]): Fix | undefined {
  const text = lines[line];
  if (lineSide(text) !== 'server') return undefined;
  const at = payloadStartOf(text);
  if (text.slice(at).trim() === '...') {
    const code = replyCodeAbove(line, lines);
    return code ? { title: `End the reply: S: ${code} *`, edits: [lineBelow(line, lines, `S: ${code} *`)] } : undefined;
  }
  if (text.charAt(at + 3) !== '-') return undefined;
  const range = { start: { line, character: at + 3 }, end: { line, character: at + 4 } };
  return { title: 'End the reply on this line', edits: [{ range, newText: ' ' }] };
}

/** The code of the `S:` line with one nearest above `line`, among the `S:` lines right above it (its reply's). */
function replyCodeAbove(line: number, lines: readonly string[]): string | undefined {
  for (let above = line - 1; above >= 0 && lineSide(lines[above]) === 'server'; above--) {
    const payload = lines[above].slice(payloadStartOf(lines[above]));
    if (replyCodeEnd(payload, 'expectation') === 3 && separatorAt(payload) !== undefined) return payload.slice(0, 3);
  }
  return undefined;
}

/**
 * A reply nothing awaits: after `C: <close>` no one reads it (remove it, the preferred fix), elsewhere it may be a
 * note worth keeping (comment it out).
 */
function unreadReply(first: number, last: number, lines: readonly string[]): Fix[] {
  const comment: Fix = { title: 'Comment out the reply', edits: [] };
  for (let line = first; line <= last; line++) {
    if (lineSide(lines[line]) === 'server') comment.edits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '# ' });
  }
  if (!afterClientClose(first, lines)) return [comment];
  return [{ title: 'Remove the reply (the client has closed the connection: nothing reads it)', edits: [removal(first, last, lines)] }, comment];
}

/** The nearest line above `line` in its session that is neither blank nor a comment is `C: <close>`. */
function afterClientClose(line: number, lines: readonly string[]): boolean {
  for (let above = line - 1; above >= 0; above--) {
    const text = lines[above];
    if (text.startsWith('###')) return false;
    if (text.trim() === '' || text.startsWith('#')) continue;
    return lineSide(text) === 'client' && text.slice(payloadStartOf(text)).trim() === '<close>';
  }
  return false;
}

function wholeLine(line: number, text: string): { start: Position; end: Position } {
  return { start: { line, character: 0 }, end: { line, character: text.length } };
}

/** A new line holding `text` right below `line` (at the end of the file too, where no line break follows it). */
function lineBelow(line: number, lines: readonly string[], text: string): { range: { start: Position; end: Position }; newText: string } {
  const end = { line, character: lines[line].length };
  return { range: { start: end, end }, newText: `\n${text}` };
}

/** Lines `first..last` and their line break; the last lines of a file take the break before them instead. */
function removal(first: number, last: number, lines: readonly string[]): { range: { start: Position; end: Position }; newText: string } {
  if (last + 1 < lines.length) return { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  const start = first > 0 ? { line: first - 1, character: lines[first - 1].length } : { line: 0, character: 0 };
  return { range: { start, end: { line: last, character: lines[last].length } }, newText: '' };
}
