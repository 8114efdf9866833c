// What hover and completion say about a scripted server's marker (`S: <delay 2s>`), from knowledge/serverFaults.ts.
import { SERVER_MARKERS, type ServerMarkerName } from '../knowledge/serverFaults';
import { specMarkdownLink } from '../knowledge/rfc';
import { markdown } from './markdown';
import type { MarkupContent } from 'vscode-languageserver-types';

export function serverMarkerDocumentation(name: ServerMarkerName): MarkupContent {
  const spec = SERVER_MARKERS[name];
  const replay =
    spec.placement === 'ending' || name === 'cut'
      ? 'Only `smtp-transcript mock` plays it: replay skips a session that holds it.'
      : 'Only `smtp-transcript mock` plays it: replay ignores it and compares the reply as written.';
  return markdown(`**\`S: ${spec.syntax}\`** ${spec.summary}`, `${spec.why} (${specMarkdownLink(spec.ref)})`, replay);
}
