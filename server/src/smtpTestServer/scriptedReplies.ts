// The `S:` lines of a transcript as the scripted server sends them: as written, with what only an expectation can
// say (a `2xx` class, a `*` wildcard, a `/regex/`) made concrete, so a client gets a well-formed reply.
import { isAuthDialogue, listedOpening, type ReplyTarget } from '../dialogue/dialogueState';
import { isHelloVerb } from '../dialogue/helloName';
import { CRLF_OCTETS, withinOctets } from '../dialogue/framing';
import { replyCodeEnd, shownInReplyText } from '../dialogue/replyLine';
import { SMTP_SIZE_LIMITS } from '../knowledge/limits';
import { GREETING_REPLY_CODES, lookupReplyCode } from '../knowledge/replyCodes';
import type { ReplySet } from '../knowledge/verbSpec';
import { VERB_SPECS } from '../knowledge/verbs';
import type { Exchange, ReplyExpectation, ReplyLine } from '../model/types';
import { targetOf } from '../model/dialogueEvents';

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
 * `keywords` (an EHLO reply's, scriptedEhlo.ts) go where the reply leaves its lines open after the first: in place of
 * `S: ...`, or of the first line written only as a wildcard, leaving out those the reply writes itself.
 */
export function replyLines(reply: ReplyExpectation, target: ReplyTarget, resolve: (text: string, line: number) => string, keywords: readonly string[] = []): string[] {
  const written: { code: string; enhanced: string; text: string }[] = [];
  let open = keywords.filter((keyword) => !reply.lines.some((line, i) => i > 0 && line.text.trim().split(/[ =]/)[0].toUpperCase() === keyword.split(' ')[0]));
  reply.lines.forEach((line, index) => {
    const slot = index > 0 && open.length > 0 && (line.isEllipsis || (line.code !== undefined && isOnlyExpectation(line.text.trim())));
    if (slot) {
      const code = concreteCode(line.code ?? reply.code ?? '250', target);
      for (const keyword of open) written.push({ code, enhanced: '', text: keyword });
      open = [];
      return;
    }
    if (line.isEllipsis || line.code === undefined) return;
    const code = concreteCode(line.code, target);
    const enhanced = line.enhancedCode ? `${line.enhancedCode.replace(/[xX]/g, '0')} ` : '';
    written.push({ code, enhanced, text: lineText(line, code, target, resolve, index === 0) });
    // A one-line reply written only as an expectation (`S: 250 *`) takes any reply, a multi-line one too (as replay
    // matches it): the keywords follow its first line.
    if (reply.lines.length === 1 && open.length > 0 && isOnlyExpectation(line.text.trim())) {
      for (const keyword of open) written.push({ code, enhanced: '', text: keyword });
      open = [];
    }
  });
  return written.map(({ code, enhanced, text }, index) => `${code}${index < written.length - 1 ? '-' : ' '}${enhanced}${text}`);
}

/**
 * `replyLines` of a reply that comes out the same on every connection - no `{{...}}` in it and no fresh AUTH challenge -
 * made once: a mock under load sends the same script's replies thousands of times. Read-only.
 */
export function fixedReplyLines(reply: ReplyExpectation, make: () => string[]): readonly string[] {
  const known = fixedReplies.get(reply);
  if (known) return known;
  const lines = make();
  if (reply.lines.every((line) => !line.text.includes('{') && !(line.code?.startsWith('3') && line.text.trim() === '*'))) fixedReplies.set(reply, lines);
  return lines;
}

const fixedReplies = new WeakMap<ReplyExpectation, string[]>();

/** `*`, a `/regex/` or nothing: what only an expectation can say. */
function isOnlyExpectation(written: string): boolean {
  return written === '' || written === '*' || /^\/.*\/[a-z]*$/s.test(written);
}

function lineText(line: ReplyLine, code: string, target: ReplyTarget, resolve: (text: string, line: number) => string, first: boolean): string {
  const written = line.text.trim();
  // An AUTH challenge (334) written as `*` is a fresh CRAM-MD5 one; any other challenge text is sent as written.
  if (listedOpening(code) === 'auth-response' && written === '*') return freshChallenge();
  if (isOnlyExpectation(written)) return usualText(code, target, first);
  return resolve(line.text, line.line).replace(/(^|[^\\])\*/g, '$1x').replace(/\\\*/g, '*');
}

function usualText(code: string, target: ReplyTarget, first: boolean): string {
  if (target.kind === 'greeting' && code[0] === '2') return 'localhost ESMTP smtp-transcript mock';
  // RFC 5321 §4.1.1.1: the reply to EHLO or HELO starts with the server's domain.
  if (first && target.kind === 'command' && target.verb !== undefined && isHelloVerb(target.verb) && code[0] === '2') return 'localhost Hello';
  if (listedOpening(code) === 'auth-response') return '';
  const text = lookupReplyCode(code)?.text ?? 'OK';
  return text.replace('<domain> ', 'localhost ').replace('<domain>', 'localhost');
}

/**
 * The reply that tells a client it deviated from the transcript: what the line expects, cut to fit a reply line
 * (RFC 5321 §4.5.3.1.5: 512 octets with CRLF; an expected text of non-ASCII characters is counted in octets), its
 * control characters (a `{{$cr}}`, an ESC the line writes) shown as `\xHH`: a reply's text holds none (§4.2).
 */
export function deviationReply(line: number, expected: string): string {
  return withinOctets(`554 5.5.0 smtp-transcript mock: line ${line + 1} of the transcript expects ${shownInReplyText(expected)}`, SMTP_SIZE_LIMITS.replyLine.octets - CRLF_OCTETS);
}

/**
 * The refusal of a command or AUTH line that carried a control character into a capture (capturedValues.ts): RFC 3463
 * X.5.2, a syntax error, as the local server refuses control characters in a command (RFC 5321 §4.1.2).
 */
export function refusedCaptureReply(line: number): string {
  return `500 5.5.2 smtp-transcript mock: line ${line + 1} of the transcript captures text for its replies, which hold no control characters`;
}

/**
 * The deviation reply to a line ended with a bare LF: the text the line expects is what the client sent, so the
 * reply says what was wrong instead (RFC 5321 §2.3.8; RFC 3463 X.5.2, a syntax error).
 */
export function bareLfReply(line: number): string {
  return `554 5.5.2 smtp-transcript mock: line ${line + 1} of the transcript: the client ended it with a bare LF, not CRLF`;
}

/**
 * What a client that says nothing for the timeout hears before the connection closes, as a server's own timeout
 * says it (RFC 5321 §3.8, §4.5.3.2; Postfix: `421 4.4.2 ... Error: timeout exceeded`).
 */
export function timeoutReply(line: number, ms: number): string {
  return `421 4.4.2 smtp-transcript mock: line ${line + 1} of the transcript: nothing came from the client for ${ms} ms`;
}

/** What a client still connected hears when the scripted server stops (RFC 5321 §3.8: a server shutting down). */
export const SHUTTING_DOWN_REPLY = '421 4.3.2 smtp-transcript mock: the server is shutting down';

/** LMTP (RFC 2033 §4.2): the wire lines of a message end's replies for its further recipients, each made as `replyLines` does. */
export function recipientReplyLines(exchange: Exchange, replies: readonly ReplyExpectation[], resolve: (text: string, line: number) => string): string[] {
  return replies.flatMap((reply) => fixedReplyLines(reply, () => replyLines(reply, targetOf(exchange), resolve)));
}
