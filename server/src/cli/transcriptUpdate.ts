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
    write(`${file.display}: ${result.status === 'pass' ? 'expectations already match the server' : `not updated: ${noRepliesReason(result)}`}`);
    return;
  }
  write(showChanges(file.display, text, updated));
  // The text was read without its byte order mark (files.ts); an editor that wrote one expects it back.
  await writeFile(file.path, (await startsWithBom(file.path)) ? BOM + updated : updated);
  write(`${file.display}: updated from the server's replies`);
}

/**
 * Why a replay that did not pass changed nothing: a session that errored (no connection, a TLS upgrade refused) has
 * no replies to write, and a reply it did not get is not written as one.
 */
function noRepliesReason(result: ReplayResult): string {
  const stopped = result.sessions.find((s) => s.status === 'error' || s.status === 'fail');
  const why = result.error?.message ?? stopped?.error?.message;
  const which = stopped ? `session ${stopped.index + 1}${stopped.name ? ` (${stopped.name})` : ''}` : 'the replay';
  return `${which} got no replies to write${why ? ` (${why})` : ''}`;
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
