// `smtp-language-server --stdio` (any LSP editor) or launched over IPC by the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';
import { nodeFileAccess } from './nodeFileAccess';

const usage = 'usage: smtp-language-server --stdio | --node-ipc | --socket=PORT';
const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`${usage}\nThe SMTP transcript (.smtp) language server.\n`);
  process.exit(0);
}
if (!process.argv.slice(2).some((arg) => transports.some((t) => arg.startsWith(t)))) {
  process.stderr.write(`smtp-language-server: no transport given\n${usage}\n`);
  process.exit(2);
}
startLanguageServer(createConnection(ProposedFeatures.all), nodeFileAccess);
