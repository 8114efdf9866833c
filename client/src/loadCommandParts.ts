// Loads commandParts.ts from its own bundle (dist/commandParts.js, beside dist/client.js; out/client/src/ under tsc)
// on first use, so that activation does not evaluate the replay, result view, mock and local server modules.
import * as path from 'node:path';

export type CommandPartsModule = typeof import('./commandParts');

export function loadCommandParts(): CommandPartsModule {
  // A computed path: esbuild leaves this require alone instead of bundling the module into the client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'commandParts.js')) as CommandPartsModule;
}
