// Reading a file a user or a transcript names, safely: only a regular file is read (a FIFO would block the reader
// forever, /dev/zero would never end, a directory is no content), and never more than a documented size. Every
// problem is one line that says what the path is, never a stack trace.
import { constants, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/**
 * The most any one file is read: a transcript or an include far above what a test sends is a mistake (or a trap), and
 * reading it whole would exhaust memory. 64 MiB is well above any message a server accepts (Postfix's default
 * message_size_limit is 10 MB, Exim's 50 MB) and small enough to hold in memory.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

import { FileProblem } from '../model/fileProblem';

export { FileProblem };

/** Why a file of this kind cannot be read as content; undefined for a regular file. */
export function notRegularFile(info: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'is a directory, not a file';
  if (info.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (info.isCharacterDevice()) return 'is a character device, not a regular file';
  if (info.isBlockDevice()) return 'is a block device, not a regular file';
  if (info.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

export function describeError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EFBIG':
      return 'the file would be larger than the system allows';
    default:
      return error.message;
  }
}

export function tooLarge(size: number | string, maxBytes: number): string {
  return `is larger than ${maxBytes} bytes (${size}): too large to read`;
}

/**
 * Reads a regular file whole. Opened with O_NONBLOCK so that a FIFO (or a path swapped for one after any check) does
 * not block the open; the open handle is then checked, so what is read is what was checked. `checkOpened` may refuse
 * the opened file (its problem, or undefined to go on).
 */
export async function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES, checkOpened?: (fd: number) => string | undefined): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    // A socket refuses open (ENXIO): say what the path is rather than the errno.
    const info = await stat(path).catch(() => undefined);
    const kind = info && notRegularFile(info);
    throw new FileProblem(kind ?? describeError(error as NodeJS.ErrnoException));
  }
  try {
    const refused = checkOpened?.(handle.fd);
    if (refused) throw new FileProblem(refused);
    const info = await handle.stat();
    const kind = notRegularFile(info);
    if (kind) throw new FileProblem(kind);
    if (info.size > maxBytes) throw new FileProblem(tooLarge(`${info.size} bytes`, maxBytes));
    // The file may grow after the stat: read at most one byte more than allowed, to notice.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) throw new FileProblem(tooLarge('it grew while read', maxBytes));
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(describeError(error as NodeJS.ErrnoException));
  } finally {
    await handle.close();
  }
}

/** A regular file's size, or why it cannot be read; `missing` when nothing is there. Never opens the path. */
export function statRegularFile(path: string, maxBytes = MAX_FILE_BYTES): { size: number } | { problem: string } | 'missing' {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : { problem: describeError(error as NodeJS.ErrnoException) };
  }
  const kind = notRegularFile(info);
  if (kind) return { problem: kind };
  if (info.size > maxBytes) return { problem: tooLarge(`${info.size} bytes`, maxBytes) };
  return { size: info.size };
}
