// What `mock`, `record` and `serve` share as listeners on loopback: the port options checked before anything
// listens, a listener that cannot start said with the option whose port it was (io/listenerProblems.ts, as the
// editor says it), `--write-cert FILE` (the certificate made at start, for the client to trust) and running until
// the listener is done or interrupted.
import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { cannotListen, sharedPortProblem, type NamedPort } from '../io/listenerProblems';
import { describeError } from '../io/regularFiles';
import { UsageError, type CliIo } from './io';
import { SocketProblem } from '../smtpTestServer/socketListener';

/**
 * Why a listener did not start, said with its option: `--socket /run/x.sock: a server already listens on this
 * socket`, or for a port as `cannotListen` says it.
 */
export function cannotListenAt(error: unknown, socket: string | undefined, ports: readonly NamedPort[]): string {
  if (!(error instanceof SocketProblem)) return cannotListen(error, ports);
  const why = error.cause === undefined ? error.message : describeError(error.cause as NodeJS.ErrnoException);
  return `--socket ${socket}: ${why}`;
}

/** The plain and the implicit-TLS listener cannot share a port (0 picks a free one for each). */
export function checkDistinctPorts(port: number, tlsPort: number | undefined): void {
  const problem = sharedPortProblem(['--port', port], ['--tls-port', tlsPort]);
  if (problem) throw new UsageError(problem);
}

/**
 * `--write-cert FILE` resolved, and refused before anything listens when it cannot be written (its folder missing,
 * FILE a folder). A problem found only when writing is `writeCertificate`'s.
 */
export async function certificateFileOption(cwd: string, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const path = resolve(cwd, file);
  const refuse = (why: string): never => {
    throw new UsageError(`--write-cert ${file}: ${why}`);
  };
  const folder = await stat(dirname(path)).catch((error: NodeJS.ErrnoException) =>
    refuse(error.code === 'ENOENT' ? `the folder ${dirname(path)} does not exist` : describeError(error)),
  );
  if (!folder.isDirectory()) refuse(`${dirname(path)} is not a folder`);
  if ((await stat(path).catch(() => undefined))?.isDirectory()) refuse('is a folder: name the file to write');
  return path;
}

/** Writes the certificate where `--write-cert` asks and says so on stderr; false (said too) when it cannot be written. */
export async function writeCertificate(io: CliIo, command: string, certFile: string | undefined, certificatePem: string): Promise<boolean> {
  if (certFile === undefined) return true;
  try {
    await writeFile(certFile, certificatePem);
  } catch (error) {
    io.stderr(`smtp-transcript ${command}: --write-cert ${certFile}: ${describeError(error as NodeJS.ErrnoException)}\n`);
    return false;
  }
  io.stderr(`smtp-transcript ${command}: certificate (self-signed, localhost, made at start) written to ${certFile}\n`);
  return true;
}

/** Waits for the listener to finish on its own or for an interruption (Ctrl-C, SIGTERM), whichever comes first. */
export function doneOrInterrupted(io: CliIo, done: Promise<unknown>): Promise<'done' | 'interrupted'> {
  const interrupted = new Promise<'interrupted'>((settle) => {
    if (io.interrupted.aborted) settle('interrupted');
    else io.interrupted.addEventListener('abort', () => settle('interrupted'), { once: true });
  });
  return Promise.race([done.then(() => 'done' as const), interrupted]);
}
