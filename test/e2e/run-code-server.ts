// Runs the end-to-end suite inside a real VS Code: code-server (VS Code's server build) in headless Chromium.
// The packaged .vsix is installed into a fresh extensions folder and the installed copy is what runs, so what ships
// is what is tested. Usage (after `npm run package` and `npx tsc -b`; tools from .ci/e2e-setup.sh):
//   node out/test/e2e/run-code-server.js [--vsix F] [--workspace D] [--tests F] [--screenshot D] [--figures F]
//                                        [--timeout S] [--verbose] [--keep] [--web] [--workspace-trust] [--only RE]
//                                        [--multi-root | --no-folder]
// --web runs the web build (package.json `browser`) in the web worker extension host with the suite test/e2e/web.
// --screenshot D without --tests runs the screenshot scenarios (out/test/e2e/screenshots) instead of the suite.
// --workspace-trust turns VS Code's workspace trust on (the folder opens untrusted) and runs test/e2e/untrusted.
// --multi-root opens a workspace of two folders (alpha, beta) and runs test/e2e/multiRoot; --no-folder opens a window
// with no folder and runs test/e2e/noFolder.
// --only RE runs the suite's file tests whose name matches RE (the activation tests always run).
// Exit code: the tests' (0 pass, 1 fail), 1 on timeout or harness error, 3 when tooling is missing outside CI.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBrowser, payloadUrl, type BrowserSession } from './browser-session';
import { installExtension, killProcessGroupNow, startCodeServer, stopProcessGroup, type RunningCodeServer } from './code-server-process';
import { findCodeServerTooling, reportUnavailable } from './e2e-tooling';
import { assertInputsExist, defaultPaths, extensionIdFromManifest, FIGURES_FILE_ENV, ONLY_TESTS_ENV } from './harness-defaults';
import { makeScratchDirs, removeScratchDirs, scratchEnv, type ScratchDirs } from './scratch-dirs';
import { PAGE_DIR_ENV, SCREENSHOT_DIR_ENV, serveScreenshotRequests, type ScreenshotStep } from './screenshot-requests';
import { prepareMultiRootWorkspace, prepareTestWorkspace } from './test-workspace';
import { loadAsWebExtension, serveExtensionFolder, webSuiteFile, type ServedExtension } from './web-extension-host';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string', default: defaultPaths.vsix },
    workspace: { type: 'string', default: defaultPaths.workspace },
    tests: { type: 'string' },
    screenshot: { type: 'string' },
    figures: { type: 'string', default: defaultPaths.figures },
    timeout: { type: 'string', default: '300' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
    'workspace-trust': { type: 'boolean', default: false },
    only: { type: 'string' },
    'multi-root': { type: 'boolean', default: false },
    'no-folder': { type: 'boolean', default: false },
  },
});

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string): void => console.log(`[e2e-harness] ${line}`);

/** Everything started so far, so that every way out (result, timeout, signal, crash) stops the same things. */
const started: { dirs?: ScratchDirs; codeServer?: RunningCodeServer; browser?: BrowserSession; webExtension?: ServedExtension } = {};

async function cleanUp(): Promise<void> {
  await started.browser?.context.close().catch(() => undefined);
  if (started.codeServer) await stopProcessGroup(started.codeServer.process);
  await started.webExtension?.close();
  if (started.dirs && !options.keep) removeScratchDirs(started.dirs);
  else if (started.dirs) say(`kept scratch folder ${started.dirs.root}`);
}

/**
 * Lines from VS Code's log: the tests' own output (console.log in the extension host) always, errors always, the rest
 * with --verbose. The workbench passes the logger's arguments (an array), not one string.
 */
function forwardLog(level: string, message: unknown): void {
  const text = Array.isArray(message) ? message.map(String).join(' ') : String(message);
  const fromTests = text.startsWith('e2e:') || text.includes('[Extension Host]');
  if (fromTests) console.log(options.verbose ? `[${level}] ${text}` : text);
  else if (options.verbose || level === 'error') console.log(`[vscode ${level}] ${text}`);
}

