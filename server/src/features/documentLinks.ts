// Document links: the files a transcript names open with Ctrl+click, as imports do in other languages. A `< path`
// include (MIME includes too) and a setting whose value is a path (settings table, `type: 'path'`: `@ca`, `@dkim-key`),
// relative to the transcript as replay reads them. A path made with `{{...}}` is known only at replay, and a document
// without a folder (untitled) has nothing to be relative to: no link.
import type { DocumentLink } from 'vscode-languageserver-types';
import { range, shiftedRange } from '../model/ranges';
import { isInclude } from '../model/contentParts';
import type { Directive, Payload, Session, Transcript } from '../model/types';
import { keptPerSession } from './keptPerSession';
import { lookupDirectiveSetting } from '../settings/registry';
import { isWindowsDocument, withSlashes } from './writtenPaths';

export function getDocumentLinks(transcript: Transcript, documentUri: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const directive of transcript.directives) if (namesFile(directive)) addLink(links, directive.value, documentUri);
  for (const session of transcript.sessions) {
    const kept = sessionLinks(session, documentUri);
    // Kept for another URI (one parse asked about as two documents): made for this one, not kept.
    for (const link of kept.documentUri === documentUri ? kept.links : linksOf(session, documentUri)) links.push(link);
  }
  return links;
}

interface KeptLinks {
  documentUri: string;
  links: readonly DocumentLink[];
}

// Each session's links, kept across edits and moved along with a session that only moved: reading a moved session's
// exchanges parses it again (model/movedSession.ts), and the editor asks for links after every pause in typing.
const sessionLinks = keptPerSession(
  (session: Session, documentUri: string): KeptLinks => ({ documentUri, links: linksOf(session, documentUri) }),
  (kept: KeptLinks, by: number): KeptLinks =>
    kept.links.length === 0 ? kept : { documentUri: kept.documentUri, links: kept.links.map((link) => ({ ...link, range: shiftedRange(link.range, by) })) },
);

function linksOf(session: Session, documentUri: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const directive of session.directives) if (namesFile(directive)) addLink(links, directive.value, documentUri);
  for (const exchange of session.exchanges) {
    if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
    for (const part of exchange.parts) if (isInclude(part)) addLink(links, part.path, documentUri);
  }
  return links;
}

function addLink(links: DocumentLink[], path: Payload, documentUri: string): void {
  const link = linkTo(path, documentUri);
  if (link) links.push(link);
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

/**
 * `path` against the document's URI, as replay resolves it against the transcript's folder (Node's `path.resolve`):
 * `.` and `..` taken, never above the root, and repeated `/` read as one (`//host/x` is a folder, not a URL host). A
 * Windows document (writtenPaths.ts) reads `\` as `/`, `C:\x` and `\\server\share\x` as absolute, and its root is
 * its drive or share. Undefined for a URI without a folder, or a path that names a folder.
 */
function resolvedUri(path: string, documentUri: string): string | undefined {
  let base: URL;
  try {
    base = new URL(documentUri);
  } catch {
    return undefined;
  }
  // An opaque URI (`untitled:Untitled-1`) has no folder.
  if (!base.pathname.startsWith('/')) return undefined;
  const folder = base.pathname.split('/').slice(1, -1);
  const windows = isWindowsDocument(base);
  const written = withSlashes(path, windows);
  let names = written.split('/');
  if (NAMES_A_FOLDER.test(names[names.length - 1])) return undefined;
  // Where the path starts: a drive or share of its own, the document's root, or the document's folder.
  let host = base.host;
  let segments: string[];
  if (windows && WINDOWS_DRIVE.test(names[0])) {
    host = '';
    segments = [encodeURIComponent(names[0])];
    names = names.slice(1);
  } else if (windows && written.startsWith('//')) {
    host = names[2];
    segments = [encodeURIComponent(names[3] ?? '')];
    names = names.slice(4);
  } else segments = written.startsWith('/') ? folder.slice(0, windows ? 1 : 0) : [...folder];
  const root = windows ? 1 : 0;
  for (const name of names) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      if (segments.length > root) segments.pop();
    } else segments.push(encodeURIComponent(name));
  }
  // `vscode-notebook-cell:/x/y.smtp` has no authority, `file:` always has one (empty on a local disk).
  const authority = host !== '' || documentUri.startsWith(`${base.protocol}//`) ? `//${host}` : '';
  return `${base.protocol}${authority}/${segments.join('/')}`;
}

// The last name is empty (`dir/`), `.` or `..`: a folder, which replay cannot send.
const NAMES_A_FOLDER = /^\.{0,2}$/;
const WINDOWS_DRIVE = /^[A-Za-z]:$/;
