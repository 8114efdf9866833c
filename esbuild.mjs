// Bundles what ships: the VS Code client, the language server and the CLI, each one self-contained file. The client
// activates with dist/client.js only (the registrations); the language client is dist/languageClient.js, loaded right
// after activation; what the commands drive is dist/commandParts.js, loaded on the first command. The language server
// answers `initialize` from dist/serverMain.js.
// dist/nodeEngine.js is the engine for Node, one bundle shared by three readers instead of a copy each (the model,
// features and replay were 1.5 MB of the package three times over): the language server makes its features (lint,
// completion, hover...) from it after `initialize`, the CLI runs from it, and the client loads replay and the local
// server from it on first replay (server/src/bundles/nodeEngine.ts).
// dist/server.js and dist/cli.js, what is started, are launchers of a few KB: they evaluate dist/serverMain.js and
// dist/nodeEngine.js with V8's code cache (server/src/io/bundleCodeCache.ts).
// The web build (dist/web/) is the client and the language server for a browser's web worker extension host: platform
// browser, so a Node built-in reached from either entry fails the build instead of failing in vscode.dev.
import { analyzeMetafile, build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve as resolvePath } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: !process.argv.includes('--dev'),
  legalComments: 'none',
  logLevel: 'warning',
  // `node esbuild.mjs --analyze`: what each bundle holds, largest first (what made the .vsix grow).
  metafile: process.argv.includes('--analyze'),
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
};

