// The arguments of MAIL and RCPT split into the path and the ESMTP parameters (RFC 5321 §4.1.2:
// `MAIL FROM:<reverse-path> [SP Mail-parameters]`, parameters `esmtp-keyword ["=" esmtp-value]`).
import type { Command, Position, Range } from '../model/types';
import { argumentStart } from '../model/lineRanges';

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

/** `parseEnvelopeArguments` without the memo (lint keeps its own, for the session it checks). */
export function readEnvelopeArguments(command: Command): EnvelopeArguments {
  const text = command.argument;
  const result = new ReadArguments({ line: command.line.line, character: argumentStart(command) });
  const parameters = result.parameters;
  // No regex: this runs once for every MAIL and RCPT of the file.
  const keyword = startsWithIgnoringCase(text, KEYWORDS[0]) ? KEYWORDS[0] : startsWithIgnoringCase(text, KEYWORDS[1]) ? KEYWORDS[1] : undefined;
  if (!keyword) return result;
  result.keywordEnd = keyword.length;
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
    result.pathStart = pathStart;
    result.address = withoutBrackets(path);
  }
  while (i < text.length) {
    while (text[i] === ' ') i++;
    const start = i;
    while (i < text.length && text[i] !== ' ') i++;
    if (i === start) break;
    // Keyword and value are cut from the argument itself: no copy of the whole word on the way.
    let equals = start;
    while (equals < i && text[equals] !== '=') equals++;
    parameters.push(new ReadParameter(result.base, text, start, equals < i ? equals : -1, i));
  }
  return result;
}

// Ranges are made when asked for: every MAIL and RCPT of a file is read on each lint, and it is kept with the parse,
// while few ranges are ever used (a finding, a hover, a token).
class ReadArguments implements EnvelopeArguments {
  path?: string;
  address?: string;
  parameters: EnvelopeParameter[] = [];
  /** Offsets in the argument text; -1 when absent. */
  keywordEnd = -1;
  pathStart = -1;

  constructor(readonly base: Position) {}

  get keywordRange(): Range | undefined {
    return this.keywordEnd < 0 ? undefined : rangeAt(this.base, 0, this.keywordEnd);
  }

  get pathRange(): Range | undefined {
    return this.path === undefined ? undefined : rangeAt(this.base, this.pathStart, this.pathStart + this.path.length);
  }
}

class ReadParameter implements EnvelopeParameter {
  readonly keyword: string;
  readonly value?: string;

  /** `text.slice(start, end)` is the word; `equals`, the offset of its first `=` in `text`, or -1. */
  constructor(
    private readonly base: Position,
    text: string,
    private readonly start: number,
    equals: number,
    end: number,
  ) {
    this.keyword = text.slice(start, equals < 0 ? end : equals);
    if (equals >= 0) this.value = text.slice(equals + 1, end);
  }

  get keywordRange(): Range {
    return rangeAt(this.base, this.start, this.start + this.keyword.length);
  }

  get valueRange(): Range | undefined {
    if (this.value === undefined) return undefined;
    const end = this.start + this.keyword.length + 1 + this.value.length;
    return rangeAt(this.base, end - this.value.length, end);
  }
}

function rangeAt(base: Position, start: number, end: number): Range {
  return { start: { line: base.line, character: base.character + start }, end: { line: base.line, character: base.character + end } };
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
