// Screenshots on request from the extension tests. The tests run in the extension host (Node), not in the page, so
// they cannot call page functions: they write `<dir>/<name>.request` (JSON: what to wait for on the page) and wait for
// `<name>.done`; the harness watches the folder, waits until the page shows what was asked (with a deadline), takes
// `<name>.png` with page.screenshot, removes the request and writes `<name>.done` (empty, or the error text), which
// the test removes once read: only the .png files stay.
import { existsSync, readFileSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Environment variable, set on code-server (inherited by its extension host), naming the request folder. */
export const SCREENSHOT_DIR_ENV = 'SMTP_E2E_SCREENSHOT_DIR';
/**
 * The same protocol without the picture, in every run of run-code-server.js: what a user types into the workbench
 * (an input box, a quick pick's filter) is typed by the harness on the page, where keyboard events come from.
 */
export const PAGE_DIR_ENV = 'SMTP_E2E_PAGE_DIR';

const REQUEST_SUFFIX = '.request';

/**
 * What the harness does on the page before the picture, in order: wait until an element (a CSS selector, with
 * Playwright's `:has-text()`) is visible, wait until an element is visible inside a webview (a result view, a
 * walkthrough step's markdown, whose content loads after its frame), press a key (Playwright's names, e.g.
 * `Control+Space`) for what only the keyboard opens once a widget shows, type text into whatever has the focus, click
 * an element (a menu's entry), move the mouse onto an element (away from the editor's text, whose hovers would
 * cover a menu), or wait until an element is gone (a closing quick pick, before the next one opens).
 */
export type ScreenshotStep =
  | { waitFor: string }
  | { waitInWebview: string }
  | { press: string }
  | { type: string }
  | { click: string }
  | { hover: string }
  | { waitHidden: string };

export interface ScreenshotRequest {
  steps?: ScreenshotStep[];
}

/** Harness side: answers requests until the returned watcher is closed. */
export function serveScreenshotRequests(
  dir: string,
  takeScreenshot: (pngPath: string, request: ScreenshotRequest) => Promise<void>,
): FSWatcher {
  const handled = new Set<string>();
  let queue = Promise.resolve();
  const answer = (name: string): void => {
    if (handled.has(name) || !existsSync(join(dir, name + REQUEST_SUFFIX))) return;
    handled.add(name);
    // One at a time, in request order.
    queue = queue.then(async () => {
      let error = '';
      try {
        const requestFile = join(dir, name + REQUEST_SUFFIX);
        const text = readFileSync(requestFile, 'utf8');
        rmSync(requestFile, { force: true });
        await takeScreenshot(join(dir, `${name}.png`), text === '' ? {} : (JSON.parse(text) as ScreenshotRequest));
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      // Written aside and renamed, as the request is: read half-written (empty), a failed step would pass.
      writeFileSync(join(dir, `${name}.done.draft`), error);
      renameSync(join(dir, `${name}.done.draft`), join(dir, `${name}.done`));
    });
  };
  return watch(dir, (_event, file) => {
    if (file !== null && file.endsWith(REQUEST_SUFFIX)) answer(file.slice(0, -REQUEST_SUFFIX.length));
  });
}

/**
 * Extension-test side: asks the harness for a screenshot of the workbench as it is now and waits until it is written.
 * Returns the .png path, or undefined when no harness serves screenshots (the run was started without --screenshot).
 */
export async function requestScreenshot(
  name: string,
  env: NodeJS.ProcessEnv,
  request: ScreenshotRequest = {},
  timeoutMs = 30_000,
): Promise<string | undefined> {
  const dir = env[SCREENSHOT_DIR_ENV];
  if (dir === undefined || dir === '') return undefined;
  await exchangeRequest(dir, name, request, timeoutMs);
  return join(dir, `${name}.png`);
}

let pageRequests = 0;

/**
 * Extension-test side: has the harness perform `steps` on the workbench page (type into the focused input box, press
 * Enter...) and waits until it has. Rejects when no harness serves the page (a runner without one, run-electron.js).
 */
export async function performOnPage(what: string, steps: ScreenshotStep[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<void> {
  const dir = env[PAGE_DIR_ENV];
  if (dir === undefined || dir === '') throw new Error(`${what} needs the workbench page: run the suite with run-code-server.js`);
  await exchangeRequest(dir, `page-${process.pid}-${++pageRequests}`, { steps }, timeoutMs, what);
}

async function exchangeRequest(dir: string, name: string, request: ScreenshotRequest, timeoutMs: number, what = `screenshot '${name}'`): Promise<void> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  const donePath = join(dir, `${name}.done`);
  const done = new Promise<void>((resolve, reject) => {
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      watcher.close();
      if (error === undefined) resolve(); else reject(error);
    };
    const timer = setTimeout(() => finish(new Error(`no answer to ${what} after ${timeoutMs} ms`)), timeoutMs);
    // Watch before writing the request so the answer cannot slip by unseen.
    const watcher: FSWatcher = watch(dir, (_event, file) => { if (file === `${name}.done` && existsSync(donePath)) finish(); });
  });
  // Written aside and renamed: the harness may read a request the moment its name appears, never half-written.
  const draft = join(dir, `${name}.draft`);
  writeFileSync(draft, JSON.stringify(request));
  renameSync(draft, join(dir, name + REQUEST_SUFFIX));
  await done;
  const error = readFileSync(donePath, 'utf8');
  rmSync(donePath, { force: true });
  if (error !== '') throw new Error(`${what} failed: ${error}`);
}
