// The language server as a web worker (vscode.dev, github.dev): the same wiring as main.ts over the worker's
// postMessage, with no disk. Lint uses the editor's `smtp.lint.rules` (no `.smtplintrc.json`) and does not check
// `< include` and `@ca` files.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { createLanguageFeatures } from './languageFeatures';
import { startLanguageServer } from './languageServer';
import { withoutUnreadableCancels } from './unreadableCancels';

// In a dedicated worker the global scope is the port to the page that started it (the project's tsconfig has no
// DOM or WebWorker lib, so its type is taken from the reader's parameter).
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
declare const self: WorkerScope;
const port = self;
// One bundle in the worker (dist/web/server.js): the features are bundled, made after `initialize` as in Node.
// Its reader drops what would end the worker, as in Node (unreadableCancels.ts); the browser console says so.
const reader = withoutUnreadableCancels(new BrowserMessageReader(port), (text) => console.error(`smtp-language-server: ${text}`));
startLanguageServer((lifecycle) => createConnection(ProposedFeatures.all, reader, new BrowserMessageWriter(port), lifecycle.options), () => (connection, documents, params) =>
  createLanguageFeatures(connection, documents, undefined, params),
);
