// Secrets for `{{$env NAME}}` references that the environment does not set: kept in VS Code's SecretStorage,
// keyed by server, user and variable, asked for once, never written to settings or files.
import { environmentVariablesUsed, isSecretName, type Transcript } from '../../server/src/engine';
import * as vscode from 'vscode';

const INDEX_KEY = 'smtp.storedPasswordKeys';

export interface SecretScope {
  /** `host:port` of the target. */
  server: string;
  /** The transcript's `@user`, or empty. */
  user: string;
}

/** Where the local test server's own password is kept (what it accepts for AUTH; its default is testpass). */
export const LOCAL_SERVER_PASSWORD_SCOPE: SecretScope = { server: 'local', user: '' };

export class PasswordStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  key(scope: SecretScope, variable: string): string {
    return `smtp-transcripts:${scope.server}:${scope.user}:${variable}`;
  }

  async set(key: string, value: string): Promise<void> {
    await this.secrets.store(key, value);
    const keys = new Set(this.state.get<string[]>(INDEX_KEY, []));
    keys.add(key);
    await this.state.update(INDEX_KEY, [...keys]);
  }

  get(key: string): Thenable<string | undefined> {
    return this.secrets.get(key);
  }

  async clearAll(): Promise<number> {
    const keys = this.state.get<string[]>(INDEX_KEY, []);
    await Promise.all(keys.map((k) => this.secrets.delete(k)));
    await this.state.update(INDEX_KEY, []);
    return keys.length;
  }

  async ask(scope: SecretScope, variable: string): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: `Password for ${scope.user || 'the transcript'} on ${scope.server}`,
      prompt: `The transcript reads {{$env ${variable}}}, which is not set. The value is kept in VS Code's secret storage.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value !== undefined) await this.set(this.key(scope, variable), value);
    return value;
  }
}

/**
 * The environment a replay sees: the process environment plus, for each `{{$env NAME}}` it lacks, a stored secret
 * (asked for once when missing) or a value typed for this run. Undefined when the user cancels.
 */
export async function environmentForReplay(
  transcript: Transcript,
  scope: SecretScope,
  store: PasswordStore,
  base: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string | undefined> | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const name of environmentVariablesUsed(transcript)) {
    if (env[name] !== undefined) continue;
    if (isSecretName(name)) {
      const value = (await store.get(store.key(scope, name))) ?? (await store.ask(scope, name));
      if (value === undefined) return undefined;
      env[name] = value;
      continue;
    }
    const value = await vscode.window.showInputBox({
      title: `Value of ${name}`,
      prompt: `The transcript reads {{$env ${name}}}, which is not set in VS Code's environment. Used for this replay only.`,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    env[name] = value;
  }
  return env;
}