// Packages the code only reaches through `await import(...)` (DKIM signing, authentication checks, the local server's
// certificate) are bundles of their own in dist/vendor/, read when first used: in the bundles that use them they
// were three quarters of the source Node parses at every start (`smtp-transcript replay` paid for it each run).
// Each import path maps to a vendor bundle and the names the code takes from it; paths of one package share one
// bundle (DKIM signing is a part of mailauth: two bundles repeated 1.1 MB). A shared bundle exports each path's names
// as getters that evaluate only that path's modules when read, so signing still runs no more of mailauth than before
// (the whole of it costs twice the CPU). A name the code takes and the table does not list fails the build.
const vendor = {
  mailauth: { file: 'mailauth', names: ['dkimVerify', 'arc', 'dmarc'] },
  'mailauth/lib/dkim/sign.js': { file: 'mailauth', names: ['dkimSign'] },
  'mailauth/lib/tools.js': { file: 'mailauth', names: ['getAlignment'] },
  selfsigned: { file: 'selfsigned', names: ['generate'] },
  tinyglobby: { file: 'glob', names: ['glob', 'isDynamicPattern'] },
};
// selfsigned reaches @peculiar/x509 through its ES module build, which esbuild can tree-shake (the CommonJS build is
// one module: its PKCS#7, PKCS#12 and CSR code came along, 110 KB of the bundle's 357 KB).
const vendorMainFields = { selfsigned: ['module', 'main'] };
// Modules of a vendored package that the names above never run, each replaced by a stand-in that throws if reached
// (the stand-in's comment says why it cannot be): mailauth's BIMI (authenticateMessage.ts always passes disableBimi)
// with its certificate, SVG and HTTP libraries, mailauth's SPF (the project checks SPF itself) with joi's domain rules,
// and libmime's MIME type table (mailauth never looks one up). libmime's charset module is replaced by one on Node's
// TextDecoder instead (charsetStandIn.ts says why), and joi, for mailauth's one base64 rule, by that rule (joiStandIn.ts).
const vendorStandIns = {
  'mailauth/lib/mailauth.js': { './bimi': './server/src/mailauth/bimiStandIn.ts', './bimi/validate-svg': './server/src/mailauth/bimiStandIn.ts', './spf': './server/src/mailauth/spfStandIn.ts' },
  'mailauth/lib/tools.js': { joi: './server/src/mailauth/joiStandIn.ts' },
  'libmime/lib/libmime.js': { './mimetypes': './server/src/mailauth/mimeTypesStandIn.ts', './charset': './server/src/mailauth/charsetStandIn.ts' },
};
const vendorStandIn = {
  name: 'vendor-stand-in',
  setup(plugin) {
    plugin.onResolve({ filter: /^(?:\.\/|joi$)/ }, (args) => {
      const importer = args.importer.replaceAll('\\', '/');
      const module = Object.keys(vendorStandIns).find((name) => importer.endsWith(`/node_modules/${name}`));
      const standIn = module && vendorStandIns[module][args.path];
      return standIn ? { path: resolvePath(standIn) } : undefined;
    });
  },
};
// Lines of a vendored package cut out of its bundle, each found exactly as written or the build fails (an upgrade
// then says whether the patch is still needed). mailauth 4.13's DKIM verifier prints a debugging line on standard
// output for every signature whose l= differs from the body it hashed: it broke `auth --json` and would corrupt a
// language server's stdio stream.
const vendorPatches = {
  'mailauth/lib/dkim/dkim-verifier.js': ["console.log('TOTAL', signatureHeader.bodyHashedBytes, 'EXPECTING', signatureHeader.maxBodyLength);"],
};
const vendorPatch = {
  name: 'vendor-patch',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]node_modules[\\/]mailauth[\\/]lib[\\/]dkim[\\/]dkim-verifier\.js$/ }, (args) => {
      const module = Object.keys(vendorPatches).find((name) => args.path.replaceAll('\\', '/').endsWith(`/node_modules/${name}`));
      let contents = readFileSync(args.path, 'utf8');
      for (const line of vendorPatches[module]) {
        if (!contents.includes(line)) throw new Error(`${module} no longer holds \`${line}\`: check the patch in esbuild.mjs (vendorPatches)`);
        contents = contents.replace(line, '');
      }
      return { contents, loader: 'js' };
    });
  },
};
const vendorSplit = {
  name: 'vendor-split',
  setup(plugin) {
    plugin.onResolve({ filter: /^(mailauth|selfsigned|tinyglobby)(\/|$)/ }, (args) => {
      const served = vendor[args.path];
      if (!served) throw new Error(`${args.path}: add it to the vendor table in esbuild.mjs`);
      if (args.kind !== 'dynamic-import') throw new Error(`${args.importer} imports ${args.path} statically: use await import() so it loads when needed`);
      for (const name of namesTaken(args.importer, args.path)) {
        if (!served.names.includes(name)) throw new Error(`${args.importer} takes ${name} from ${args.path}: add it to the vendor table in esbuild.mjs`);
      }
      return { path: `./vendor/${served.file}.js`, external: true };
    });
  },
};
/** The names `importer` destructures from `await import(path)`; anything else (the whole namespace) fails the build. */
function namesTaken(importer, path) {
  const source = readFileSync(importer, 'utf8');
  const imports = [...source.matchAll(/(\{[^{}]*\}|[\w$]+)\s*=\s*await import\((['"])(.*?)\2\)/g)].filter((m) => m[3] === path);
  return imports.flatMap(([, binding]) => {
    const names = /^\{([^}]*)\}$/.exec(binding.trim());
    if (!names) throw new Error(`${importer}: destructure the names taken from ${path} ({ name } = await import(...)) so the build can check them`);
    return names[1].split(',').map((name) => name.split(':')[0].trim()).filter(Boolean);
  });
}
/**
 * Each vendor bundle's entry: for every import path it serves, the names the code takes (checked against the
 * package here) as lazy getters. A name two paths serve must be the same value; the narrower path, listed later,
 * serves it.
 */
function vendorEntries() {
  const require = createRequire(import.meta.url);
  const entries = {};
  for (const [path, { file, names }] of Object.entries(vendor)) {
    const exported = require(path);
    const served = (entries[file] ??= { values: {}, getters: {} });
    for (const name of names) {
      if (!(name in exported)) throw new Error(`vendor ${file}: ${path} exports no ${name}`);
      if (name in served.values && served.values[name] !== exported[name]) throw new Error(`vendor ${file}: ${name} differs between the paths it serves`);
      served.values[name] = exported[name];
      served.getters[name] = `${JSON.stringify(name)}: { enumerable: true, get: () => require(${JSON.stringify(path)})[${JSON.stringify(name)}] }`;
    }
  }
  return Object.fromEntries(Object.entries(entries).map(([file, { getters }]) => [file, `module.exports = Object.defineProperties({}, {\n${Object.values(getters).join(',\n')}\n});\n`]));
}
// The vendor bundles keep text as UTF-8 (charset) rather than esbuild's \uXXXX escapes: mailauth's charset tables
// (iconv-lite's, for the RFC 2231 parameters libmime decodes) took six bytes a character escaped, three as UTF-8, a
// fifth of the bundle. Node reads a bundle as UTF-8 either way.
// `import()` of a vendor bundle becomes a require (still when first used): the names of a shared bundle are getters,
// which Node's import() of CommonJS would read at once, and the launchers' bundles run as a vm.Script, where import()
// needs Node's experimental vm loader.
const node = { ...common, supported: { 'dynamic-import': false }, plugins: [vendorSplit] };

// The command parts take the client's one door to the engine (server/src/engine/index.ts, a boundary test keeps it
// the only one) from dist/nodeEngine.js, which they load with them, instead of a copy of the model, import, export
// and settings of their own: one copy of the engine in the extension host, the same one replay uses.
const engineFromNodeBundle = {
  name: 'engine-from-node-bundle',
  setup(plugin) {
    plugin.onResolve({ filter: /[\\/]server[\\/]src[\\/]engine$/ }, () => ({ path: './nodeEngine.js', external: true }));
  },
};

// What evaluates a bundle with V8's code cache (io/bundleCodeCache.ts) is built after it, with its sha256 built in
// (SMTP_BUNDLE_DIGESTS): the cache file is named by it, and a start need not hash the 700 KB it is about to compile.
const withDigestsOf = (...files) => ({
  define: { SMTP_BUNDLE_DIGESTS: JSON.stringify(Object.fromEntries(files.map((file) => [basename(file), createHash('sha256').update(readFileSync(file)).digest('hex')]))) },
});
function launchersAfterTheirBundles() {
  const nodeEngine = build({ ...node, entryPoints: ['server/src/bundles/nodeEngine.ts'], outfile: 'dist/nodeEngine.js' });
  const serverMain = nodeEngine.then(() =>
    build({ ...node, ...withDigestsOf('dist/nodeEngine.js'), entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/serverMain.js', plugins: [vendorSplit, ownModulesArePure] }),
  );
  return [
    nodeEngine,
    serverMain,
    serverMain.then(() => build({ ...node, ...withDigestsOf('dist/serverMain.js'), entryPoints: ['server/src/lsp/serverLauncher.ts'], outfile: 'dist/server.js', banner: shebang })),
    nodeEngine.then(() => build({ ...node, ...withDigestsOf('dist/nodeEngine.js'), entryPoints: ['server/src/cli/cliLauncher.ts'], outfile: 'dist/cli.js', banner: shebang })),
  ];
}

// A bundle no longer built must not ship: dist/vendor/mailauth-dkim-sign.js before it joined mailauth.js, and
// dist/cliMain.js, dist/nodeLanguageFeatures.js and dist/replay.js before they became dist/nodeEngine.js.
rmSync('dist/vendor', { recursive: true, force: true });
for (const file of ['cliMain.js', 'nodeLanguageFeatures.js', 'replay.js']) rmSync(`dist/${file}`, { force: true });
const built = await Promise.all([
  ...Object.entries(vendorEntries()).map(([file, contents]) =>
    build({ ...common, stdin: { contents, resolveDir: '.', sourcefile: `vendor-${file}.js` }, plugins: [vendorStandIn, vendorPatch], charset: 'utf8', mainFields: vendorMainFields[file] ?? ['main', 'module'], outfile: `dist/vendor/${file}.js` }),
  ),
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [vendorSplit, ownModulesArePure] }),
  build({ ...node, entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['client/src/commandParts.ts'], outfile: 'dist/commandParts.js', external: ['vscode'], plugins: [vendorSplit, engineFromNodeBundle] }),
  ...launchersAfterTheirBundles(),
  build({ ...web, entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/web/client.js', external: ['vscode'] }),
  build({ ...web, format: 'iife', entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/web/server.js' }),
]);
if (common.metafile) {
  for (const { metafile } of built) console.log(await analyzeMetafile(metafile));
}
