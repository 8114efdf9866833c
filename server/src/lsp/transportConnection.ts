// `--node-ipc`, `--socket=PORT` and `--pipe=NAME`: the connection over the transport the arguments name, made here as
// the library would make it from them (vscode-languageserver/node `createConnection`), so that its reader drops what
// would end the server (unreadableCancels.ts), as `--stdio`'s does (stdioConnection.ts).
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import type { Lifecycle } from './lifecycle';
import { withoutUnreadableCancels } from './unreadableCancels';

const say = (text: string) => process.stderr.write(`smtp-language-server: ${text}\n`);

export function transportConnection(args: readonly string[], lifecycle: Lifecycle): Connection {
  const [reader, writer] = transportOf(args);
  return createConnection(ProposedFeatures.all, withoutUnreadableCancels(reader, say), writer, lifecycle.options);
}

/** The first transport argument's reader and writer, as the library takes them: `--socket=N` or `--socket N`. */
function transportOf(args: readonly string[]): [MessageReader, MessageWriter] {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--node-ipc') return [new IPCMessageReader(process), new IPCMessageWriter(process)];
    const [name, joined] = args[i].split(/=(.*)/s);
    if (name !== '--socket' && name !== '--pipe') continue;
    const value = joined ?? args[i + 1] ?? '';
    if (name === '--pipe' && value !== '') return createServerPipeTransport(value);
    // The library's parseInt: `--socket=6009` (a port the client listens on, on this machine).
    const port = Number.parseInt(value, 10);
    if (name === '--socket' && port > 0 && port < 65536) return createServerSocketTransport(port);
    return usageExit(`${name} needs ${name === '--socket' ? 'the port the client listens on' : 'the name of the pipe the client listens on'} (${name}=...)`);
  }
  return usageExit('no transport given');
}

function usageExit(problem: string): never {
  say(`${problem}\nusage: smtp-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME`);
  process.exit(2);
}
