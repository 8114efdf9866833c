// Where to replay when neither the transcript nor the settings say: the local test server, a recent server, or a new one.
import { parseServerAddress } from '../../server/src/engine';
import * as vscode from 'vscode';

const RECENT_KEY = 'smtp.recentServers';
export const LOCAL_TARGET = 'local';

export type PickedTarget = { kind: 'local' } | { kind: 'server'; host: string; port?: number };

/** The model's reading of `@server`: the editor accepts exactly what a transcript and the CLI accept. */
export const parseServer = parseServerAddress;

export async function pickTarget(state: vscode.Memento): Promise<PickedTarget | undefined> {
  const recent = state.get<string[]>(RECENT_KEY, []);
  const items: Array<vscode.QuickPickItem & { value: string }> = [
    { label: '$(server-process) Local test server', description: 'built in, on 127.0.0.1', value: LOCAL_TARGET },
    ...recent.map((r) => ({ label: `$(history) ${r}`, description: 'recent', value: r })),
    { label: '$(edit) Enter a server...', description: 'host, host:port or mx:domain', value: '' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Replay against which SMTP server?',
    placeHolder: 'The transcript has no @server directive and smtp.replay.server is not set',
  });
  if (!picked) return undefined;
  if (picked.value === LOCAL_TARGET) return { kind: 'local' };
  const text =
    picked.value ||
    (await vscode.window.showInputBox({
      title: 'SMTP server',
      prompt: 'host, host:port, [IPv6]:port or mx:example.com',
      validateInput: (v) => (parseServer(v) ? undefined : 'Expected host, host:port or mx:domain'),
    }));
  const server = text ? parseServer(text) : undefined;
  if (!server) return undefined;
  await state.update(RECENT_KEY, [text!, ...recent.filter((r) => r !== text)].slice(0, 8));
  return { kind: 'server', ...server };
}
