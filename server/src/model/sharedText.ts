// Short texts a transcript repeats line after line (reply codes, enhanced status codes, `QUIT`): one string each,
// shared by the lines that hold it. A parse of a large file then keeps (and the garbage collector copies) one copy,
// not one per line. A small table indexed by a hash of the characters, checked in place: no string built to look up.

/** Longer slices would be views into the whole document (V8 copies only short ones): kept, they would keep it alive. */
export const MAX_SHARED_LENGTH = 12;
const SLOTS = 1024;
const slots: string[] = new Array<string>(SLOTS).fill('');

/** `text.slice(start, end)`, or the equal string met before (`end - start` at most MAX_SHARED_LENGTH). */
export function sharedSlice(text: string, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_SHARED_LENGTH) return text.slice(start, end);
  let hash = length;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  const slot = (hash ^ (hash >>> 10)) & (SLOTS - 1);
  const kept = slots[slot];
  if (kept.length === length && text.startsWith(kept, start)) return kept;
  const sliced = text.slice(start, end);
  slots[slot] = sliced;
  return sliced;
}
