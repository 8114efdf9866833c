// Screenshots on request from the extension tests. The tests run in the extension host (Node), not in the page, so
// they cannot call page functions: they write `<dir>/<name>.request` (JSON: what to wait for on the page) and wait for
// `<name>.done`; the harness watches the folder, waits until the page shows what was asked (with a deadline), takes
// `<name>.png` with page.screenshot, removes the request and writes `<name>.done` (empty, or the error text), which
// the test removes once read: only the .png files stay.
import { existsSync, readFileSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Environment variable, set on code-server (inherited by its extension host), naming the request folder. */
export const SCREENSHOT_DIR_ENV = 'SMTP_E2E_SCREENSHOT_DIR';

const REQUEST_SUFFIX = '.request';

/**
 * What the harness does on the page before the picture, in order: wait until an element (a CSS selector) is visible,
 * wait until an element is visible inside a webview (a result view, a walkthrough step's markdown), whose content
 * loads after its frame, or press a key (Playwright's names, e.g. `Control+Space`) for what only the keyboard opens
 * once a widget shows.
 */
export type ScreenshotStep = { waitFor: string } | { waitInWebview: string } | { press: string };

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
      writeFileSync(join(dir, `${name}.done`), error);
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
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  const donePath = join(dir, `${name}.done`);
  const done = new Promise<void>((resolve, reject) => {
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      watcher.close();
      if (error === undefined) resolve(); else reject(error);
    };
    const timer = setTimeout(() => finish(new Error(`no screenshot '${name}' after ${timeoutMs} ms`)), timeoutMs);
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
  if (error !== '') throw new Error(`screenshot '${name}' failed: ${error}`);
  return join(dir, `${name}.png`);
}
