// `replay --update`: the file rewritten from the server's replies, the change shown first (secrets masked).
import { actualTranscript, type ActualTranscriptOptions } from '../replay/actualTranscript';
import type { ReplayResult } from '../replay/replayTypes';
import { showChanges } from './showChanges';
import { byteOrderMarkOf, writeTranscriptFile } from './transcriptWrite';

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
  await writeTranscriptFile(file.path, updated, await byteOrderMarkOf(file.path));
  write(`${file.display}: updated from the server's replies`);
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
