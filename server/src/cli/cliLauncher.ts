// dist/cli.js, the `smtp-transcript` command: it evaluates the CLI's bundle (dist/cliMain.js, from main.ts) with V8's
// code cache (io/bundleCodeCache.ts): a short `lint` spent more CPU compiling the bundle than linting.
import { homedir } from 'node:os';
import * as path from 'node:path';
import { processCodeCacheHost, runBundle } from '../io/bundleCodeCache';

runBundle(path.join(__dirname, 'cliMain.js'), processCodeCacheHost(process, homedir()));
