// One `S:` payload -> code, separator, enhanced status code, text (RFC 5321 §4.2, RFC 3463 §2).
import { makePayload } from './variableReferences';
import { range } from './ranges';
import type { ParseDiagnostic, ReplyLine } from './types';

const CODE = /^([0-9xX]{3})([ -]?)/;
// RFC 3463 §2: class "." subject "." detail; classes 2, 4, 5; `x` is the transcript's wildcard.
const ENHANCED = /^([245xX])\.(\d{1,3}|[xX])\.(\d{1,3}|[xX])(?= |$)/;

export function parseReplyLine(
  payloadText: string,
  line: number,
  column: number,
  problems: ParseDiagnostic[],
): ReplyLine {
  const payload = makePayload(payloadText, line, column, problems);
  const whole = range(line, 0, column + payloadText.length);
  const base = { line, range: whole, payload, text: payloadText, textRange: payload.range };
  if (payloadText === '...') return { ...base, separator: '-', isEllipsis: true };
  if (payloadText === '<closed>') return { ...base, separator: ' ', isEllipsis: false };
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
    return { ...base, separator: ' ', isEllipsis: false };
  }
  const codeText = code[1].toLowerCase();
  const textStart = code[0].length;
  let text = payloadText.slice(textStart);
  let textColumn = column + textStart;
  let enhanced: Pick<ReplyLine, 'enhancedCode' | 'enhancedCodeRange'> = {};
  const enhancedMatch = ENHANCED.exec(text);
  if (enhancedMatch) {
    enhanced = {
      enhancedCode: enhancedMatch[0].toLowerCase(),
      enhancedCodeRange: range(line, textColumn, textColumn + enhancedMatch[0].length),
    };
    const skip = enhancedMatch[0].length + (text[enhancedMatch[0].length] === ' ' ? 1 : 0);
    text = text.slice(skip);
    textColumn += skip;
  }
  return {
    ...base,
    code: codeText,
    codeRange: range(line, column, column + 3),
    separator: code[2] as ' ' | '-' | '',
    ...enhanced,
    text,
    textRange: range(line, textColumn, textColumn + text.length),
    isEllipsis: false,
  };
}
