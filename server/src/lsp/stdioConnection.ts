// `--stdio`: the connection over this process's stdin and stdout, made here rather than by the library from argv, so
// that what the server cannot read is said on stderr. A header without a Content-Length number leaves every message
// after it unreadable: the server ends (exit code 1) instead of listening on, deaf. A body that is no JSON is dropped
// and said; a message still incomplete after 10 s (a Content-Length larger than what was sent) is said once. A
// `$/cancelRequest` naming no request id is dropped and said, as on every transport (unreadableCancels.ts). Input that
// ends before a `shutdown` request (a client gone, or a message cut short) is said too: the exit code alone is easy
// to miss.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import type { Lifecycle } from './lifecycle';
import { withoutUnreadableCancels } from './unreadableCancels';

const say = (text: string) => process.stderr.write(`smtp-language-server: ${text}\n`);

export function stdioConnection(lifecycle: Lifecycle): Connection {
  const reader = new StreamMessageReader(process.stdin);
  // As the library ends a stdio server: the client closed stdin, with or without shutting the server down first.
  const end = () => process.exit(lifecycle.shutDown ? 0 : 1);
  reader.onClose(() => {
    if (!lifecycle.shutDown) say('the input ended before a `shutdown` request, so the server stops with exit code 1');
    end();
  });
  reader.onError((error) => {
    if (error instanceof SyntaxError) {
      say(`dropped a message that is no JSON (${error.message})`);
      return;
    }
    say(`${error.message.split('\n')[0].replace(/\.$/, '')}: the messages after it cannot be read, so the server stops`);
    end();
  });
  let reportedPartial = false;
  reader.onPartialMessage(({ waitingTime }) => {
    if (reportedPartial) return;
    reportedPartial = true;
    say(`a message is still incomplete after ${waitingTime / 1000} s: is its Content-Length larger than the message?`);
  });
  return createConnection(ProposedFeatures.all, withoutUnreadableCancels(reader, say), new StreamMessageWriter(process.stdout), lifecycle.options);
}
