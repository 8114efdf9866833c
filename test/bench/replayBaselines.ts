// Baselines the replay benchmark measures the engine against, in the same run: Postfix's C load generator
// `smtp-source`, swaks (one message per process and connection), and a bare Node socket doing NOOP round trips.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
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
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    let pending = '';
    let replies = 0;
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('close', () => replies < count + 2 && reject(new Error(`connection closed after ${replies} replies`)));
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (line[3] === '-') continue; // RFC 5321 §4.2.1: only the last line ends a reply
        replies++;
        if (replies > 1 && replies <= count + 1 && !line.startsWith('250')) return void socket.destroy(new Error(`NOOP answered ${line}`));
        if (replies <= count) socket.write('NOOP\r\n');
        else if (replies === count + 1) socket.write('QUIT\r\n');
        else {
          // Like replay without `S: <closed>`: done at QUIT's reply, the close goes on in the background.
          socket.end();
          resolve();
        }
      }
    });
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
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, noDelay: true });
    let pending = '';
    let replies = 0;
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('close', () => replies <= writes.length && reject(new Error(`connection closed after ${replies} replies`)));
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (line[3] === '-') continue; // RFC 5321 §4.2.1: only the last line ends a reply
        if (line[0] !== '2' && line[0] !== '3') return void socket.destroy(new Error(`reply ${replies + 1}: ${line}`));
        if (replies < writes.length) socket.write(writes[replies]);
        replies++;
        if (replies > writes.length) {
          socket.end();
          resolve();
        }
      }
    });
  });
}
