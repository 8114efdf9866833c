// The arguments of MAIL and RCPT split into the path and the ESMTP parameters (RFC 5321 §4.1.2:
// `MAIL FROM:<reverse-path> [SP Mail-parameters]`, parameters `esmtp-keyword ["=" esmtp-value]`).
import type { Command, Range } from '../model/types';

export interface EnvelopeParameter {
  keyword: string;
  keywordRange: Range;
  value?: string;
  valueRange?: Range;
}

export interface EnvelopeArguments {
  /** `FROM:` or `TO:` as written, when present. */
  keywordRange?: Range;
  /** The path as written, brackets included (`<a@example.org>`). */
  path?: string;
  pathRange?: Range;
  /** The address inside the brackets. */
  address?: string;
  parameters: EnvelopeParameter[];
}

const KEYWORDS = ['FROM:', 'TO:'] as const;

// Lint's state machine, its syntax rules and the token walk each ask for the same command's arguments: read once.
const parsed = new WeakMap<Command, EnvelopeArguments>();

/** The command's path and parameters; the same object every time for the same command (callers must not change it). */
export function parseEnvelopeArguments(command: Command): EnvelopeArguments {
  let envelope = parsed.get(command);
  if (!envelope) {
    envelope = readEnvelopeArguments(command);
    parsed.set(command, envelope);
  }
  return envelope;
}

function readEnvelopeArguments(command: Command): EnvelopeArguments {
  const text = command.argument;
  const line = command.argumentRange.start.line;
  const base = command.argumentRange.start.character;
  const at = (start: number, end: number): Range => ({ start: { line, character: base + start }, end: { line, character: base + end } });
  const result: EnvelopeArguments = { parameters: [] };
  // No regex: this runs once for every MAIL and RCPT of the file.
  const keyword = KEYWORDS.find((candidate) => startsWithIgnoringCase(text, candidate));
  if (!keyword) return result;
  result.keywordRange = at(0, keyword.length);
  let i = keyword.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const pathStart = i;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    i = close < 0 ? text.length : close + 1;
  } else {
    while (i < text.length && text[i] !== ' ') i++;
  }
  if (i > pathStart) {
    const path = text.slice(pathStart, i);
    result.path = path;
    result.pathRange = at(pathStart, i);
    result.address = withoutBrackets(path);
  }
  while (i < text.length) {
    while (text[i] === ' ') i++;
    const start = i;
    while (i < text.length && text[i] !== ' ') i++;
    if (i === start) break;
    const word = text.slice(start, i);
    const equals = word.indexOf('=');
    const name = equals < 0 ? word : word.slice(0, equals);
    const parameter: EnvelopeParameter = { keyword: name, keywordRange: at(start, start + name.length) };
    if (equals >= 0) {
      parameter.value = word.slice(equals + 1);
      parameter.valueRange = at(start + equals + 1, i);
    }
    result.parameters.push(parameter);
  }
  return result;
}

/** The path without its leading `<` and trailing `>` (either may be missing). */
function withoutBrackets(path: string): string {
  const start = path[0] === '<' ? 1 : 0;
  const end = path.length > start && path[path.length - 1] === '>' ? path.length - 1 : path.length;
  return start === 0 && end === path.length ? path : path.slice(start, end);
}

/** `new RegExp('^' + prefix, 'i').test(text)` for an ASCII prefix. */
function startsWithIgnoringCase(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const a = text.charCodeAt(i);
    const b = prefix.charCodeAt(i);
    // `b | 0x20` is the lower-case letter; a non-letter of the prefix (the colon) must match exactly.
    if (a !== b && !(b >= 65 && b <= 90 && (a === (b | 0x20)))) return false;
  }
  return true;
}
