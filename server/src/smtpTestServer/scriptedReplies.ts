// The `S:` lines of a transcript as the scripted server sends them: as written, with what only an expectation can
// say (a `2xx` class, a `*` wildcard, a `/regex/`) made concrete, so a client gets a well-formed reply.
import { lookupReplyCode } from '../knowledge/replyCodes';
import type { ReplyExpectation, ReplyLine } from '../model/types';

/** What the reply answers, which decides the code a class like `2xx` stands for. */
export type ReplyTarget = 'greeting' | 'auth-response' | 'message' | 'bdat' | { verb: string };

// RFC 5321 §4.3.2 and RFC 4954 §4/§6, RFC 3207 §4: the usual code of each class for what it answers.
function classCode(first: string, target: ReplyTarget): string {
  const verb = typeof target === 'string' ? target : target.verb;
  switch (first) {
    case '2':
      if (verb === 'greeting' || verb === 'STARTTLS') return '220';
      if (verb === 'QUIT') return '221';
      if (verb === 'AUTH' || verb === 'auth-response') return '235';
      return '250';
    case '3':
      return verb === 'AUTH' || verb === 'auth-response' ? '334' : '354';
    case '4':
      return verb === 'greeting' ? '421' : '451';
    default:
      return verb === 'greeting' ? '554' : '550';
  }
}

/** `25x` -> `250`, `2xx` -> the class's usual code for the target. */
export function concreteCode(code: string, target: ReplyTarget): string {
  if (/^\d\d\d$/.test(code)) return code;
  if (/^\d[xX][xX]$/.test(code)) return classCode(code[0], target);
  return code.replace(/[xX]/g, '0');
}

/** A fresh CRAM-MD5 challenge (RFC 2195 §2: `<unique.timestamp@host>`, base64). */
export function freshChallenge(now = Date.now()): string {
  const unique = `<${Math.floor(Math.random() * 1e9)}.${now}@localhost>`;
  return Buffer.from(unique).toString('base64');
}

/**
 * The wire lines of `reply`, without CRLF. `resolve` substitutes variables in a line's text. A text that is only an
 * expectation (`*`, a regex, nothing) becomes the code's usual text; `*` inside a text becomes a short token.
 */
export function replyLines(reply: ReplyExpectation, target: ReplyTarget, resolve: (text: string, line: number) => string): string[] {
  const lines = reply.lines.filter((l) => !l.isEllipsis && l.code !== undefined);
  return lines.map((line, index) => {
    const code = concreteCode(line.code!, target);
    const separator = index < lines.length - 1 ? '-' : ' ';
    const enhanced = line.enhancedCode ? `${line.enhancedCode.replace(/[xX]/g, '0')} ` : '';
    return `${code}${separator}${enhanced}${lineText(line, code, target, resolve)}`;
  });
}

function lineText(line: ReplyLine, code: string, target: ReplyTarget, resolve: (text: string, line: number) => string): string {
  const written = line.text.trim();
  // A 334 challenge for CRAM-MD5 written as `*` is a fresh one; any other 334 text is sent as written.
  if (code === '334' && written === '*') return freshChallenge();
  if (written === '' || written === '*' || /^\/.*\/[a-z]*$/s.test(written)) return usualText(code, target);
  return resolve(line.text, line.line).replace(/(^|[^\\])\*/g, '$1x').replace(/\\\*/g, '*');
}

function usualText(code: string, target: ReplyTarget): string {
  if (code === '220') return 'localhost ESMTP smtp-transcript mock';
  if (code === '334') return '';
  const text = lookupReplyCode(code)?.text ?? 'OK';
  return target === 'greeting' ? `localhost ${text.replace('<domain> ', '')}` : text.replace('<domain>', 'localhost');
}
