// dist/server.js, what `smtp-language-server` and the VS Code client start: it evaluates the language server's
// bundle (dist/serverMain.js, from main.ts) with V8's code cache (io/bundleCodeCache.ts), the larger part of a
// start's own CPU otherwise.
import { homedir } from 'node:os';
import * as path from 'node:path';
import { processCodeCacheHost, runBundle } from '../io/bundleCodeCache';

runBundle(path.join(__dirname, 'serverMain.js'), processCodeCacheHost(process, homedir()));
