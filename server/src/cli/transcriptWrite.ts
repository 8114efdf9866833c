// Writing a transcript file back (`replay --update`, `lint --fix`). It was read without its byte order mark
// (model/binaryText.ts `decodeTranscript`): an editor that wrote one expects it back, and a UTF-16 file stays UTF-16.
// The new text goes to a file beside it that then takes its name: a write that fails midway (a full disk, an
// interrupted run) leaves the transcript as it was, never cut short. A symbolic link stays a link (its target is
// written), and a file the user may not write is refused, not replaced.
import { constants } from 'node:fs';
import { access, chown, lstat, open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { utf16Encoding, type DecodedTranscript } from '../model/binaryText';
import { describeError, FileProblem, notRegularFile } from '../io/regularFiles';

export type ByteOrderMark = DecodedTranscript['byteOrderMark'];

const BOM = '\ufeff';

/** Writes `text` over the transcript at `path`; a `FileProblem` saying why when it cannot, the file left untouched. */
export async function writeTranscriptFile(path: string, text: string, mark: ByteOrderMark): Promise<void> {
  const refused = (why: string) => new FileProblem(`cannot write ${path}: ${why}; the file is left as it was`);
  let target: string;
  try {
    target = await realpath(path);
    const kind = notRegularFile(await lstat(target));
    if (kind) throw refused(kind);
    await access(target, constants.W_OK);
  } catch (error) {
    throw error instanceof FileProblem ? error : refused(describeError(error as NodeJS.ErrnoException));
  }
  try {
    await replaceFile(target, encodedAs(mark, text));
  } catch (error) {
    throw refused(describeError(error as NodeJS.ErrnoException));
  }
}

/** `target`'s content replaced whole: written beside it, then renamed over it, with its mode (and owner, if we may). */
async function replaceFile(target: string, bytes: string | Buffer): Promise<void> {
  const info = await stat(target);
  // A file with other hard links is one file under several names: rewritten where it is, so that all keep seeing it.
  if (info.nlink > 1) return writeFile(target, bytes);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}-${Date.now()}.tmp`);
  let handle;
  try {
    handle = await open(temporary, 'wx', info.mode & 0o7777);
  } catch (error) {
    // A folder that takes no new file (read-only while the file is not): the file is rewritten where it is.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return writeFile(target, bytes);
    throw error;
  }
  try {
    await handle.writeFile(bytes);
    await handle.chmod(info.mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // Only root may give a file away; anyone else keeps the file as theirs, as an editor saving it would.
    await chown(temporary, info.uid, info.gid).catch(() => undefined);
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

function encodedAs(mark: ByteOrderMark, text: string): string | Buffer {
  if (mark === 'utf-8') return BOM + text;
  if (mark === 'utf-16le') return Buffer.from(BOM + text, 'utf16le');
  if (mark === 'utf-16be') return Buffer.from(BOM + text, 'utf16le').swap16();
  return text;
}

/** The byte order mark `path` starts with now. */
export async function byteOrderMarkOf(path: string): Promise<ByteOrderMark> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    const start = buffer.subarray(0, bytesRead);
    return utf16Encoding(start) ?? (start.toString('utf8') === BOM ? 'utf-8' : undefined);
  } finally {
    await handle.close();
  }
}
