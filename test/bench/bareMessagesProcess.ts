// `node bareMessagesProcess.js HOST PORT MESSAGES`: the bench's bare Node client as a process of its own, so that the
// whole-process replay row has the floor any Node client pays beside it (Node's start, a socket, a line split).
import { bareMessagesSession } from './replayBaselines';

const [host, port, messages] = process.argv.slice(2);
bareMessagesSession({ host, port: Number(port) }, Number(messages)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
