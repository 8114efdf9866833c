// dist/cli.js, the `smtp-transcript` command: it evaluates the Node engine bundle (dist/nodeEngine.js, which the
// language server and the VS Code client share) with V8's code cache (io/bundleCodeCache.ts) and runs the CLI from
// it (cliProcess.ts): a short `lint` spent more CPU compiling the bundle than linting. The CLI's cache is its own
// (cliMain-<key>.v8cache): it holds the functions a CLI run compiled, not the language server's.
import { homedir } from 'node:os';
import * as path from 'node:path';
import { processCodeCacheHost, runBundle } from '../io/bundleCodeCache';
import type { runCliProcess } from './cliProcess';

const engine = runBundle(path.join(__dirname, 'nodeEngine.js'), processCodeCacheHost(process, homedir()), { cacheName: 'cliMain' }) as { runCliProcess: typeof runCliProcess };
engine.runCliProcess();
