// The web build's language server (dist/web/server.js) evaluates in a web worker's globals: no `process`, no `require`,
// no Node built-ins. A module that reads one when it loads kills the server in vscode.dev before it answers anything,
// which the web e2e suite sees only as a run with no result; here it is an exception at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { webcrypto } from 'node:crypto';
import * as vm from 'node:vm';
import { REPO } from '../support/cli';

test("the web build's language server loads in a web worker's globals (no process, no require) and takes its messages", () => {
  const listened: string[] = [];
  const worker: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    performance,
    crypto: webcrypto,
    addEventListener: (type: string) => listened.push(type),
    removeEventListener: () => undefined,
    postMessage: () => undefined,
  };
  worker.self = worker;
  worker.globalThis = worker;
  const context = vm.createContext(worker);
  assert.equal(vm.runInContext('typeof process + " " + typeof require', context), 'undefined undefined');
  vm.runInContext(readFileSync(path.join(REPO, 'dist/web/server.js'), 'utf8'), context, { filename: 'dist/web/server.js' });
  // vscode-languageserver's BrowserMessageReader takes the worker's messages through `onmessage`.
  assert.equal(typeof worker.onmessage, 'function', `no message handler; listened for: ${listened.join(', ')}`);
});
