// dist/cli.js, the `smtp-transcript` command: it evaluates the Node engine bundle (dist/nodeEngine.js, which the
// language server and the VS Code client share) with V8's code cache (io/bundleCodeCache.ts) and runs the CLI from
// it (cliProcess.ts): a short `lint` spent more CPU compiling the bundle than linting. The CLI's caches are its own
// (cli-<command>-<key>.v8cache), one per command: a cache holds the functions the run that wrote it compiled, and a
// `lint` compiles others than a `replay`. A help, a version or an unknown command compiles next to nothing: it runs
// without a cache, so it cannot leave a near-empty one that every later run would read.
import { homedir } from 'node:os';
import * as path from 'node:path';
import { processCodeCacheHost, runBundle } from '../io/bundleCodeCache';
import type { runCliProcess } from './cliProcess';
import { isCommandName } from './commandNames';

const [command, ...args] = process.argv.slice(2);
const cached = isCommandName(command) && !args.some((arg) => arg === '--help' || arg === '-h');
const host = processCodeCacheHost(process, homedir());
const engine = runBundle(path.join(__dirname, 'nodeEngine.js'), cached ? host : { ...host, folder: undefined }, { cacheName: `cli-${command}` }) as {
  runCliProcess: typeof runCliProcess;
};
engine.runCliProcess();
