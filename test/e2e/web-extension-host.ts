// Runs the packaged extension in VS Code's web worker extension host, as vscode.dev does: the extension's files are
// served over HTTP (here from 127.0.0.1, as @vscode/test-web serves them) and named in the workbench configuration's
// `developmentOptions.extensions`, the option VS Code's web workbench reads extensions under development from.
// code-server does not set that option from its command line, so the harness adds it to the workbench page it loads.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { extname, join, resolve, sep } from 'node:path';
import type { Page } from 'playwright-core';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.md': 'text/markdown', '.png': 'image/png', '.svg': 'image/svg+xml' };

export interface ServedExtension {
  /** The extension folder's URL (`http://localhost:PORT/extension`): `localhost`, which the worker's script-src allows. */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `folder` read-only at /extension on 127.0.0.1, with CORS for the extension host's iframe. */
export async function serveExtensionFolder(folder: string): Promise<ServedExtension> {
  const root = resolve(folder);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(root, '.' + path.replace(/^\/extension(?=\/|$)/, ''));
    const inside = file === root || file.startsWith(root + sep);
    const isFile = inside && statSync(file, { throwIfNoEntry: false })?.isFile();
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.method !== 'GET' || !path.startsWith('/extension/') || !isFile) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const origin = `http://localhost:${port}`;
  return { url: `${origin}/extension`, origin, close: () => new Promise((done) => server.close(() => done())) };
}

/**
 * Makes the workbench page load `extension` as a web extension under development: before VS Code's scripts read the
 * configuration meta element, an init script adds `developmentOptions.extensions` to it. (Rewriting the page's HTTP
 * response instead broke code-server's WebSocket.) The page's CSP would refuse http://localhost in connect-src, so
 * the browser context is opened with bypassCSP (vscode.dev serves extensions over https, which its CSP allows).
 */
export async function loadAsWebExtension(page: Page, extension: ServedExtension): Promise<void> {
  const location = new URL(extension.url);
  const uri = { scheme: 'http', authority: location.host, path: location.pathname };
  // Page code, as text: the harness is compiled without the DOM types.
  await page.addInitScript({
    content: `(() => {
      const observer = new MutationObserver(() => {
        const meta = document.getElementById('vscode-workbench-web-configuration');
        if (!meta) return;
        observer.disconnect();
        const config = JSON.parse(meta.getAttribute('data-settings') || '{}');
        config.developmentOptions = { ...config.developmentOptions, extensions: [${JSON.stringify(uri)}] };
        meta.setAttribute('data-settings', JSON.stringify(config));
      });
      observer.observe(document, { childList: true, subtree: true });
    })();`,
  });
}

/** Where the web suite bundle goes: inside the extension folder, so VS Code runs it in the extension's own host. */
export const webSuiteFile = (extensionFolder: string): string => join(extensionFolder, 'e2e-web-suite.js');
