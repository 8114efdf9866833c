// Where to replay when neither the transcript nor the settings say: the local test server, a recent server, or a new one.
import { LOCAL_TARGET, parseServerAddress } from '../../server/src/engine';
import * as vscode from 'vscode';

export { LOCAL_TARGET };

const RECENT_KEY = 'smtp.recentServers';
const RECENT_KEPT = 8;

export type PickedTarget = { kind: 'local' } | { kind: 'server'; host: string; port?: number };

/** The model's reading of `@server`: the editor accepts exactly what a transcript and the CLI accept. */
export const parseServer = parseServerAddress;

/** `local`, or a host, host:port, mx:domain or unix:/path as the user wrote it: what is remembered and shown. */
export type TargetText = string;

/** The target a remembered text names; undefined when it no longer parses. */
export function targetFromText(text: TargetText): PickedTarget | undefined {
  if (text.trim() === LOCAL_TARGET) return { kind: 'local' };
  const server = parseServer(text);
  return server && { kind: 'server', ...server };
}

/** Asks for a target; the answer joins the recent ones (the local server is always offered first). */
export async function pickTarget(state: vscode.Memento, title = 'Replay against which SMTP server?'): Promise<TargetText | undefined> {
  const recent = state.get<string[]>(RECENT_KEY, []);
  const items: Array<vscode.QuickPickItem & { value: string }> = [
    { label: '$(server-process) Local test server', description: 'built in, on 127.0.0.1', value: LOCAL_TARGET },
    ...recent.map((r) => ({ label: `$(history) ${r}`, description: 'recent', value: r })),
    { label: '$(edit) Enter a server...', description: 'host, host:port, mx:domain or unix:/path', value: '' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Remembered for this workspace: change it from the status bar ("SMTP target")',
  });
  if (!picked) return undefined;
  if (picked.value === LOCAL_TARGET) return LOCAL_TARGET;
  const text =
    picked.value ||
    (await vscode.window.showInputBox({
      title: 'SMTP server',
      prompt: 'host, host:port, [IPv6]:port or mx:example.com',
      validateInput: (v) => (parseServer(v) ? undefined : 'Expected host, host:port, mx:domain or unix:/path'),
    }));
  if (!text || !parseServer(text)) return undefined;
  await state.update(RECENT_KEY, [text, ...recent.filter((r) => r !== text)].slice(0, RECENT_KEPT));
  return text;
}

/** A server that refused the connection or does not resolve leaves the recent list. */
export async function forgetRecent(state: vscode.Memento, text: TargetText): Promise<void> {
  const recent = state.get<string[]>(RECENT_KEY, []);
  if (recent.includes(text)) await state.update(RECENT_KEY, recent.filter((r) => r !== text));
}
