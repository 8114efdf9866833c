// After `C: BDAT `: the chunk size (RFC 3030 §2), counted from the chunk lines written below when they hold neither
// an include nor a `{{...}}` reference (both are only known at replay), and `*` to have replay count it.
import type { CompletionItem, Position, Range } from 'vscode-languageserver-types';
import { CRLF_OCTETS, lineOctets } from '../../dialogue/framing';
import type { Command, Transcript } from '../../model/types';
import { markdown } from '../markdown';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { argumentStart, payloadEnd } from '../../model/lineRanges';

/** The chunk lines below a BDAT line: their octets, or why they cannot be counted; `last` unless another BDAT follows. */
export interface WrittenChunk {
  lines: number;
  octets?: number;
  uncountable?: 'include' | 'reference';
  last: boolean;
}

const DOCUMENTATION = markdown(
  '**BDAT** *octets* [**LAST**] sends the next chunk of the message: exactly *octets* octets follow the command, and `LAST` marks the final chunk (RFC 3030 §2).',
  'Each `C:` line of the chunk counts its text plus CRLF. `BDAT * LAST` has replay count the chunk (with includes and variables substituted); such a chunk runs to the next `S:` line.',
);

/** `secondWord`: the cursor is after the size, where only `LAST` may follow; undefined on the size itself. */
export function bdatCompletions(transcript: Transcript, command: Command, position: Position, secondWord: Range | undefined): CompletionItem[] {
  if (secondWord) {
    if (!/^(\d+|\*) /.test(command.argument)) return [];
    return completionItems(secondWord, [
      { label: 'LAST', kind: CompletionItemKind.Keyword, insert: 'LAST', detail: 'the final chunk of the message', documentation: DOCUMENTATION },
    ]);
  }
  const chunk = writtenChunk(transcript, command.line.line);
  const last = chunk.last ? ' LAST' : '';
  const counted = chunk.lines > 0 && chunk.octets !== undefined;
  const size: ItemSpec = {
    label: counted ? `${chunk.octets}${last}` : `octets${last}`,
    kind: CompletionItemKind.Value,
    insert: `\${1:${counted ? chunk.octets : 'octets'}}${last}`,
    detail: counted ? `the ${chunk.lines} chunk line${chunk.lines === 1 ? '' : 's'} below: ${chunk.octets} octets` : 'the chunk size in octets',
    documentation: DOCUMENTATION,
    tier: chunk.uncountable ? 1 : 0,
  };
  const computed: ItemSpec = {
    label: `*${last}`,
    kind: CompletionItemKind.Value,
    insert: `*${last}`,
    detail: chunk.uncountable ? `counted at replay (the chunk has ${chunk.uncountable === 'include' ? 'an include' : 'a {{...}} reference'})` : 'counted at replay',
    documentation: DOCUMENTATION,
    tier: chunk.uncountable ? 0 : 1,
  };
  const end = payloadEnd(command.line);
  return completionItems(lineRange(position.line, argumentStart(command), end), [size, computed]);
}

/** Reads the file's lines under the BDAT line up to the next `S:` line (or the next BDAT, or anything else). */
export function writtenChunk(transcript: Transcript, bdatLine: number): WrittenChunk {
  const chunk: WrittenChunk = { lines: 0, octets: 0, last: true };
  for (let at = bdatLine + 1; at < transcript.lines.length; at++) {
    const text = transcript.lines[at];
    if (text.trim() === '' || (text.startsWith('#') && !text.startsWith('###'))) continue;
    if (text.startsWith('<')) {
      chunk.lines++;
      chunk.uncountable ??= 'include';
      continue;
    }
    if (!/^[Cc]:/.test(text)) break;
    const payload = text.slice(text[2] === ' ' ? 3 : 2);
    if (/^BDAT /i.test(payload)) {
      chunk.last = false;
      break;
    }
    chunk.lines++;
    if (payload.includes('{{')) chunk.uncountable ??= 'reference';
    // Each chunk line is sent with CRLF (docs/transcript-format.md, "BDAT chunks").
    chunk.octets! += lineOctets(payload) + CRLF_OCTETS;
  }
  if (chunk.uncountable) delete chunk.octets;
  return chunk;
}
