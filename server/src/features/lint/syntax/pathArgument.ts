// Framing of the MAIL/RCPT argument (RFC 5321 §4.1.1.2, §4.1.1.3): `FROM:` / `TO:`, the path, then ESMTP parameters.
// Offsets are relative to `Command.argument`; the rules turn them into ranges.
import type { Command } from '../../../model/types';
import { scratchMemo } from '../sessionScratch';
import { forEachWord, startsWithIgnoringCase } from '../textScan';

export interface PathArgument {
  keyword: 'FROM' | 'TO';
  /** Offset just after `FROM:` / `TO:`; undefined when the argument does not start with it. */
  prefixEnd?: number;
  /** Spaces between the colon and the path (RFC 5321 allows none). */
  spacesAfterColon: number;
  path?: WrittenPath;
  /** Text between the path and the parameters that is not a space (`<a@b>x`). */
  junkAfterPath?: { start: number; end: number };
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

export interface ParameterToken {
  text: string;
  start: number;
  end: number;
}

const PREFIXES = { FROM: 'FROM:', TO: 'TO:' } as const;
// Path, parameter, line length and message rules all read the same commands: frame each once per session checked.
export const parsePathArgument: (command: Command) => PathArgument = scratchMemo(framePathArgument);

function framePathArgument(command: Command): PathArgument {
  const keyword = command.verb === 'MAIL' ? 'FROM' : 'TO';
  const argument = command.argument;
  const prefix = PREFIXES[keyword];
  if (!startsWithIgnoringCase(argument, prefix)) return { keyword, spacesAfterColon: 0, parameters: [] };
  const prefixEnd = prefix.length;
  let at = prefixEnd;
  while (argument[at] === ' ') at++;
  const spacesAfterColon = at - prefixEnd;
  const path = readPath(argument, at);
  const result: PathArgument = { keyword, prefixEnd, spacesAfterColon, parameters: [] };
  if (!path) return result;
  result.path = path;
  if (!path.closed) return result;
  let rest = path.end;
  if (rest < argument.length && argument[rest] !== ' ') {
    const junkEnd = argument.indexOf(' ', rest) < 0 ? argument.length : argument.indexOf(' ', rest);
    result.junkAfterPath = { start: rest, end: junkEnd };
    rest = junkEnd;
  }
  forEachWord(argument, rest, (start, end) => result.parameters.push({ text: argument.slice(start, end), start, end }));
  return result;
}

function readPath(argument: string, start: number): WrittenPath | undefined {
  if (start >= argument.length) return undefined;
  if (argument[start] !== '<') {
    const end = argument.indexOf(' ', start) < 0 ? argument.length : argument.indexOf(' ', start);
    const text = argument.slice(start, end);
    return { text, start, end, bracketed: false, closed: true, inner: text, innerStart: start };
  }
  const close = closingBracket(argument, start + 1);
  const end = close === undefined ? argument.length : close + 1;
  const text = argument.slice(start, end);
  return {
    text,
    start,
    end,
    bracketed: true,
    closed: close !== undefined,
    inner: argument.slice(start + 1, close ?? argument.length),
    innerStart: start + 1,
  };
}

/** The `>` closing a path, skipping a quoted local part (`<"a>b"@example.com>`). */
function closingBracket(text: string, from: number): number | undefined {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '>') return i;
  }
  return undefined;
}
