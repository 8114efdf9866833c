// Bundles what ships: the VS Code client, the language server and the CLI, each one self-contained file. The client
// activates with dist/client.js only (the registrations); the language client is dist/languageClient.js, loaded right
// after activation; what the commands drive is dist/commandParts.js, loaded on the first command, and the replay
// engine with the local server is dist/replay.js, loaded on first replay. The language server answers `initialize` from dist/server.js and then loads its features
// (lint, completion, hover...) from dist/nodeLanguageFeatures.js.
// The web build (dist/web/) is the client and the language server for a browser's web worker extension host: platform
// browser, so a Node built-in reached from either entry fails the build instead of failing in vscode.dev.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: !process.argv.includes('--dev'),
  legalComments: 'none',
  logLevel: 'warning',
};
const shebang = { js: '#!/usr/bin/env node' };
// The project's own modules do their work when called, never on import (no module is imported for its side effects):
// told so, esbuild leaves out a module none of whose exports is used, e.g. the setting and knowledge tables that
// server/src/engine/index.ts re-exports but the activation bundle never reads.
const ownModulesArePure = {
  name: 'own-modules-are-pure',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
      return /[\\/](server|client)[\\/]src[\\/]/.test(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};
// node:net and node:crypto (address checks, random ids) and Buffer (octet counts, base64) have small web stand-ins in
// server/src/lsp/web/, checked equal to Node's by test/unit/lsp/webShims.test.ts; any other built-in fails the build.
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  alias: { 'node:net': './server/src/lsp/web/nodeNet.ts', 'node:crypto': './server/src/lsp/web/nodeCrypto.ts' },
  inject: ['./server/src/lsp/web/buffer.ts'],
  metafile: true,
};

// Packages the code only reaches through `await import(...)` (DKIM signing, authentication checks, the local server's
// certificate) are bundles of their own in dist/vendor/, read when first used: in the bundles that use them they
// were three quarters of the source Node parses at every start (`smtp-transcript replay` paid for it each run).
const vendor = {
  mailauth: 'mailauth',
  'mailauth/lib/dkim/sign.js': 'mailauth-dkim-sign',
  selfsigned: 'selfsigned',
};
const vendorSplit = {
  name: 'vendor-split',
  setup(plugin) {
    plugin.onResolve({ filter: /^(mailauth|selfsigned)(\/|$)/ }, (args) => {
      const file = vendor[args.path];
      if (!file) throw new Error(`${args.path}: add it to the vendor table in esbuild.mjs`);
      if (args.kind !== 'dynamic-import') throw new Error(`${args.importer} imports ${args.path} statically: use await import() so it loads when needed`);
      return { path: `./vendor/${file}.js`, external: true };
    });
  },
};
const node = { ...common, plugins: [vendorSplit] };

await Promise.all([
  ...Object.entries(vendor).map(([entry, file]) => build({ ...common, entryPoints: [entry], outfile: `dist/vendor/${file}.js` })),
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [vendorSplit, ownModulesArePure] }),
  build({ ...node, entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['client/src/commandParts.ts'], outfile: 'dist/commandParts.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['server/src/engine/replayEngine.ts'], outfile: 'dist/replay.js' }),
  build({ ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: shebang, plugins: [vendorSplit, ownModulesArePure] }),
  build({ ...node, entryPoints: ['server/src/lsp/nodeLanguageFeatures.ts'], outfile: 'dist/nodeLanguageFeatures.js' }),
  build({ ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: shebang }),
  build({ ...web, entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/web/client.js', external: ['vscode'] }),
  build({ ...web, format: 'iife', entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/web/server.js' }),
]);
