// Writing a transcript file back (`replay --update`, `lint --fix`). It was read without its byte order mark
// (model/binaryText.ts `decodeTranscript`): an editor that wrote one expects it back, and a UTF-16 file stays UTF-16.
import { open, writeFile } from 'node:fs/promises';
import { utf16Encoding, type DecodedTranscript } from '../model/binaryText';

export type ByteOrderMark = DecodedTranscript['byteOrderMark'];

const BOM = '\ufeff';

export async function writeTranscriptFile(path: string, text: string, mark: ByteOrderMark): Promise<void> {
  await writeFile(path, encodedAs(mark, text));
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
