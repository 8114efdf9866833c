// Drives the code-server workbench in headless Chromium (playwright-core) and reports the extension tests' result.
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Flags found to work for Debian's Chromium as root in a container; playwright adds --headless itself.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Resolves with the code VS Code passes to window.codeAutomationExit: 0 when run() resolved, 1 when it rejected. */
  readonly exitCode: Promise<number>;
}

export interface TestPayload {
  readonly codeServerUrl: string;
  /** A folder, a `.code-workspace` file (a multi-root workspace), or undefined: a window with no folder open. */
  readonly workspace: string | undefined;
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath: string;
  /** `web`: run the extension (its `browser` entry) and the tests in the web worker extension host. */
  readonly extensionDevelopmentKind?: 'web';
}

/** The workbench URL whose `payload` asks VS Code to run an extension test module, as --extensionTestsPath would. */
export function payloadUrl(p: TestPayload): string {
  // A path is on code-server's machine; a URL (the web extension's http://localhost:...) is used as it is.
  const remote = (path: string): string => (/^https?:\/\//.test(path) ? path : `vscode-remote://${new URL(p.codeServerUrl).host}${path}`);
  const payload = [
    ['extensionDevelopmentPath', remote(p.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(p.extensionTestsPath)],
    ...(p.extensionDevelopmentKind ? [['extensionDevelopmentKind', p.extensionDevelopmentKind]] : []),
  ];
  // `ew=true`: code-server's empty window (without it, it opens the last folder).
  const opened = p.workspace === undefined ? 'ew=true'
    : `${p.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(p.workspace)}`;
  return `${p.codeServerUrl}/?${opened}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function openBrowser(
  chromiumPath: string,
  profileDir: string,
  env: NodeJS.ProcessEnv,
  onLog: (level: string, message: unknown) => void,
  /** bypassCSP: only for the web extension run (test/e2e/web-extension-host.ts says why). */
  options: { bypassCSP?: boolean } = {},
): Promise<BrowserSession> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: env as Record<string, string>,
    viewport: { width: 1400, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    // What a user grants when the workbench first asks: the tests read what a command copied (Copy Session as...).
    permissions: ['clipboard-read', 'clipboard-write'],
    // The harness installs its own signal handling and cleans up in one place.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let reportExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => { reportExit = resolve; });
  // Both must exist before the workbench loads: it looks them up on window when the tests end / when it logs.
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => onLog(level, message));
  page.on('crash', () => onLog('error', 'e2e: the workbench page crashed'));
  // The web worker extension host's console.log reaches the page's console, not codeAutomationLog.
  page.on('console', (message) => {
    if (message.text().startsWith('e2e:')) onLog('info', message.text());
  });
  return { context, page, exitCode };
}
