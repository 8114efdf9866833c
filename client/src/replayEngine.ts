// The replay engine and local server, loaded on first use from dist/nodeEngine.js (beside dist/client.js; the Node
// engine bundle the CLI and the language server share), so that activating the extension for editing does not load
// the servers and the engine.
import * as path from 'node:path';
import type { ReplayEngine as Engine } from '../../server/src/engine';

export type ReplayEngine = Engine;

let loaded: ReplayEngine | undefined;

export function replayEngine(): ReplayEngine {
  // A computed path: esbuild leaves this require alone instead of bundling the engine into the client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'nodeEngine.js')) as ReplayEngine;
  return loaded;
}
