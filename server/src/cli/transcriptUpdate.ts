// `replay --update`: the file rewritten from the server's replies, the change shown first (secrets masked).
import { open, writeFile } from 'node:fs/promises';
import { utf16Encoding } from '../model/binaryText';
import { actualTranscript, type ActualTranscriptOptions } from '../replay/actualTranscript';
import type { ReplayResult } from '../replay/replayTypes';
import { showChanges } from './showChanges';

const BOM = '\ufeff';

export async function updateTranscriptFile(
  file: { path: string; display: string },
  text: string,
  result: ReplayResult,
  write: (line: string) => void,
  options: ActualTranscriptOptions = {},
): Promise<void> {
  const updated = actualTranscript(text, result, options);
  if (updated === text) {
    write(`${file.display}: ${result.status === 'pass' ? 'expectations already match the server' : `not updated: ${noRepliesReason(result)}`}`);
    return;
  }
  write(showChanges(file.display, text, updated));
  await writeFile(file.path, encodedAs(await byteOrderMark(file.path), updated));
  write(`${file.display}: updated from the server's replies`);
}

/**
 * The text was read without its byte order mark (files.ts); an editor that wrote one expects it back, and a UTF-16
 * file stays UTF-16.
 */
function encodedAs(mark: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined, text: string): string | Buffer {
  if (mark === 'utf-8') return BOM + text;
  if (mark === 'utf-16le') return Buffer.from(BOM + text, 'utf16le');
  if (mark === 'utf-16be') return Buffer.from(BOM + text, 'utf16le').swap16();
  return text;
}

/**
 * Why a replay that did not pass changed nothing: a session stopped (no connection, a TLS upgrade refused) before
 * any reply that differs from the file, and a reply it did not get is not written as one.
 */
function noRepliesReason(result: ReplayResult): string {
  const stopped = result.sessions.find((s) => s.status === 'error' || s.status === 'fail');
  const why = result.error?.message ?? stopped?.error?.message;
  const which = stopped ? `session ${stopped.index + 1}${stopped.name ? ` (${stopped.name})` : ''}` : 'the replay';
  return `${which} stopped${why ? ` (${why})` : ''} before a reply that differs from the file`;
}

async function byteOrderMark(path: string): Promise<'utf-8' | 'utf-16le' | 'utf-16be' | undefined> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    const start = buffer.subarray(0, bytesRead);
    return utf16Encoding(start) ?? (start.toString('utf8') === BOM ? 'utf-8' : undefined);
  } finally {
    await handle.close();
  }
}
