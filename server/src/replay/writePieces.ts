// How a pipelined group goes on the wire: as few writes as possible, none larger than 64 KiB.
const WRITE_PIECE = 64 * 1024;

/** Joins the group's buffers into writes of at most 64 KiB (one write for everything but large content). */
export function writePieces(buffers: Buffer[]): Buffer[] {
  // The common case, one command or one short message: written as it is, not copied.
  if (buffers.length === 1 && buffers[0].length <= WRITE_PIECE) return buffers;
  const pieces: Buffer[] = [];
  let pending: Buffer[] = [];
  let size = 0;
  for (const buffer of buffers) {
    for (let at = 0; at < buffer.length; at += WRITE_PIECE) {
      const part = buffer.subarray(at, Math.min(buffer.length, at + WRITE_PIECE));
      if (size + part.length > WRITE_PIECE && pending.length > 0) {
        pieces.push(Buffer.concat(pending, size));
        pending = [];
        size = 0;
      }
      pending.push(part);
      size += part.length;
    }
  }
  if (pending.length > 0 || pieces.length === 0) pieces.push(Buffer.concat(pending, size));
  return pieces;
}
