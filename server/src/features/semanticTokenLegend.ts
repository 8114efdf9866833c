// The semantic token legend: the adapter announces it, `getSemanticTokens` encodes indexes into it.
import type { SemanticTokensLegend } from 'vscode-languageserver-types';

export const TOKEN_TYPES = [
  'keyword', // a command verb (not DATA content that happens to look like one)
  'string', // message content: header values, body lines, BDAT chunk data; AUTH responses
  'number', // a reply code
  'variable', // `{{name}}` and `@name = ` variable definitions
  'property', // a header field name inside message content
  'parameter', // a MAIL/RCPT parameter keyword (`SIZE=`)
  'operator', // the `.` ending DATA content
  'macro', // a replay setting (`@server`, `@tls`, ...)
  'namespace', // a session name (`### name`)
  'type', // an enhanced status code (`2.1.0`)
  'function', // a built-in (`{{$env NAME}}`)
  'enumMember', // an EHLO keyword in an EHLO reply, an AUTH mechanism
] as const;

export const TOKEN_MODIFIERS = [
  'declaration',
  'defaultLibrary',
  'secret', // a value replay masks: passwords, tokens, AUTH responses
  'success', // 2xx
  'intermediate', // 3xx
  'transient', // 4xx
  'permanent', // 5xx
] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

/** The modifier naming a reply's class by its first digit (RFC 5321 §4.2.1); none for `x`. */
export function replyClassModifier(code: string | undefined): TokenModifier | undefined {
  switch (code?.[0]) {
    case '2':
      return 'success';
    case '3':
      return 'intermediate';
    case '4':
      return 'transient';
    case '5':
      return 'permanent';
    default:
      return undefined;
  }
}
