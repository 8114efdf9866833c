// One `S:` payload -> code, separator, enhanced status code, text (RFC 5321 §4.2, RFC 3463 §2).
// Read character by character; the line keeps where its payload starts, and its ranges are computed when asked
// (lineRanges.ts): a transcript holds hundreds of thousands of reply lines, and what they allocate is most of what
// parsing costs.
import { replyCodeEnd, separatorAt } from '../dialogue/replyLine';
import { sharedSlice } from './sharedText';
import { makePayload } from './variableReferences';
import { payloadRange } from './lineRanges';
import type { ParseDiagnostic, Payload, ReplyLine, ReplySeparator } from './types';

const SPACE = 0x20;
const DOT = 0x2e;

export function parseReplyLine(payloadText: string, line: number, column: number, problems: ParseDiagnostic[]): ReplyLine {
  const payload = makePayload(payloadText, line, column, problems);
  if (payloadText === '...') return marker(payload, line, '-', true);
  // `<closed>` and the scripted server's markers (`<delay 2s>`): read by the session builder, not as a reply.
  if (payloadText.startsWith('<') && payloadText.endsWith('>')) return marker(payload, line, ' ', false);
  const hasCode = replyCodeEnd(payloadText, 'expectation') === 3;
  const separator = separatorAt(payloadText);
  if (!hasCode || separator === undefined) {
    problems.push({
      range: payloadRange(payload),
      severity: 'error',
      code: 'reply-code-expected',
      message: hasCode
        ? `Expected a space or \`-\` after the reply code \`${payloadText.slice(0, 3)}\` (RFC 5321 §4.2).`
        : 'Expected a three-digit reply code (`250`, `2xx`) at the start of an `S:` line (RFC 5321 §4.2).',
    });
    return marker(payload, line, ' ', false);
  }
  let textStart = separator === '' ? 3 : 4;
  let enhancedCode: string | undefined;
  const enhancedLength = enhancedCodeLength(payloadText, textStart);
  if (enhancedLength > 0) {
    enhancedCode = lowerCase(sharedSlice(payloadText, textStart, textStart + enhancedLength));
    textStart += enhancedLength + (payloadText.charCodeAt(textStart + enhancedLength) === SPACE ? 1 : 0);
  }
  return {
    line,
    payload,
    code: lowerCase(sharedSlice(payloadText, 0, 3)),
    separator,
    enhancedCode,
    text: sharedSlice(payloadText, textStart, payloadText.length),
    isEllipsis: false,
  };
}

/**
 * The length of the enhanced status code `class.subject.detail` at `at` (RFC 3463 §2: class 2, 4 or 5, subject and
 * detail of one to three digits; `x` is the transcript's wildcard for any part), or 0 when there is none. It must be
 * followed by a space or the end of the line.
 */
function enhancedCodeLength(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (!(c === 0x32 || c === 0x34 || c === 0x35 || c === 0x78 || c === 0x58) || text.charCodeAt(at + 1) !== DOT) return 0;
  const subjectEnd = partEnd(text, at + 2);
  if (subjectEnd < 0 || text.charCodeAt(subjectEnd) !== DOT) return 0;
  const detailEnd = partEnd(text, subjectEnd + 1);
  if (detailEnd < 0 || (detailEnd < text.length && text.charCodeAt(detailEnd) !== SPACE)) return 0;
  return detailEnd - at;
}

/** Where a subject or detail starting at `at` ends: after one to three digits, or after a lone `x`; -1 if neither. */
function partEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x78 || c === 0x58) return at + 1;
  let end = at;
  while (end < text.length && end - at <= 3) {
    const d = text.charCodeAt(end);
    if (d < 0x30 || d > 0x39) break;
    end++;
  }
  return end === at || end - at > 3 ? -1 : end;
}

/** Codes hold digits and `x`: only an upper-case `X` needs lowering, so the usual code is returned as it is. */
function lowerCase(code: string): string {
  return code.includes('X') ? code.toLowerCase() : code;
}

/** `...`, `<closed>`, `<delay 2s>` and lines without a readable code: no code, the whole payload as text. */
function marker(payload: Payload, line: number, separator: ReplySeparator, isEllipsis: boolean): ReplyLine {
  return {
    line,
    payload,
    code: undefined,
    separator,
    enhancedCode: undefined,
    text: payload.text,
    isEllipsis,
  };
}
