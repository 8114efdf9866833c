// The reply-line grammar, written once (RFC 5321 §4.2): Reply-line = Reply-code [ SP textstring ] CRLF, and a `-`
// after the code says more lines of the same reply follow (§4.2.1). Read character by character: the parser runs
// it on every `S:` line.

/** `-`: more lines follow; ` ` or nothing (a bare code): the last line of the reply. */
export type ReplySeparator = ' ' | '-' | '';

/**
 * Which codes count: `wire` any three digits (what a server may send, judged later); `valid` the codes RFC 5321
 * §4.2.1 gives a meaning (first digit 2-5, second 0-5); `expectation` digits or the transcript's wildcard `x`/`X`.
 */
export type ReplyCodeSet = 'wire' | 'valid' | 'expectation';

export interface ReplyLineParts {
  readonly code: string;
  readonly separator: ReplySeparator;
  readonly text: string;
}

const SPACE = 0x20;
const DASH = 0x2d;

function isDigit(c: number, low = 0x30, high = 0x39): boolean {
  return c >= low && c <= high;
}

function isWildcard(c: number): boolean {
  return c === 0x78 || c === 0x58;
}

/** 3 when `text` starts with a reply code of `codes`, else 0. */
export function replyCodeEnd(text: string, codes: ReplyCodeSet): 0 | 3 {
  if (text.length < 3) return 0;
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(1);
  const c = text.charCodeAt(2);
  switch (codes) {
    case 'wire':
      return isDigit(a) && isDigit(b) && isDigit(c) ? 3 : 0;
    case 'valid':
      return isDigit(a, 0x32, 0x35) && isDigit(b, 0x30, 0x35) && isDigit(c) ? 3 : 0;
    case 'expectation':
      return (isDigit(a) || isWildcard(a)) && (isDigit(b) || isWildcard(b)) && (isDigit(c) || isWildcard(c)) ? 3 : 0;
  }
}

/** What follows a code: ` `, `-`, or `` at the end of the line; undefined when anything else does. */
export function separatorAt(text: string): ReplySeparator | undefined {
  if (text.length === 3) return '';
  const c = text.charCodeAt(3);
  return c === SPACE ? ' ' : c === DASH ? '-' : undefined;
}

/** Code, separator and text of a reply line; undefined when `text` is none. The text may hold any character. */
export function splitReplyLine(text: string, codes: ReplyCodeSet): ReplyLineParts | undefined {
  if (replyCodeEnd(text, codes) === 0) return undefined;
  const separator = separatorAt(text);
  if (separator === undefined) return undefined;
  return { code: text.slice(0, 3), separator, text: text.slice(4) };
}

/** RFC 5321 §4.2: textstring = 1*(%d09 / %d32-126): a reply's text holds no control character but HT. */
const REPLY_TEXT_CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/;
const REPLY_TEXT_CONTROL_CHARACTERS = new RegExp(REPLY_TEXT_CONTROL_CHARACTER.source, 'g');

/**
 * The first control character `text` holds that a reply's text may not (NUL, a CR or LF, ESC, DEL...), or undefined:
 * what a server would put into a reply from elsewhere (a client's text) is asked here before it is sent.
 */
export function replyTextControlCharacter(text: string): string | undefined {
  return REPLY_TEXT_CONTROL_CHARACTER.exec(text)?.[0];
}

/** `text` shown in a reply's text: each control character it may not hold written as `\xHH` (a CR as `\x0d`). */
export function shownInReplyText(text: string): string {
  return text.replace(REPLY_TEXT_CONTROL_CHARACTERS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `250-text` back from its parts. */
export function joinReplyLine(parts: ReplyLineParts): string {
  return parts.code + parts.separator + parts.text;
}

/** RFC 5321 §4.2.1: a line whose code is followed by `-` continues the reply; any other line ends it. */
export function continuesReply(separator: ReplySeparator): boolean {
  return separator === '-';
}

/** RFC 5321 §4.2.1: every line of a multiline reply carries the same code. */
export function sameReplyCode(first: { readonly code: string }, next: { readonly code: string }): boolean {
  return first.code === next.code;
}

/** `250 ok` typed where a transcript line belongs: first digit 2-5 (or a lower-case `x`), two digits, an end. */
export function looksLikeReplyLine(text: string): boolean {
  if (text.length < 3) return false;
  const a = text.charCodeAt(0);
  if (!(isDigit(a, 0x32, 0x35) || a === 0x78) || !isDigit(text.charCodeAt(1)) || !isDigit(text.charCodeAt(2))) return false;
  return separatorAt(text) !== undefined;
}
