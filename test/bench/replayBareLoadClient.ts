// The floor of load mode for any Node client: a process of its own that says what the load bench's transcript says
// (greeting, HELO, MAIL, RCPT, DATA, smtp-source's message, QUIT), one message per connection, C connections at a
// time, with nothing but a socket, a line split and the next write. Run by loadBench.ts beside smtp-source and
// `smtp-transcript replay --repeat N --concurrency C`: what Node itself costs per connection is not replay's to save.
//   node out/test/bench/replayBareLoadClient.js HOST PORT MESSAGES CONCURRENCY
import { bareDialogue } from './bareDialogue';
import { HELO_NAME, messageText, RECIPIENT, SENDER } from './replayTranscripts';

const STEPS = [`HELO ${HELO_NAME}\r\n`, `MAIL FROM:<${SENDER}>\r\n`, `RCPT TO:<${RECIPIENT}>\r\n`, 'DATA\r\n', `${messageText(0)}.\r\n`, 'QUIT\r\n'];
// What each step must be answered with (RFC 5321 §4.3.2): the greeting, then HELO, MAIL, RCPT, DATA, the dot, QUIT.
const EXPECTED = ['220', '250', '250', '250', '354', '250', '221'];

function session(host: string, port: number): Promise<void> {
  return bareDialogue(
    { host, port },
    (line, replies) => (line.startsWith(EXPECTED[replies - 1]) ? (STEPS[replies - 1] ?? 'done') : new Error(`expected ${EXPECTED[replies - 1]}, got ${line}`)),
    true,
  );
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