async function main(): Promise<number> {
  const vsix = resolve(options.vsix);
  const workspaceSource = resolve(options.workspace);
  const testsModule = resolve(options.tests ?? defaultTests());
  assertInputsExist({ vsix, workspace: workspaceSource, tests: testsModule }, existsSync);
  const tooling = findCodeServerTooling(process.env);
  if ('missing' in tooling) return reportUnavailable(tooling.missing, 'run .ci/e2e-setup.sh', process.env);

  const extensionId = extensionIdFromManifest();
  const dirs = (started.dirs = makeScratchDirs());
  const workspace = options['no-folder'] ? undefined
    : options['multi-root'] ? prepareMultiRootWorkspace(dirs.workspace)
      : prepareTestWorkspace(workspaceSource, defaultPaths.examples, dirs.workspace);
  // No extension gallery: nothing to look up, and no failing lookups (these machines cannot reach one) in the log.
  const env: NodeJS.ProcessEnv = { ...scratchEnv(dirs, process.env), EXTENSIONS_GALLERY: '{}' };
  env[FIGURES_FILE_ENV] = resolve(options.figures);
  if (options.only !== undefined) env[ONLY_TESTS_ENV] = options.only;
  mkdirSync(dirname(resolve(options.figures)), { recursive: true });
  // Typing into the workbench for the tests (an input box's answer), as page-requests in the scratch folder.
  const pageRequestDir = join(dirs.root, 'page-requests');
  mkdirSync(pageRequestDir);
  env[PAGE_DIR_ENV] = pageRequestDir;
  if (options.screenshot !== undefined) {
    mkdirSync(resolve(options.screenshot), { recursive: true });
    env[SCREENSHOT_DIR_ENV] = resolve(options.screenshot);
  }

  let t = Date.now();
  let extensionFolder = await installExtension(tooling, dirs, vsix, extensionId, env);
  say(`installed ${extensionId} into ${extensionFolder} in ${seconds(t)}`);
  let tests = testsModule;
  if (options.web) {
    // The web worker host gets the installed files over HTTP; code-server's own (Node) host must not load them too.
    const webFolder = join(dirs.root, 'web-extension');
    renameSync(extensionFolder, webFolder);
    writeFileSync(join(dirs.extensions, 'extensions.json'), '[]');
    await bundleWebSuite(testsModule, webSuiteFile(webFolder));
    started.webExtension = await serveExtensionFolder(webFolder);
    extensionFolder = started.webExtension.url;
    tests = `${started.webExtension.url}/${basename(webSuiteFile(webFolder))}`;
    say(`serving the extension for the web worker host at ${extensionFolder}`);
  }

  t = Date.now();
  started.codeServer = await startCodeServer(tooling, dirs, workspace, env, (line) => {
    if (options.verbose) console.log(`[code-server] ${line}`);
  }, { workspaceTrust: options['workspace-trust'] });
  say(`code-server ready at ${started.codeServer.url} in ${seconds(t)}`);

  t = Date.now();
  const browser = (started.browser = await openBrowser(tooling.chromium, dirs.chromiumProfile, env, forwardLog, { bypassCSP: options.web }));
  if (started.webExtension) await loadAsWebExtension(browser.page, started.webExtension);
  say(`Chromium started in ${seconds(t)}`);
  const performStep = async (step: ScreenshotStep): Promise<void> => {
    if ('press' in step) await browser.page.keyboard.press(step.press);
    else if ('type' in step) await browser.page.keyboard.type(step.type);
    else if ('click' in step) await browser.page.locator(step.click).first().click({ timeout: 15_000 });
    else if ('hover' in step) await browser.page.locator(step.hover).first().hover({ timeout: 15_000 });
    else if ('waitHidden' in step) await browser.page.locator(step.waitHidden).first().waitFor({ state: 'hidden', timeout: 15_000 });
    else if ('waitInWebview' in step) {
      // A webview is two frames deep: the workbench's iframe.webview, then the content's #active-frame.
      const content = browser.page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
      await content.locator(step.waitInWebview).first().waitFor({ state: 'visible', timeout: 15_000 });
    } else await browser.page.locator(step.waitFor).first().waitFor({ state: 'visible', timeout: 15_000 });
  };
  const perform = async (steps: readonly ScreenshotStep[] = []): Promise<void> => {
    for (const step of steps) {
      try {
        await performStep(step);
      } catch (error) {
        // What the page showed instead, kept outside the scratch folder (which is removed).
        const png = join(tmpdir(), `smtp-e2e-failed-step-${Date.now()}.png`);
        await browser.page.screenshot({ path: png }).catch(() => undefined);
        throw new Error(`${error instanceof Error ? error.message.split('\n')[0] : String(error)} (the page then: ${png})`);
      }
    }
  };
  const pageSteps = serveScreenshotRequests(pageRequestDir, (_png, request) => perform(request.steps));
  const screenshots = options.screenshot === undefined ? undefined
    : serveScreenshotRequests(resolve(options.screenshot), async (png, request) => {
      await perform(request.steps);
      await browser.page.screenshot({ path: png });
      say(`screenshot ${png}`);
    });

  t = Date.now();
  let testsFinished = false;
  const codeServerGone = new Promise<number>((resolveGone) => started.codeServer?.process.once('exit', () => {
    if (testsFinished || finishing) return;
    say('code-server stopped before the tests finished');
    resolveGone(1);
  }));
  await browser.page.goto(payloadUrl({ codeServerUrl: started.codeServer.url, workspace,
    extensionDevelopmentPath: extensionFolder, extensionTestsPath: tests, ...(options.web ? { extensionDevelopmentKind: 'web' as const } : {}) }));
  const code = await Promise.race([browser.exitCode, codeServerGone]);
  testsFinished = true;
  say(`tests finished with exit code ${code} ${seconds(t)} after navigation`);
  screenshots?.close();
  pageSteps.close();
  return code;
}

function defaultTests(): string {
  if (options.web) return defaultPaths.webTestsSource;
  if (options['workspace-trust']) return defaultPaths.untrustedTests;
  if (options['multi-root']) return defaultPaths.multiRootTests;
  if (options['no-folder']) return defaultPaths.noFolderTests;
  return options.screenshot === undefined ? defaultPaths.tests : defaultPaths.screenshotScenarios;
}

/** The web worker loads the test module as one CommonJS file with only `vscode` to require: bundle it so. */
async function bundleWebSuite(source: string, outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({ entryPoints: [source], outfile, bundle: true, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], logLevel: 'warning' });
}

/** The one way out: the first caller's code wins; later calls (errors of a run being torn down) are ignored. */
let finishing = false;
function finish(code: number): void {
  if (finishing) return;
  finishing = true;
  clearTimeout(overall);
  void cleanUp().finally(() => process.exit(code));
}

const timeoutSeconds = Number(options.timeout);
const overall = setTimeout(() => {
  console.error(`E2E TIMEOUT: no test result after ${timeoutSeconds} s; stopping code-server and Chromium`);
  finish(1);
}, timeoutSeconds * 1000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`e2e harness: ${signal}, stopping code-server and Chromium`);
    finish(130);
  });
}
// Last resort if the harness dies abruptly: no code-server may outlive it.
process.once('exit', () => { if (started.codeServer) killProcessGroupNow(started.codeServer.process); });

main().then(finish, (error: unknown) => {
  if (finishing) return;
  console.error(`e2e harness error: ${error instanceof Error ? error.message : String(error)}`);
  finish(1);
});
