// What a recorded EHLO reply advertises (RFC 5321 §4.1.1.1): one keyword per line after the first, with parameters.
import type { EhloCapabilities } from '../../../dialogue/sessionState';
import type { ReplyExpectation, ReplyLine } from '../../../model/types';
import { scratchMemo } from '../sessionScratch';
import { detachedCopy } from '../textScan';
import { readEhloLine } from './ehloLine';

export type { EhloCapabilities };

/**
 * The capabilities an EHLO reply lists, or undefined when the transcript does not record them: a one-line reply
 * (under `@match = code` it also matches a server listing extensions), `S: ...`, or a keyword line holding a `*`
 * wildcard, a `/regex/` or a `{{variable}}`. The first line is the server's name and may hold anything.
 * Lint's state machine and completion read the same reply again while they walk its session: it is read once.
 */
export const readEhloCapabilities: (reply: ReplyExpectation) => EhloCapabilities | undefined = scratchMemo(readCapabilities);

// Servers answer every EHLO of a file with the same lines: a reply whose keyword lines read as the last one read gets
// its capabilities (the same object: never change it). The texts are copies, so nothing of the parse is kept.
let lastRead: { keywordLines: readonly string[]; wildcardNameLine: boolean; capabilities: EhloCapabilities } | undefined;

function readCapabilities(reply: ReplyExpectation): EhloCapabilities | undefined {
  const lines = reply.lines;
  if (!reply.code?.startsWith('2') || lines.length < 2) return undefined;
  const wildcardNameLine = lines[0].text === '*';
  if (lastRead && lastRead.wildcardNameLine === wildcardNameLine && readsAsBefore(lines, lastRead.keywordLines)) return lastRead.capabilities;
  for (let i = 1; i < lines.length; i++) if (isPattern(lines[i])) return undefined;
  const capabilities = capabilitiesOf(lines, wildcardNameLine);
  lastRead = { keywordLines: lines.slice(1).map((line) => detachedCopy(line.text)), wildcardNameLine, capabilities };
  return capabilities;
}

/** The keyword lines (after the first) are no patterns and hold the texts read before. */
function readsAsBefore(lines: readonly ReplyLine[], keywordLines: readonly string[]): boolean {
  if (lines.length !== keywordLines.length + 1) return false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.text !== keywordLines[i - 1] || line.isEllipsis || line.code === undefined || line.payload.variables.length > 0) return false;
  }
  return true;
}

function capabilitiesOf(lines: readonly ReplyLine[], wildcardNameLine: boolean): EhloCapabilities {
  const keywords = new Map<string, string[]>();
  for (let i = 1; i < lines.length; i++) {
    const { keyword, upperKeyword, params } = readEhloLine(lines[i].text);
    if (keyword === '') continue;
    // A keyword listed again adds its parameters to the list, in place: joining copies made a reply that lists
    // `AUTH` 40,000 times take seconds.
    const earlier = keywords.get(upperKeyword);
    if (earlier) for (const param of params) earlier.push(param);
    else keywords.set(upperKeyword, [...params]);
  }
  const size = Number(keywords.get('SIZE')?.[0]);
  const authMechanisms = new Set<string>();
  for (const mechanism of keywords.get('AUTH') ?? []) authMechanisms.add(mechanism.toUpperCase());
  const capabilities = { keywords, sizeLimit: Number.isInteger(size) && size > 0 ? size : undefined, authMechanisms };
  return wildcardNameLine ? { ...capabilities, wildcardNameLine } : capabilities;
}

function isPattern(line: ReplyLine): boolean {
  if (line.isEllipsis || line.code === undefined || line.payload.variables.length > 0) return true;
  return (line.text.includes('*') && /(^|[^\\])\*/.test(line.text)) || line.text.startsWith('/');
}
