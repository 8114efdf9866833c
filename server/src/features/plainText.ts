// What a client that takes no snippets or no Markdown gets instead (its initialize capabilities say so): the text a
// snippet inserts with each placeholder's default, and Markdown read as plain text.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';

/** A VS Code snippet as the text it inserts when every placeholder keeps its default (`${1|a,b|}` -> `a`). */
export function snippetAsPlainText(snippet: string): string {
  return readSnippet(snippet, 0, false).text;
}

function readSnippet(snippet: string, from: number, inPlaceholder: boolean): { text: string; next: number } {
  let text = '';
  let i = from;
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '\\$}'.includes(snippet[i + 1])) {
      text += snippet[i + 1];
      i += 2;
    } else if (c === '}' && inPlaceholder) {
      return { text, next: i + 1 };
    } else if (c === '$' && /^\$\d/.test(snippet.slice(i, i + 2))) {
      i += /^\$\d+/.exec(snippet.slice(i))![0].length;
    } else if (c === '$' && /^\$\{\d/.test(snippet.slice(i, i + 3))) {
      i += /^\$\{\d+/.exec(snippet.slice(i))![0].length;
      if (snippet[i] === ':') {
        const inner = readSnippet(snippet, i + 1, true);
        text += inner.text;
        i = inner.next;
      } else if (snippet[i] === '|') {
        const choice = readChoice(snippet, i + 1);
        text += choice.first;
        i = choice.next;
      } else i += 1; // `${1}`
    } else {
      text += c;
      i += 1;
    }
  }
  return { text, next: i };
}

/** `a,b|}` from `from`: the first choice (escapes `\,` `\|` read) and where the placeholder ends. */
function readChoice(snippet: string, from: number): { first: string; next: number } {
  let first = '';
  let i = from;
  let done = false;
  while (i < snippet.length && !snippet.startsWith('|}', i)) {
    if (snippet[i] === '\\' && i + 1 < snippet.length) {
      if (!done) first += snippet[i + 1];
      i += 2;
      continue;
    }
    if (snippet[i] === ',') done = true;
    else if (!done) first += snippet[i];
    i += 1;
  }
  return { first, next: i + 2 };
}

/** Markdown read as plain text: code fences and emphasis dropped, inline code unquoted, a link as `text (url)`. */
export function markdownAsPlainText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^(```|~~~~)\w*$/.test(line))
    .map(plainLine)
    .join('\n');
}

/** Inline code (a run of backticks to the same run, `inlineCode` in markdown.ts) kept as it is, the prose around it read. */
function plainLine(line: string): string {
  const code = /(`+)(.+?)\1(?!`)/g;
  let plain = '';
  let last = 0;
  for (let match = code.exec(line); match; match = code.exec(line)) {
    plain += plainProse(line.slice(last, match.index)) + stripPadding(match[2]);
    last = match.index + match[0].length;
  }
  return plain + plainProse(line.slice(last));
}

/** `` `` `x` `` `` is padded with a space on each side so its backticks stand apart. */
function stripPadding(code: string): string {
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code;
}

function plainProse(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*?)\*(?=$|[\s).,:;])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

/** A hover in Markdown as plain text. */
export function plainTextHover(hover: Hover): Hover {
  const contents = hover.contents;
  if (typeof contents !== 'object' || !('kind' in contents) || contents.kind !== MarkupKind.Markdown) return hover;
  return { ...hover, contents: { kind: MarkupKind.PlainText, value: markdownAsPlainText(contents.value) } };
}
