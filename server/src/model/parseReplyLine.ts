// One `S:` payload -> code, separator, enhanced status code, text (RFC 5321 §4.2, RFC 3463 §2).
import { makePayload } from './variableReferences';
import { range } from './ranges';
import type { ParseDiagnostic, Payload, ReplyLine, ReplySeparator } from './types';

const CODE = /^([0-9xX]{3})([ -]?)/;
// RFC 3463 §2: class "." subject "." detail; classes 2, 4, 5; `x` is the transcript's wildcard.
const ENHANCED = /^([245xX])\.(\d{1,3}|[xX])\.(\d{1,3}|[xX])(?= |$)/;

export function parseReplyLine(payloadText: string, line: number, column: number, problems: ParseDiagnostic[]): ReplyLine {
  const payload = makePayload(payloadText, line, column, problems);
  if (payloadText === '...') return marker(payload, line, column, '-', true);
  if (payloadText === '<closed>') return marker(payload, line, column, ' ', false);
  const code = CODE.exec(payloadText);
  if (!code || (code[2] === '' && payloadText.length > 3)) {
    problems.push({
      range: payload.range,
      severity: 'error',
      code: 'reply-code-expected',
      message: code
        ? `Expected a space or \`-\` after the reply code \`${code[1]}\` (RFC 5321 §4.2).`
        : 'Expected a three-digit reply code (`250`, `2xx`) at the start of an `S:` line (RFC 5321 §4.2).',
    });
    return marker(payload, line, column, ' ', false);
  }
  let textStart = code[0].length;
  let enhancedCode: string | undefined;
  let enhancedCodeRange;
  const enhancedMatch = ENHANCED.exec(payloadText.slice(textStart));
  if (enhancedMatch) {
    enhancedCode = enhancedMatch[0].toLowerCase();
    enhancedCodeRange = range(line, column + textStart, column + textStart + enhancedCode.length);
    textStart += enhancedCode.length + (payloadText[textStart + enhancedCode.length] === ' ' ? 1 : 0);
  }
  return {
    line,
    range: range(line, 0, column + payloadText.length),
    payload,
    code: code[1].toLowerCase(),
    codeRange: range(line, column, column + 3),
    separator: code[2] as ReplySeparator,
    enhancedCode,
    enhancedCodeRange,
    text: payloadText.slice(textStart),
    textRange: range(line, column + textStart, column + payloadText.length),
    isEllipsis: false,
  };
}

/** `...`, `<closed>` and lines without a readable code: no code, the whole payload as text. */
function marker(payload: Payload, line: number, column: number, separator: ReplySeparator, isEllipsis: boolean): ReplyLine {
  return {
    line,
    range: range(line, 0, column + payload.text.length),
    payload,
    code: undefined,
    codeRange: undefined,
    separator,
    enhancedCode: undefined,
    enhancedCodeRange: undefined,
    text: payload.text,
    textRange: payload.range,
    isEllipsis,
  };
}
