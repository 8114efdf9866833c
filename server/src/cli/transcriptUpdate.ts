// `replay --update`: the file rewritten from the server's replies, the change shown first (secrets masked).
import { open, writeFile } from 'node:fs/promises';
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
    write(`${file.display}: expectations already match the server`);
    return;
  }
  write(showChanges(file.display, text, updated));
  // The text was read without its byte order mark (files.ts); an editor that wrote one expects it back.
  await writeFile(file.path, (await startsWithBom(file.path)) ? BOM + updated : updated);
  write(`${file.display}: updated from the server's replies`);
}

async function startsWithBom(path: string): Promise<boolean> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    return bytesRead === 3 && buffer.toString('utf8') === BOM;
  } finally {
    await handle.close();
  }
}
