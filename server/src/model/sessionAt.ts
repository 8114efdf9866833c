// Which session a line belongs to: the last one starting at or above it (the first one for lines above all).
import type { Transcript } from './types';

export function sessionIndexAt(transcript: Transcript, line: number): number {
  return transcript.sessions.findLast((s) => s.range.start.line <= line)?.index ?? 0;
}
