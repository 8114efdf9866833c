// dist/nodeEngine.js: one bundle for everything Node runs of the engine, shared instead of three copies of the same
// model, features and replay (each bundle held its own; together they were 1.5 MB of the package). Nothing runs on
// load (the modules are pure); each reader takes its part:
// - the CLI: its launcher dist/cli.js calls runCliProcess (cli/cliLauncher.ts);
// - the language server: dist/serverMain.js makes its features with createNodeLanguageFeatures after `initialize`;
// - the VS Code client: its command parts (dist/commandParts.js) take the engine's door, engine/index.ts, from it
//   with them, and replay, the local server and the scripted server on first replay (client/src/replayEngine.ts).
export * from '../engine/index';
export * from '../engine/replayEngine';
export { createNodeLanguageFeatures } from '../lsp/nodeLanguageFeatures';
export { runCliProcess } from '../cli/cliProcess';
