// The `S:` lines of a transcript as the scripted server sends them: as written, with what only an expectation can
// say (a `2xx` class, a `*` wildcard, a `/regex/`) made concrete, so a client gets a well-formed reply.
import { isAuthDialogue, listedOpening, type ReplyTarget } from '../dialogue/dialogueState';
import { replyCodeEnd } from '../dialogue/replyLine';
import { GREETING_REPLY_CODES, lookupReplyCode } from '../knowledge/replyCodes';
import type { ReplySet } from '../knowledge/verbSpec';
import { VERB_SPECS } from '../knowledge/verbs';
import type { ReplyExpectation, ReplyLine } from '../model/types';

export type { ReplyTarget };

/** The replies the knowledge tables list for what the reply answers (RFC 5321 §4.3.2, RFC 4954 §6, RFC 3030 §2). */
function listedReplies(target: ReplyTarget): ReplySet | undefined {
  switch (target.kind) {
    case 'greeting':
      return { success: GREETING_REPLY_CODES.success, intermediate: [], error: GREETING_REPLY_CODES.error };
    case 'command':
      return target.verb === undefined ? undefined : VERB_SPECS[target.verb].replies;
    case 'auth-response':
      return Object.values(VERB_SPECS).find((spec) => isAuthDialogue({ kind: 'command', verb: spec.verb }))?.continuationReplies;
    case 'message':
      return Object.values(VERB_SPECS).find((spec) => spec.opens?.opening === 'content')?.continuationReplies;
    case 'bdat':
      return Object.values(VERB_SPECS).find((spec) => spec.opens?.opening === 'chunk')?.replies;
    case 'client-close':
      return undefined;
  }
}

/** The first code of the class `first` the tables list for the target; else the class's plain x50 / 354. */
function classCode(first: string, target: ReplyTarget): string {
  const listed = listedReplies(target);
  const codes = [...(listed?.success ?? []), ...(listed?.intermediate ?? []), ...(listed?.error ?? [])];
  const found = codes.find((code) => String(code)[0] === first);
  return found !== undefined ? String(found) : `${first}50`;
}

/** `25x` -> `250`, `2xx` -> the class's usual code for the target (220 for a greeting, 354 for DATA...). */
export function concreteCode(code: string, target: ReplyTarget): string {
  if (code.length === 3 && replyCodeEnd(code, 'wire') === 3) return code;
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
  // An AUTH challenge (334) written as `*` is a fresh CRAM-MD5 one; any other challenge text is sent as written.
  if (listedOpening(code) === 'auth-response' && written === '*') return freshChallenge();
  if (written === '' || written === '*' || /^\/.*\/[a-z]*$/s.test(written)) return usualText(code, target);
  return resolve(line.text, line.line).replace(/(^|[^\\])\*/g, '$1x').replace(/\\\*/g, '*');
}

function usualText(code: string, target: ReplyTarget): string {
  if (target.kind === 'greeting' && code[0] === '2') return 'localhost ESMTP smtp-transcript mock';
  if (listedOpening(code) === 'auth-response') return '';
  const text = lookupReplyCode(code)?.text ?? 'OK';
  return text.replace('<domain> ', 'localhost ').replace('<domain>', 'localhost');
}
