// `smtp-language-server --stdio` (any LSP editor) or launched over IPC by the VS Code client.
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';
import type { createNodeLanguageFeatures } from './nodeLanguageFeatures';

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
// The features come from their own bundle beside this one (dist/nodeLanguageFeatures.js), loaded after `initialize`
// is answered: a computed path, so that esbuild leaves the require alone.
const featuresFile = path.join(__dirname, 'nodeLanguageFeatures.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadFeatures = () => (require(featuresFile) as { createNodeLanguageFeatures: typeof createNodeLanguageFeatures }).createNodeLanguageFeatures;
startLanguageServer(createConnection(ProposedFeatures.all), loadFeatures);
