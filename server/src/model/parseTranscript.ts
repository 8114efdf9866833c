// Text -> Transcript. Never throws: whatever the file can't mean becomes a diagnostic.
// Built for editing: given the previous parse of the same document, only the chunks (sessions) an edit touched are
// parsed again; the result is the same as a parse from scratch.
import { parseChunk, type ChunkParse } from './parseChunk';
import { splitLines } from './ranges';
import { chunkSpans, reusableChunks, withSessionIndex, type ParsedChunk } from './transcriptChunks';
import type { Transcript } from './types';

interface ParseState {
  text: string;
  chunks: ParsedChunk[];
}

const states = new WeakMap<Transcript, ParseState>();

/**
 * Parses `text`. `previous`, a transcript this function returned for an earlier version of the same document, lets
 * it keep the parse of every session the edit left alone (same text, same first line).
 */
export function parseTranscript(text: string, previous?: Transcript): Transcript {
  const lines = splitLines(text);
  const spans = chunkSpans(text, lines);
  const prior = previous && states.get(previous);
  const reuse = prior ? reusableChunks(text, spans, prior.text, prior.chunks) : undefined;

  const chunks: ParsedChunk[] = new Array(spans.length);
  let sessionIndex = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const kept = reuse && reuse[i] >= 0 ? prior!.chunks[reuse[i]].parse : undefined;
    const parse = kept ? withSessionIndex(kept, sessionIndex) : parseChunk(lines, span.startLine, span.endLine, sessionIndex);
    if (parse.session) sessionIndex++;
    chunks[i] = { ...span, parse };
  }

  const transcript = assemble(lines, chunks.map((chunk) => chunk.parse));
  states.set(transcript, { text, chunks });
  return transcript;
}

/** Chunks cover increasing, disjoint line ranges: concatenating their parts keeps document order. */
function assemble(lines: string[], parts: ChunkParse[]): Transcript {
  const transcript: Transcript = { lines, directives: parts[0].directives, sessions: [], comments: [], diagnostics: [] };
  for (const part of parts) {
    if (part.session) transcript.sessions.push(part.session);
    for (const comment of part.comments) transcript.comments.push(comment);
    for (const diagnostic of part.diagnostics) transcript.diagnostics.push(diagnostic);
  }
  return transcript;
}
