// What a recorded EHLO reply advertises (RFC 5321 §4.1.1.1): one keyword per line after the first, with parameters.
import type { EhloCapabilities } from '../../../dialogue/sessionState';
import type { ReplyExpectation, ReplyLine } from '../../../model/types';

export type { EhloCapabilities };

/**
 * The capabilities an EHLO reply lists, or undefined when the transcript does not record them: a one-line reply
 * (under `@match = code` it also matches a server listing extensions), `S: ...`, or a keyword line holding a `*`
 * wildcard, a `/regex/` or a `{{variable}}`. The first line is the server's name and may hold anything.
 */
export function readEhloCapabilities(reply: ReplyExpectation): EhloCapabilities | undefined {
  // Lint's state machine and completion read the same reply again on every pass over its session: once is enough.
  if (read.has(reply)) return read.get(reply);
  const capabilities = readCapabilities(reply);
  read.set(reply, capabilities);
  return capabilities;
}

const read = new WeakMap<ReplyExpectation, EhloCapabilities | undefined>();

function readCapabilities(reply: ReplyExpectation): EhloCapabilities | undefined {
  if (!reply.code?.startsWith('2') || reply.lines.length < 2) return undefined;
  const keywordLines = reply.lines.slice(1);
  if (keywordLines.some(isPattern)) return undefined;
  const keywords = new Map<string, string[]>();
  for (const line of keywordLines) {
    const [first = '', ...params] = line.text.trim().split(/\s+/);
    // Old servers write `AUTH=PLAIN LOGIN` (a draft syntax) beside or instead of `AUTH PLAIN LOGIN`.
    const [keyword, inlineParam] = first.split('=', 2);
    if (keyword === '') continue;
    const all = inlineParam ? [inlineParam, ...params] : params;
    const upper = keyword.toUpperCase();
    keywords.set(upper, [...(keywords.get(upper) ?? []), ...all]);
  }
  const size = Number(keywords.get('SIZE')?.[0]);
  return {
    keywords,
    sizeLimit: Number.isInteger(size) && size > 0 ? size : undefined,
    authMechanisms: new Set((keywords.get('AUTH') ?? []).map((mechanism) => mechanism.toUpperCase())),
  };
}

function isPattern(line: ReplyLine): boolean {
  if (line.isEllipsis || line.code === undefined || line.payload.variables.length > 0) return true;
  return (line.text.includes('*') && /(^|[^\\])\*/.test(line.text)) || line.text.startsWith('/');
}
