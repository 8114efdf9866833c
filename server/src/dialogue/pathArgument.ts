// The argument of MAIL and RCPT framed (RFC 5321 §4.1.1.2, §4.1.1.3): `FROM:` / `TO:`, the path, then the ESMTP
// parameters, `esmtp-keyword ["=" esmtp-value]` separated by spaces (§4.1.2). One reading for both sides of the
// dialogue: lint, hover, completion and tokens read a transcript's commands with it, the local and scripted servers
// what a client sent. Offsets are into the argument (the text after the verb and its space). What the path must hold
// (the mailbox grammar) is a question for whoever reads it; the framing only finds where it is.
import { startsWithIgnoringCase } from './caseInsensitive';

export type EnvelopeVerb = 'MAIL' | 'RCPT';

export interface PathArgument {
  keyword: 'FROM' | 'TO';
  /** Offset just after `FROM:` / `TO:`; undefined when the argument does not start with it (in any case). */
  prefixEnd?: number;
  /** Spaces or tabs between the colon and the path (RFC 5321 allows none; servers accept them). */
  spacesAfterColon: number;
  path?: WrittenPath;
  /** Text right after the path that is not a parameter (`<a@b>x`); only after a closed path. */
  junkAfterPath?: { start: number; end: number };
  /** The words after a closed path (and its junk); none after a `<` never closed. */
  parameters: ParameterToken[];
}

export interface WrittenPath {
  /** As written, brackets included when present. */
  text: string;
  start: number;
  end: number;
  bracketed: boolean;
  /** False when `<` is never closed by `>`. */
  closed: boolean;
  /** The text inside the brackets (the whole text when unbracketed). */
  inner: string;
  innerStart: number;
}

/** One parameter as written: `SIZE=1000` (its keyword and value: `parameterKeyword`, `parameterValue`). */
export interface ParameterToken {
  text: string;
  start: number;
  end: number;
  /** Offset of its first `=` in the argument; -1 when it has none (`SMTPUTF8`). */
  equals: number;
}

/** What the path follows: `MAIL FROM:<...>`, `RCPT TO:<...>`. */
export const PATH_PREFIXES = { MAIL: 'FROM:', RCPT: 'TO:' } as const;

/** The keyword, path and parameters of `argument`, the text after `MAIL ` or `RCPT `. */
export function readPathArgument(verb: EnvelopeVerb, argument: string): PathArgument {
  const prefix = PATH_PREFIXES[verb];
  const keyword = verb === 'MAIL' ? 'FROM' : 'TO';
  if (!startsWithIgnoringCase(argument, prefix)) return { keyword, spacesAfterColon: 0, parameters: [] };
  const prefixEnd = prefix.length;
  let at = prefixEnd;
  while (isBlank(argument.charCodeAt(at))) at++;
  const result: PathArgument = { keyword, prefixEnd, spacesAfterColon: at - prefixEnd, parameters: [] };
  const path = readPath(argument, at);
  if (!path) return result;
  result.path = path;
  if (!path.closed) return result;
  let rest = path.end;
  if (rest < argument.length && !isBlank(argument.charCodeAt(rest))) {
    const junkEnd = blankFrom(argument, rest);
    result.junkAfterPath = { start: rest, end: junkEnd };
    rest = junkEnd;
  }
  // Cut from the argument as they come: no list of words made first (every MAIL and RCPT of a file is read).
  while (rest < argument.length) {
    while (isBlank(argument.charCodeAt(rest))) rest++;
    const start = rest;
    let equals = -1;
    while (rest < argument.length && !isBlank(argument.charCodeAt(rest))) {
      if (equals < 0 && argument.charCodeAt(rest) === EQUALS) equals = rest;
      rest++;
    }
    if (rest > start) result.parameters.push({ text: argument.slice(start, rest), start, end: rest, equals });
  }
  return result;
}

/** `SIZE` of `SIZE=1000`, as written. */
export function parameterKeyword(parameter: ParameterToken): string {
  return parameter.equals < 0 ? parameter.text : parameter.text.slice(0, parameter.equals - parameter.start);
}

/** `1000` of `SIZE=1000`; undefined when written without `=`. */
export function parameterValue(parameter: ParameterToken): string | undefined {
  return parameter.equals < 0 ? undefined : parameter.text.slice(parameter.equals - parameter.start + 1);
}

function readPath(argument: string, start: number): WrittenPath | undefined {
  if (start >= argument.length) return undefined;
  if (argument[start] !== '<') {
    const end = blankFrom(argument, start);
    const text = argument.slice(start, end);
    return { text, start, end, bracketed: false, closed: true, inner: text, innerStart: start };
  }
  const close = closingBracket(argument, start + 1);
  const end = close === undefined ? argument.length : close + 1;
  return {
    text: argument.slice(start, end),
    start,
    end,
    bracketed: true,
    closed: close !== undefined,
    inner: argument.slice(start + 1, close ?? argument.length),
    innerStart: start + 1,
  };
}

/** The `>` closing a path, skipping a quoted local part (`<"a>b"@example.com>`, RFC 5321 §4.1.2 Quoted-string). */
function closingBracket(text: string, from: number): number | undefined {
  // Nearly every path holds no quote before its `>`: found by two searches rather than a walk over each character
  // (lint reads every MAIL and RCPT of a file on each run).
  const close = text.indexOf('>', from);
  const quote = text.indexOf('"', from);
  if (quote < 0 || (close >= 0 && close < quote)) return close < 0 ? undefined : close;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '>') return i;
  }
  return undefined;
}

const SPACE = 0x20;
const TAB = 0x09;
const EQUALS = 0x3d;

/** SP or HTAB (RFC 5234 WSP): what separates the words of a command line. */
function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** The offset of the first blank from `start` on, or the text's length. */
function blankFrom(text: string, start: number): number {
  let i = start;
  while (i < text.length && !isBlank(text.charCodeAt(i))) i++;
  return i;
}
