// Baselines the replay benchmark measures the engine against, in the same run: Postfix's C load generator
// `smtp-source`, swaks (one message per process and connection), and a bare Node socket doing NOOP round trips.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { bareDialogue } from './bareDialogue';
import { HELO_NAME, messageText, RECIPIENT, SENDER } from './replayTranscripts';

export interface Endpoint {
  host: string;
  port: number;
}

/** Runs a program to its end; resolves with its wall time in ms, rejects with its output when it fails. */
export function timeProgram(program: string, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')}: ${error.message} ${stderr || stdout}`.trim()));
      else resolve(performance.now() - started);
    });
  });
}

/** True when `program` can be started (it may still exit non-zero for the probe's arguments). */
export function programExists(program: string, probeArgs: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(program, probeArgs, { timeout: 10_000 }, (error) => resolve(!error || (error as NodeJS.ErrnoException).code !== 'ENOENT'));
  });
}

/**
 * `smtp-source -d -s 1 -m N`: one session at a time (-s 1) that keeps its connection (-d) for all N messages;
 * without -d, a connection per message.
 */
export function smtpSource(target: Endpoint, messages: number, keepConnection = true): Promise<number> {
  const args = ['-s', '1', '-m', String(messages), '-M', HELO_NAME, '-f', SENDER, '-t', RECIPIENT, `${target.host}:${target.port}`];
  return timeProgram('smtp-source', keepConnection ? ['-d', ...args] : args);
}

/** One swaks run: its own process and connection, EHLO, one message from `dataFile`, QUIT. */
export function swaks(target: Endpoint, dataFile: string): Promise<number> {
  const args = ['--server', `${target.host}:${target.port}`, '--helo', HELO_NAME, '--from', SENDER, '--to', RECIPIENT, '--data', `@${dataFile}`];
  return timeProgram('swaks', args);
}

/**
 * The floor for one exchange: a minimal client on one connection per session that writes `NOOP\r\n` and waits for
 * the reply's last line, `perSession` times, then QUITs. Resolves with the wall time of all sessions in ms.
 */
export async function bareNoopSessions(target: Endpoint, sessions: number, perSession: number): Promise<number> {
  const started = performance.now();
  for (let s = 0; s < sessions; s++) await bareNoopSession(target, perSession);
  return performance.now() - started;
}

function bareNoopSession(target: Endpoint, count: number): Promise<void> {
  return bareDialogue(target, (line, replies) => {
    if (replies > 1 && replies <= count + 1 && !line.startsWith('250')) return new Error(`NOOP answered ${line}`);
    if (replies <= count) return 'NOOP\r\n';
    return replies === count + 1 ? 'QUIT\r\n' : 'done';
  });
}

/**
 * The floor for the 1,000 messages on one connection: a minimal client saying byte for byte what the serial
 * transcript says (HELO, per message MAIL, RCPT, DATA and its content with the final dot, then QUIT), each write
 * once the previous reply's last line is in, with nothing checked but the line split. Resolves at QUIT's reply.
 */
export function bareMessagesSession(target: Endpoint, messages: number): Promise<void> {
  const writes = [`HELO ${HELO_NAME}\r\n`];
  for (let i = 0; i < messages; i++) writes.push(`MAIL FROM:<${SENDER}>\r\n`, `RCPT TO:<${RECIPIENT}>\r\n`, 'DATA\r\n', `${messageText(i)}.\r\n`);
  writes.push('QUIT\r\n');
  return bareDialogue(
    target,
    (line, replies) => (line[0] !== '2' && line[0] !== '3' ? new Error(`reply ${replies}: ${line}`) : (writes[replies - 1] ?? 'done')),
    true,
  );
}
