// `smtp-language-server --stdio` (any LSP editor) or launched over IPC by the VS Code client; dist/serverMain.js,
// evaluated by the launcher dist/server.js (serverLauncher.ts).
import { homedir } from 'node:os';
import * as path from 'node:path';
import { processCodeCacheHost, runBundle } from '../io/bundleCodeCache';
import { startLanguageServer } from './languageServer';
import type { Lifecycle } from './lifecycle';
import type { createNodeLanguageFeatures } from './nodeLanguageFeatures';
import { stdioConnection } from './stdioConnection';
import { transportConnection } from './transportConnection';

const usage = 'usage: smtp-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME';
const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`${usage}\nThe SMTP transcript (.smtp) language server.\n`);
  process.exit(0);
}
if (!process.argv.slice(2).some((arg) => transports.some((t) => arg.startsWith(t)))) {
  process.stderr.write(`smtp-language-server: no transport given\n${usage}\n`);
  process.exit(2);
}
// The features come from the Node engine bundle beside this one (dist/nodeEngine.js, shared with the CLI and the
// VS Code client's replay), loaded after `initialize` is answered, with V8's code cache as this bundle was
// (serverLauncher.ts): a cache of its own, nodeLanguageFeatures-<key>.v8cache, since the CLI runs other parts of it.
const engineFile = path.join(__dirname, 'nodeEngine.js');
const loadFeatures = () =>
  (runBundle(engineFile, processCodeCacheHost(process, homedir()), { cacheName: 'nodeLanguageFeatures' }) as { createNodeLanguageFeatures: typeof createNodeLanguageFeatures })
    .createNodeLanguageFeatures;
// Each transport's connection is made here, its reader guarded (stdioConnection.ts, transportConnection.ts).
const connect = (lifecycle: Lifecycle) => (process.argv.includes('--stdio') ? stdioConnection(lifecycle) : transportConnection(process.argv.slice(2), lifecycle));
startLanguageServer(connect, loadFeatures);
