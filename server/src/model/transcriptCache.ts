// Parse once per document version: every feature asks the cache, which re-parses only when the version changes, and
// then only the sessions the edit touched (the previous version's parse is kept for that).
import { parseTranscript } from './parseTranscript';
import type { Transcript } from './types';

export interface TranscriptCache {
  get(uri: string, version: number, text: () => string): Transcript;
  delete(uri: string): void;
}

export function createTranscriptCache(maxEntries = 64): TranscriptCache {
  const entries = new Map<string, { version: number; transcript: Transcript }>();
  return {
    get(uri, version, text) {
      const cached = entries.get(uri);
      if (cached && cached.version === version) return cached.transcript;
      const transcript = parseTranscript(text(), cached?.transcript);
      entries.delete(uri);
      entries.set(uri, { version, transcript });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return transcript;
    },
    delete(uri) {
      entries.delete(uri);
    },
  };
}
