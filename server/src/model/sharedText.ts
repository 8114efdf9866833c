// Short texts a transcript repeats line after line (reply codes, enhanced status codes): one string each, shared by
// every line that holds it. A parse of a large file keeps (and the garbage collector copies) one copy, not thousands.

/** Longer slices would be views into the whole document (V8 copies only short ones): kept, they would keep it alive. */
const MAX_LENGTH = 12;
/** Enough for every code a transcript uses; past it, texts are simply not shared. */
const MAX_ENTRIES = 4096;
const known = new Map<string, string>();

/** The shared string equal to `text` (`text` itself the first time, or when it is too long to be worth sharing). */
export function sharedText(text: string): string {
  if (text.length > MAX_LENGTH) return text;
  const found = known.get(text);
  if (found !== undefined) return found;
  if (known.size < MAX_ENTRIES) known.set(text, text);
  return text;
}
