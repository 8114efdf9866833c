// The layer order of docs/architecture.md, enforced: `npm run lint:boundaries`, and the unit suite's
// test/unit/architecture/boundaries.test.ts (which also proves the check fails on an upward import).
//
//   knowledge -> dialogue | settings -> model -> mime | mailauth -> features | replay | import | export | smtpTestServer
//     -> record | report -> engine | io -> adapters (lsp, cli, client) -> bundles
//
// Arrows point right only: a module may import its own layer's folder and any folder to its left. Layers of the
// same rank do not import each other (replay does not know lint, import does not know replay).
const SRC = '^server/src/';
const folder = (...names) => `${SRC}(${names.join('|')})/`;

const ALL_SERVER = ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'features', 'replay', 'import', 'export', 'smtpTestServer', 'record', 'report', 'engine', 'io', 'lsp', 'cli', 'bundles'];
/** What each folder may import from server/src, besides itself. */
const ALLOWED = {
  knowledge: [],
  dialogue: ['knowledge'],
  settings: ['knowledge'],
  model: ['knowledge', 'dialogue', 'settings'],
  // Message building (MIME encodings) and mail authentication (DKIM signing, SPF/DKIM/DMARC/ARC checks, zone files):
  // libraries that replay, lint, the local server and the CLI all use, and that know no feature of their own.
  mime: ['knowledge', 'dialogue', 'settings', 'model'],
  mailauth: ['knowledge', 'dialogue', 'settings', 'model'],
  features: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth'],
  replay: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth'],
  import: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth'],
  // "Copy as command" (swaks, openssl, smtplib, Nodemailer): reads the model, knows no replay.
  export: ['knowledge', 'dialogue', 'settings', 'model'],
  smtpTestServer: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth'],
  // The recorder reads what the test servers and the recording proxy tap (smtpTestServer's WireTap) and writes
  // with the import's writer: one home for pairing replies and for keeping credentials out of a transcript.
  record: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'import', 'smtpTestServer'],
  report: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'replay', 'smtpTestServer'],
  engine: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'features', 'replay', 'import', 'export', 'smtpTestServer', 'record', 'report', 'io'],
  io: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'features'],
  lsp: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'features', 'io'],
  cli: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'features', 'replay', 'import', 'export', 'smtpTestServer', 'record', 'report', 'engine', 'io'],
  // The entries esbuild bundles that join adapters: dist/nodeEngine.js serves the CLI, the language server's features
  // and the client's replay from one bundle (esbuild.mjs). Nothing imports a bundle's entry.
  bundles: ['knowledge', 'dialogue', 'settings', 'model', 'mime', 'mailauth', 'features', 'replay', 'import', 'export', 'smtpTestServer', 'record', 'report', 'engine', 'io', 'lsp', 'cli'],
};

const layerRules = Object.entries(ALLOWED).map(([from, allowed]) => {
  const forbidden = ALL_SERVER.filter((name) => name !== from && !allowed.includes(name));
  return {
    name: `layer-${from}`,
    comment: `server/src/${from} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (docs/architecture.md)`,
    severity: 'error',
    from: { path: `${SRC}${from}/` },
    to: { path: folder(...forbidden) },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'client-through-engine',
      comment: 'The VS Code client reaches the engine through server/src/engine only, never by deep imports',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: SRC, pathNot: `${SRC}engine/` },
    },
    {
      name: 'lint-through-its-index',
      comment: 'Outside features/lint, the linter is used through features/lint/index.ts',
      severity: 'error',
      from: { path: '^server/src/', pathNot: `${SRC}features/lint/` },
      to: { path: `${SRC}features/lint/`, pathNot: `${SRC}features/lint/index\\.ts$` },
    },
    {
      name: 'completion-and-hover-apart',
      comment: 'Completion and hover share code through features/shared, not through each other',
      severity: 'error',
      from: { path: `${SRC}features/(completion|hover)/` },
      to: { path: `${SRC}features/(completion|hover)/`, pathNot: `${SRC}features/$1/` },
    },
    {
      name: 'vscode-only-in-client',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { path: '^(vscode|vscode-languageclient)($|/)' , dependencyTypes: ['npm', 'npm-dev', 'core', 'unknown', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'connection-only-in-lsp',
      comment: 'Only the language server adapter owns an LSP connection; features use the plain types package',
      severity: 'error',
      from: { path: '^server/src/', pathNot: `${SRC}lsp/` },
      to: { path: 'node_modules/vscode-languageserver/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles at run time (a rule table and the RuleId type that unions the tables may refer to each other as types)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|dist|test)/' },
  },
};
