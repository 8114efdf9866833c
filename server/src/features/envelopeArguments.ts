// The arguments of MAIL and RCPT as the editor's features and lint's protocol checks use them: the dialogue core's
// framing (dialogue/pathArgument.ts, RFC 5321 §4.1.2) with the ranges of the keyword, the path and each parameter.
import { parameterKeyword, parameterValue, readPathArgument, type ParameterToken, type PathArgument } from '../dialogue/pathArgument';
import type { Command, Position, Range } from '../model/types';
import { argumentStart } from '../model/lineRanges';

export interface EnvelopeParameter {
  keyword: string;
  keywordRange: Range;
  value?: string;
  valueRange?: Range;
  /** The whole parameter as written, keyword to value. */
  range: Range;
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

// Lint's state machine, its syntax rules and the token walk each ask for the same command's arguments: read once.
const parsed = new WeakMap<Command, EnvelopeArguments>();

/** The command's path and parameters; the same object every time for the same command (callers must not change it). */
export function parseEnvelopeArguments(command: Command): EnvelopeArguments {
  let envelope = parsed.get(command);
  if (!envelope) {
    envelope = envelopeArgumentsFrom(command, readPathArgument(command.verb === 'MAIL' ? 'MAIL' : 'RCPT', command.argument));
    parsed.set(command, envelope);
  }
  return envelope;
}

/** The MAIL/RCPT command's argument as framed by the dialogue core, with ranges (lint keeps its own memo of both). */
export function envelopeArgumentsFrom(command: Command, framed: PathArgument): EnvelopeArguments {
  return new ReadArguments({ line: command.line.line, character: argumentStart(command) }, framed);
}

// Ranges are made when asked for: every MAIL and RCPT of a file is read on each lint, and it is kept with the parse,
// while few ranges are ever used (a finding, a hover, a token).
class ReadArguments implements EnvelopeArguments {
  readonly path?: string;
  readonly address?: string;
  readonly parameters: EnvelopeParameter[];

  constructor(
    readonly base: Position,
    private readonly framed: PathArgument,
  ) {
    this.path = framed.path?.text;
    this.address = framed.path?.inner;
    // Mapped, not pushed: a list of its own length (a pushed one grows to room for 16).
    this.parameters = framed.parameters.map((parameter) => new ReadParameter(base, parameter));
  }

  get keywordRange(): Range | undefined {
    return this.framed.prefixEnd === undefined ? undefined : rangeAt(this.base, 0, this.framed.prefixEnd);
  }

  get pathRange(): Range | undefined {
    const path = this.framed.path;
    return path && rangeAt(this.base, path.start, path.end);
  }
}

class ReadParameter implements EnvelopeParameter {
  readonly keyword: string;
  readonly value?: string;

  constructor(
    private readonly base: Position,
    private readonly written: ParameterToken,
  ) {
    this.keyword = parameterKeyword(written);
    const value = parameterValue(written);
    if (value !== undefined) this.value = value;
  }

  get keywordRange(): Range {
    return rangeAt(this.base, this.written.start, this.written.start + this.keyword.length);
  }

  get valueRange(): Range | undefined {
    return this.value === undefined ? undefined : rangeAt(this.base, this.written.equals + 1, this.written.end);
  }

  get range(): Range {
    return rangeAt(this.base, this.written.start, this.written.end);
  }
}

function rangeAt(base: Position, start: number, end: number): Range {
  return { start: { line: base.line, character: base.character + start }, end: { line: base.line, character: base.character + end } };
}
