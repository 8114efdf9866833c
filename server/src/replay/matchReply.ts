// Does the server's actual reply meet the transcript's expectation? (docs/transcript-format.md, "Expectations")
// `code` mode checks the reply code and enhanced status code; `strict` also each line's text and the line count.
import { SERVER_CLOSED, type ReplyExpectation, type ReplyLine } from '../model/types';
import { replyLineText, type ActualReply, type ActualReplyLine } from './replyReader';
import { matchText } from '../model/textPattern';
import type { MatchMode } from '../settings/settingValues';

export type { MatchMode };

export interface MatchResult {
  status: 'pass' | 'fail';
  /** Each way the reply differs; in code mode text differences are listed while the reply still passes. */
  differences: string[];
  message: string;
}

/** The substituted text of an expectation line (after its code and enhanced code). */
export type SubstituteLine = (line: ReplyLine) => string;


// Module-level tests: a closure made per matched reply is an allocation per exchange.
const isClosedMarker = (line: ReplyLine): boolean => line.payload.text === SERVER_CLOSED;
const isListedLine = (line: ReplyLine): boolean => line.payload.text !== SERVER_CLOSED;
const isEllipsis = (line: ReplyLine): boolean => line.isEllipsis;

export function matchReply(expected: ReplyExpectation, actual: ActualReply, mode: MatchMode, substitute: SubstituteLine): MatchResult {
  const got = describeActual(actual);
  const failures: string[] = [];
  if (expected.code && !codeMatches(expected.code, actual.code)) failures.push(`expected reply code ${expected.code}, got ${actual.code}`);
  const last = actual.lines[actual.lines.length - 1];
  const enhancedProblem = expected.enhancedCode ? enhancedDifference(expected.enhancedCode, last) : undefined;
  if (enhancedProblem) failures.push(enhancedProblem);
  if (failures.length > 0) return { status: 'fail', differences: failures, message: `${failures[0]}: ${got}` };

  const lines = expected.lines.some(isClosedMarker) ? expected.lines.filter(isListedLine) : expected.lines;
  const textDifferences = alignLines(lines, actual.lines, substitute, mode === 'strict');
  if (mode === 'strict' && textDifferences.length > 0) {
    return { status: 'fail', differences: textDifferences, message: `${textDifferences[0]}: ${got}` };
  }
  return { status: 'pass', differences: textDifferences, message: `got ${got}` };
}

export function codeMatches(pattern: string, code: string): boolean {
  if (pattern.length !== code.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== 'x' && c !== 'X' && c !== code[i]) return false;
  }
  return true;
}

function describeActual(actual: ActualReply): string {
  const first = replyLineText(actual.lines[0]);
  return actual.lines.length > 1 ? `${first} (${actual.lines.length} lines)` : first;
}

/** RFC 3463 §2: class.subject.detail (`2.1.5`, 1-3 digits each) at the start of the text, then a space or nothing. */
function enhancedOf(line: ActualReplyLine): string | undefined {
  const text = line.text;
  const c = text.charCodeAt(0);
  if ((c !== 0x32 && c !== 0x34 && c !== 0x35) || text.charCodeAt(1) !== DOT) return undefined;
  const subjectEnd = digitsEnd(text, 2);
  if (subjectEnd < 0 || text.charCodeAt(subjectEnd) !== DOT) return undefined;
  const detailEnd = digitsEnd(text, subjectEnd + 1);
  if (detailEnd < 0 || (detailEnd < text.length && text.charCodeAt(detailEnd) !== SPACE)) return undefined;
  return text.slice(0, detailEnd);
}

const DOT = 0x2e;
const SPACE = 0x20;

/** Where a run of 1-3 digits from `start` ends, or -1 when there is none or a fourth digit follows. */
function digitsEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && end - start < 4 && isDigit(text.charCodeAt(end))) end++;
  return end === start || end - start > 3 ? -1 : end;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function enhancedMatches(pattern: string, actual: string): boolean {
  // The common case, the code the server sent written out: nothing to split (`actual` holds digits only).
  if (pattern === actual) return true;
  const want = pattern.split('.');
  const have = actual.split('.');
  return want.length === have.length && want.every((part, i) => part.toLowerCase() === 'x' || Number(part) === Number(have[i]));
}

function enhancedDifference(pattern: string, line: ActualReplyLine, actual = enhancedOf(line)): string | undefined {
  if (!actual) return `expected enhanced status code ${pattern}, got none`;
  return enhancedMatches(pattern, actual) ? undefined : `expected enhanced status code ${pattern}, got ${actual}`;
}

/** Differences between expected and actual lines; `S: ...` matches any number of lines (a glob over lines). */
function alignLines(expected: ReplyLine[], actual: ActualReplyLine[], substitute: SubstituteLine, countMatters: boolean): string[] {
  if (!expected.some(isEllipsis)) {
    const differences: string[] = [];
    if (countMatters && expected.length !== actual.length) differences.push(`expected ${expected.length} lines, got ${actual.length}`);
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      const d = lineDifference(expected[i], actual[i], substitute);
      if (d) differences.push(actual.length > 1 ? `reply line ${i + 1}: ${d}` : d);
    }
    return differences;
  }
  const segments: ReplyLine[][] = [[]];
  for (const line of expected) {
    if (line.isEllipsis) segments.push([]);
    else segments[segments.length - 1].push(line);
  }
  const compare = (e: ReplyLine, a: ActualReplyLine): string | undefined => lineDifference(e, a, substitute);
  const head = segments[0];
  const tail = segments[segments.length - 1];
  const fixed = segments.reduce((n, s) => n + s.length, 0);
  if (fixed > actual.length) return [`expected at least ${fixed} lines, got ${actual.length}`];
  const differences: string[] = [];
  head.forEach((e, i) => {
    const d = compare(e, actual[i]);
    if (d) differences.push(`reply line ${i + 1}: ${d}`);
  });
  const tailStart = actual.length - tail.length;
  tail.forEach((e, i) => {
    const d = compare(e, actual[tailStart + i]);
    if (d) differences.push(`reply line ${tailStart + i + 1}: ${d}`);
  });
  // Middle pieces: leftmost place where every line of the piece matches.
  let at = head.length;
  for (const piece of segments.slice(1, -1)) {
    if (piece.length === 0) continue;
    let found = -1;
    for (let start = at; start + piece.length <= tailStart && found < 0; start++) {
      if (piece.every((e, i) => !compare(e, actual[start + i]))) found = start;
    }
    if (found < 0) {
      differences.push(`expected a line matching \`${piece[0].payload.text}\` after reply line ${at}, found none in the reply`);
      break;
    }
    at = found + piece.length;
  }
  return differences;
}

export function lineDifference(expected: ReplyLine, actual: ActualReplyLine, substitute: SubstituteLine): string | undefined {
  if (expected.code && !codeMatches(expected.code, actual.code)) return `expected code ${expected.code}, got ${actual.code}`;
  const enhanced = enhancedOf(actual);
  if (expected.enhancedCode) {
    const problem = enhancedDifference(expected.enhancedCode, actual, enhanced);
    if (problem) return problem;
  }
  const pattern = substitute(expected);
  // A code alone expects that code with any text; so does a lone `*` (textPattern.ts), decided without matching.
  if (pattern === '' || pattern === '*') return undefined;
  // The enhanced code is compared above when the expectation has one; one it does not mention is not text.
  const actualText = enhanced ? actual.text.slice(enhanced.length).replace(/^ /, '') : actual.text;
  const result = matchText(pattern, actualText);
  if (result.matches) return undefined;
  return result.problem ?? `expected text \`${pattern}\`, got \`${actualText}\``;
}
