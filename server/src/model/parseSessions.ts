// Text -> its chunks parsed one at a time, for a reader that uses each session once and drops it (lint of a file in
// the CLI): memory for the lines and one session, not for a model of the whole file. Each chunk is what
// `parseTranscript` makes of the same text from scratch (the same chunks, session indexes, ranges and diagnostics).
import { looksBinary, startsWithByteOrderMark } from './binaryText';
import { parseChunk, type ChunkParse } from './parseChunk';
import { linesEndingInBareCr } from './bareCrLines';
import { splitLines } from './ranges';
import { chunkSpans } from './transcriptChunks';

export interface ChunkStream {
  /** The text's lines, as the transcript's `lines`. */
  lines: string[];
  /** The head first (file-level directives; a session only when it holds exchanges), then one chunk per `###` line. */
  chunks: Iterable<ChunkParse>;
}

/**
 * The chunks of `text`, each parsed when the iteration reaches it. Undefined for a text that is no transcript
 * (`parseTranscript` gives it one diagnostic and no chunk).
 */
export function parseSessions(text: string): ChunkStream | undefined {
  const body = startsWithByteOrderMark(text) ? text.slice(1) : text;
  if (looksBinary(body)) return undefined;
  const lines = splitLines(body);
  return { lines, chunks: parsedChunks(lines, linesEndingInBareCr(body, lines), chunkSpans(body, lines)) };
}

function* parsedChunks(lines: string[], bareCrLines: ReadonlySet<number> | undefined, spans: ReturnType<typeof chunkSpans>): Generator<ChunkParse> {
  let sessionIndex = 0;
  for (const span of spans) {
    // No checkpoints (sessionCheckpoints.ts): they serve re-parses after an edit, and this parse is read once.
    const parse = parseChunk(lines, span.startLine, span.endLine, sessionIndex, bareCrLines);
    if (parse.session) sessionIndex++;
    yield parse;
  }
}
