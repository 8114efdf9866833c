// Semantic tokens as LSP sends them (LSP 3.16 `SemanticTokens`): collected per range, then relative-encoded, five
// numbers a token. Encoding can go on after a token already encoded (contentTokenSplice.ts splices edited lines in).
import { allReferences } from '../model/variableReferences';
import { isSecretName } from '../model/secrets';
import type { Payload, Range } from '../model/types';
import { TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifier, type TokenType } from './semanticTokenLegend';

export interface Token {
  line: number;
  start: number;
  end: number;
  type: TokenType;
  modifiers: readonly (TokenModifier | undefined)[];
}

export class TokenCollector {
  readonly tokens: Token[] = [];

  add(range: Range | undefined, type: TokenType, ...modifiers: (TokenModifier | undefined)[]): void {
    if (!range || range.start.line !== range.end.line) return;
    this.push(range.start.line, range.start.character, range.end.character, type, modifiers);
  }

  /** A span of text, leaving out the `{{...}}` references in it (they get tokens of their own). */
  addAround(range: Range, payload: Payload, type: TokenType, ...modifiers: (TokenModifier | undefined)[]): void {
    let start = range.start.character;
    for (const ref of payload.variables) {
      this.push(range.start.line, start, Math.min(ref.range.start.character, range.end.character), type, modifiers);
      start = Math.max(start, ref.range.end.character);
    }
    this.push(range.start.line, start, range.end.character, type, modifiers);
  }

  references(payload: Payload): void {
    for (const ref of allReferences(payload.variables)) {
      if (ref.name.startsWith('$')) this.add(ref.nameRange, 'function', 'defaultLibrary');
      else this.add(ref.nameRange, 'variable', isSecretName(ref.name) ? 'secret' : undefined);
    }
  }

  private push(line: number, start: number, end: number, type: TokenType, modifiers: readonly (TokenModifier | undefined)[]): void {
    if (end <= start) return;
    this.tokens.push({ line, start, end, type, modifiers });
  }
}

/** Where the token encoded last stands: the next token's deltas count from it. */
export interface EncodedPosition {
  line: number;
  start: number;
  end: number;
}

/** LSP's relative encoding: deltaLine, deltaStart, length, type index, modifier bit set. Overlaps are dropped. */
export function encode(tokens: Token[], after: EncodedPosition = { line: 0, start: 0, end: -1 }): number[] {
  tokens.sort((a, b) => a.line - b.line || a.start - b.start);
  const data: number[] = [];
  let previousLine = after.line;
  let previousStart = after.start;
  let previousEnd = after.end;
  for (const token of tokens) {
    if (token.line === previousLine && token.start < previousEnd) continue;
    const deltaLine = token.line - previousLine;
    const deltaStart = deltaLine === 0 ? token.start - previousStart : token.start;
    let bits = 0;
    for (const modifier of token.modifiers) if (modifier) bits |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
    data.push(deltaLine, deltaStart, token.end - token.start, TOKEN_TYPES.indexOf(token.type), bits);
    previousLine = token.line;
    previousStart = token.start;
    previousEnd = token.end;
  }
  return data;
}
