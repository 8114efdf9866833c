// Document links: the files a transcript names open with Ctrl+click, as imports do in other languages. A `< path`
// include (MIME includes too) and a setting whose value is a path (settings table, `type: 'path'`: `@ca`, `@dkim-key`),
// relative to the transcript as replay reads them. A path made with `{{...}}` is known only at replay, and a document
// without a folder (untitled) has nothing to be relative to: no link.
import type { DocumentLink } from 'vscode-languageserver-types';
import { range } from '../model/ranges';
import type { Directive, Payload, Transcript } from '../model/types';
import { lookupDirectiveSetting } from '../settings/registry';

export function getDocumentLinks(transcript: Transcript, documentUri: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  const add = (path: Payload) => {
    const link = linkTo(path, documentUri);
    if (link) links.push(link);
  };
  const directives = (list: readonly Directive[]) => {
    for (const directive of list) if (namesFile(directive)) add(directive.value);
  };
  directives(transcript.directives);
  for (const session of transcript.sessions) {
    directives(session.directives);
    for (const exchange of session.exchanges) {
      if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
      for (const part of exchange.parts) if (part.kind === 'include') add(part.include.path);
    }
  }
  return links;
}

/** `@ca = ./ca.pem`; not a value that is the PEM itself (`@dkim-key = -----BEGIN ...`). */
function namesFile(directive: Directive): boolean {
  return lookupDirectiveSetting(directive.name)?.type === 'path' && !directive.value.text.trimStart().startsWith('-----BEGIN');
}

function linkTo(path: Payload, documentUri: string): DocumentLink | undefined {
  const written = path.text.trim();
  if (written === '' || path.variables.length > 0) return undefined;
  const target = resolvedUri(written, documentUri);
  if (target === undefined) return undefined;
  const start = path.character + path.text.length - path.text.trimStart().length;
  return { range: range(path.line, start, start + written.length), target, tooltip: `Open ${written}` };
}

/** `path` against the document's URI, as a file path is against its folder; undefined for a URI without a folder. */
function resolvedUri(path: string, documentUri: string): string | undefined {
  // Each segment escaped: `#`, `?` and `%` are characters of a file name, not parts of a URI.
  const relative = path.split('/').map(encodeURIComponent).join('/');
  try {
    const base = new URL(documentUri);
    // An opaque URI (`untitled:Untitled-1`) has no folder.
    if (!base.pathname.startsWith('/')) return undefined;
    return new URL(relative, base).href;
  } catch {
    return undefined;
  }
}
