// Every session of a server we run (the local test server) recorded as one `.smtp` file in a folder: the wire tap
// for `startLocalServer`'s `recordSession`, used by `smtp-transcript serve --record DIR` and the editor alike.
import { serverAddressOf } from '../smtpTestServer/socketListener';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportProblem } from '../import/importTypes';
import type { WireTapFactory } from '../smtpTestServer/wireTap';
import { TranscriptRecorder } from './transcriptRecorder';
import { LISTED_NEWEST, NewestItems } from '../smtpTestServer/newestItems';

export interface SavedRecording {
  file: string;
  /** `address:port` of the client. */
  client: string;
  startedAt: Date;
  problems: ImportProblem[];
}

export interface RecordingFolder {
  /** Where the recordings go. */
  folder: string;
  /** Hand to `startLocalServer({ recordSession })`: each connection is written as the server on its port saw it. */
  tap: WireTapFactory;
  /** The newest recordings saved (up to `list`), oldest first; every file stays in the folder. */
  readonly saved: readonly SavedRecording[];
  /** How many were saved in all. */
  readonly savedCount: number;
}

export interface RecordingFolderOptions {
  /** The heading's "recorded by". */
  recorder: string;
  onSaved?: (recording: SavedRecording) => void;
  onError?: (message: string) => void;
  /** How many of the newest recordings `saved` lists; LISTED_NEWEST by default. */
  list?: number;
}

/** `record-20261203T024501Z-3.smtp`: sortable by time, unique per connection of this run. */
export function recordingFileName(startedAt: Date, index: number): string {
  return `record-${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${index}.smtp`;
}

/** Names tried after the first is taken: a folder holding this many recordings of one second is left alone. */
const MAX_NAME_TRIES = 100;

/**
 * Writes a recording into `folder` as a new file, never over one: `recordingFileName`, or when another run (one
 * restarted within the second, another recorder into the same folder) took that name, `record-...-3-2.smtp` and on.
 * Resolves to the file written.
 */
export async function writeNewRecording(folder: string, startedAt: Date, index: number, text: string): Promise<string> {
  const first = recordingFileName(startedAt, index);
  for (let attempt = 1; ; attempt++) {
    const file = join(folder, attempt === 1 ? first : first.replace(/\.smtp$/, `-${attempt}.smtp`));
    try {
      await writeFile(file, text, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === MAX_NAME_TRIES) throw error;
    }
  }
}

export function recordingFolder(folder: string, options: RecordingFolderOptions): RecordingFolder {
  const saved = new NewestItems<SavedRecording>(options.list ?? LISTED_NEWEST);
  let connections = 0;
  return {
    folder,
    saved: saved.items,
    get savedCount() {
      return saved.total;
    },
    tap: ({ remote, server, password }) => {
      const index = ++connections;
      const startedAt = new Date();
      return new TranscriptRecorder({
        startedAt,
        client: remote,
        upstream: serverAddressOf(server),
        recorder: options.recorder,
        proxied: false,
        knownPasswords: [password],
        onRecorded: ({ text, problems }) => {
          // A probe that connected and said nothing leaves no file.
          if (text === '') return;
          writeNewRecording(folder, startedAt, index, text).then(
            (file) => {
              const recording = { file, client: remote, startedAt, problems };
              saved.add(recording);
              options.onSaved?.(recording);
            },
            (error: Error) => options.onError?.(`cannot write ${join(folder, recordingFileName(startedAt, index))}: ${error.message}`),
          );
        },
      });
    },
  };
}
