// Hover on a tag name (`d=`, `bh=`, `cv=`) in a DKIM-Signature or ARC header field, on its first line or a folded one.
import type { Hover, Position } from 'vscode-languageserver-types';
import { lookupTagListHeader } from '../../knowledge/authHeaders';
import { rfcLabel, rfcUrl } from '../../knowledge/rfc';
import { containsPosition } from '../../model/ranges';
import { markdown } from '../markdown';
import type { MessageContent } from '../messageSections';

export function authTagHover(message: MessageContent, position: Position): Hover | undefined {
  const index = message.lines.findIndex((l) => l.line.line === position.line);
  if (index < 0) return undefined;
  let owner = index;
  while (owner >= 0 && message.lines[owner].role === 'header-continuation') owner--;
  const field = message.lines[owner];
  if (owner < 0 || field.role !== 'header' || !field.name) return undefined;
  const spec = lookupTagListHeader(field.name);
  if (!spec) return undefined;
  const line = message.lines[index].line;
  const text = line.text;
  const start = line.character;
  const from = owner === index ? field.valueRange!.start.character - start : 0;
  // RFC 6376 §3.2: tag-spec = [FWS] tag-name [FWS] "=" ...; a tag starts the value or follows a `;`.
  const tags = /(^|;)([ \t]*)([A-Za-z][A-Za-z0-9_]*)[ \t]*=/g;
  const value = text.slice(from);
  for (let match = tags.exec(value); match; match = tags.exec(value)) {
    const at = start + from + match.index + match[1].length + match[2].length;
    const range = { start: { line: line.line, character: at }, end: { line: line.line, character: at + match[3].length } };
    if (!containsPosition(range, position)) continue;
    const tag = spec.tags.find((t) => t.tag === match![3].toLowerCase());
    if (!tag) return { contents: markdown(`**${match[3]}=**: not a tag ${spec.name} defines; verifiers ignore unknown tags.`), range };
    const link = `[${rfcLabel(spec.rfc)}](${rfcUrl(spec.rfc)})`;
    return { contents: markdown(`**${tag.tag}=** (${spec.name}): ${tag.summary}`, tag.required ? 'Required.' : 'Optional.', link), range };
  }
  return undefined;
}
