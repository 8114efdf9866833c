// A reply as the transcript expects it, from its `S:` lines: the code and enhanced code of its last line, or of the
// last line that has one (RFC 5321 §4.2.1: a multi-line reply repeats its code on every line).
import type { ReplyExpectation, ReplyLine } from './types';

/** `lines` is kept as the reply's own list: pass one that nothing else will grow. */
export function replyExpectation(lines: ReplyLine[], unterminated: boolean): ReplyExpectation {
  const last = lines[lines.length - 1];
  let coded: ReplyLine | undefined;
  for (let i = lines.length - 1; i >= 0 && !coded; i--) if (lines[i].code !== undefined) coded = lines[i];
  return {
    lines,
    code: last.code ?? coded?.code,
    enhancedCode: last.enhancedCode ?? coded?.enhancedCode,
    unterminated,
  };
}
