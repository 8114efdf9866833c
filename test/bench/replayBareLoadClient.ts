// The floor of load mode for any Node client: a process of its own that says what the load bench's transcript says
// (greeting, HELO, MAIL, RCPT, DATA, smtp-source's message, QUIT), one message per connection, C connections at a
// time, with nothing but a socket, a line split and the next write. Run by loadBench.ts beside smtp-source and
// `smtp-transcript replay --repeat N --concurrency C`: what Node itself costs per connection is not replay's to save.
//   node out/test/bench/replayBareLoadClient.js HOST PORT MESSAGES CONCURRENCY
import { connect } from 'node:net';
import { HELO_NAME, messageText, RECIPIENT, SENDER } from './replayTranscripts';

const STEPS = [`HELO ${HELO_NAME}\r\n`, `MAIL FROM:<${SENDER}>\r\n`, `RCPT TO:<${RECIPIENT}>\r\n`, 'DATA\r\n', `${messageText(0)}.\r\n`, 'QUIT\r\n'];
// What each step must be answered with (RFC 5321 §4.3.2): the greeting, then HELO, MAIL, RCPT, DATA, the dot, QUIT.
const EXPECTED = ['220', '250', '250', '250', '354', '250', '221'];

function session(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    let pending = '';
    let replies = 0;
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('close', () => replies < EXPECTED.length && reject(new Error(`connection closed after ${replies} replies`)));
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (line[3] === '-') continue; // RFC 5321 §4.2.1: only the last line ends a reply
        if (!line.startsWith(EXPECTED[replies])) return void socket.destroy(new Error(`expected ${EXPECTED[replies]}, got ${line}`));
        if (replies < STEPS.length) socket.write(STEPS[replies]);
        replies++;
        if (replies === EXPECTED.length) {
          socket.end();
          resolve();
        }
      }
    });
  });
}

async function main(): Promise<void> {
  const [host, port, messages, concurrency] = process.argv.slice(2);
  const total = Number(messages);
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      await session(host, Number(port));
    }
  };
  await Promise.all(Array.from({ length: Math.min(Number(concurrency), total) }, worker));
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`bare load client: ${error.message}\n`);
    process.exitCode = 1;
  });
}
