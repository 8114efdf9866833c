// Building blocks for the Markdown shown in hovers and completion documentation, and for completion snippets.
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { specMarkdownLink, type SpecRef } from '../knowledge';

/** Paragraphs joined by blank lines; empty ones dropped. */
export function markdown(...paragraphs: (string | undefined | false)[]): MarkupContent {
  return { kind: MarkupKind.Markdown, value: paragraphs.filter((p): p is string => Boolean(p)).join('\n\n') };
}

export function codeBlock(text: string, language = 'smtp'): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Text shown as written: a reply's standard text holds `<domain>` and `<CRLF>.<CRLF>`, which a Markdown renderer takes
 * for HTML and drops. Backslash escapes (CommonMark §2.4), which `markdownAsPlainText` reads back.
 */
export function literalText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => '\\' + c);
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function specLink(spec: SpecRef): string {
  return specMarkdownLink(spec);
}

/** Text inserted literally inside a VS Code snippet. */
export function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}
