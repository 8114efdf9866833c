// Which lint severities apply to a document: its nearest `.smtplintrc.json`, then the editor's `smtp.lint.rules`.
import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { readRuleSettings } from '../features/lint/lintConfig';
import { mergeRuleSettings, type RuleSettings } from '../features/lint/ruleSettings';
import { findLintConfig } from '../io/lintConfigFile';

export class LintSettings {
  private pullConfiguration = false;
  private dynamicRegistration = false;
  private readonly cache = new Map<string, Promise<RuleSettings>>();
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  configure(params: InitializeParams): void {
    this.pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    this.dynamicRegistration = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
  }

  watch(): void {
    if (this.dynamicRegistration) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'smtp' });
  }

  async changed(): Promise<void> {
    this.cache.clear();
  }

  rulesFor(uri: string): Promise<RuleSettings> {
    let rules = this.cache.get(uri);
    if (!rules) {
      rules = this.load(uri);
      this.cache.set(uri, rules);
    }
    return rules;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string): Promise<RuleSettings> {
    const file = uri.startsWith('file:') ? await findLintConfig(fileURLToPath(uri)) : { rules: {}, problems: [] };
    for (const problem of file.problems) this.warnOnce(`${file.path ?? '.smtplintrc.json'}: ${problem.message}`);
    const editor = this.pullConfiguration
      ? ((await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'smtp.lint' }).catch(() => undefined)) as
          | { rules?: Record<string, unknown> }
          | undefined)
      : undefined;
    const fromEditor = readRuleSettings(editor?.rules ?? {});
    for (const problem of fromEditor.problems) this.warnOnce(`smtp.lint.rules: ${problem.message}`);
    return mergeRuleSettings(file.rules, fromEditor.rules);
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    void this.connection.window.showWarningMessage(message);
  }
}
