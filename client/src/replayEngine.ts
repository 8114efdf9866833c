// The replay engine and local server, loaded on first use from dist/replay.js (beside dist/client.js), so that
// activating the extension for editing does not load the servers and the engine.
import * as path from 'node:path';
import type { ReplayEngine as Engine } from '../../server/src/engine';

export type ReplayEngine = Engine;

let loaded: ReplayEngine | undefined;

export function replayEngine(): ReplayEngine {
  // A computed path: esbuild leaves this require alone instead of bundling the engine into the client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'replay.js')) as ReplayEngine;
  return loaded;
}
