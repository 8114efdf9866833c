// What `mock` and `record` share as listeners on loopback: `--write-cert FILE` (the certificate made at start, for
// the client to trust) and running until the listener is done or Ctrl-C.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from './io';

/** Writes the certificate where `--write-cert` asks, and says so on stderr. */
export async function writeCertificate(io: CliIo, command: string, file: string | undefined, certificatePem: string): Promise<void> {
  if (file === undefined) return;
  const certFile = resolve(io.cwd, file);
  await writeFile(certFile, certificatePem);
  io.stderr(`smtp-transcript ${command}: certificate (self-signed, localhost, made at start) written to ${certFile}\n`);
}

/** Waits for the listener to finish on its own or for Ctrl-C, whichever comes first. */
export function doneOrInterrupted(io: CliIo, done: Promise<unknown>): Promise<'done' | 'interrupted'> {
  const interrupted = new Promise<'interrupted'>((settle) => io.interrupted.addEventListener('abort', () => settle('interrupted'), { once: true }));
  return Promise.race([done.then(() => 'done' as const), interrupted]);
}
