// An edit of a message's content lines, as a fix makes it. A BDAT chunk declares the octets it holds on its BDAT line
// (RFC 3030 §2), and the parser and replay frame the chunk by that count: an edit that adds or takes octets from a
// chunk's line rewrites the count with it, or the chunk would no longer hold the lines it held. `BDAT *` is counted
// when sent, and DATA content ends at its dot: there the edit is all.
import { argumentStart } from '../../../model/lineRanges';
import { range } from '../../../model/ranges';
import type { BdatExchange } from '../../../model/types';
import type { TextEdit } from '../rule';
import type { MessageContent } from './sentMessages';

/**
 * The edits that make `edit` on content line `line`, which changes its octets by `octetsAdded` (negative: taken);
 * undefined when the chunk's count cannot follow (it is unreadable).
 */
export function contentLineEdits(message: MessageContent, line: number, edit: TextEdit, octetsAdded: number): TextEdit[] | undefined {
  if (message.via === 'DATA' || octetsAdded === 0) return [edit];
  const chunk = chunkHolding(message.chunks ?? [], line);
  if (chunk?.declaredSize === undefined) return undefined;
  if (chunk.declaredSize === '*') return [edit];
  // A readable count is the argument's first word, digits only (framing.ts `parseBdatArgument`).
  const start = argumentStart(chunk.command);
  const digits = /^\d+/.exec(chunk.command.argument)?.[0].length ?? 0;
  // Marked as the count, so that fix-all can add up the fixes of one chunk (fixAll.ts) instead of taking one a pass.
  const octetCount = { declared: chunk.declaredSize, added: octetsAdded };
  const count = { range: range(chunk.command.line.line, start, start + digits), newText: String(chunk.declaredSize + octetsAdded), octetCount };
  return [count, edit];
}

/** The chunk whose lines hold file line `line`: the last whose BDAT line comes before it. */
function chunkHolding(chunks: readonly BdatExchange[], line: number): BdatExchange | undefined {
  let holding: BdatExchange | undefined;
  for (const chunk of chunks) {
    if (chunk.command.line.line >= line) break;
    holding = chunk;
  }
  return holding;
}
