// The client's bundles loaded after activation, each from its own file beside dist/client.js (out/client/src/ under
// tsc): the language client right after activate() returns, the command parts on the first command. A computed
// path, so that esbuild leaves these requires alone instead of bundling the modules into the client.
import * as path from 'node:path';

export type CommandPartsModule = typeof import('./commandParts');
export type LanguageClientModule = typeof import('./languageClient');

export function loadCommandParts(): CommandPartsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'commandParts.js')) as CommandPartsModule;
}

export function loadLanguageClient(): LanguageClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'languageClient.js')) as LanguageClientModule;
}
