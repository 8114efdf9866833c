// Which lint severities apply to a document: its nearest `.smtplintrc.json`, then the editor's `smtp.lint.rules`.
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { readRuleSettings } from '../features/lint';
import { mergeRuleSettings, type RuleSettings } from '../features/lint';
import { allowedFolderPaths, workspaceFolderOf } from '../settings/allowedFolders';
import { LINT_RULES_SETTING } from '../settings/editorSettings';
import { editorObject } from '../settings/editorValues';
import { SettingRefused } from '../settings/settingRefusal';
import type { FileAccess } from './fileAccess';
import { isJsonObject } from '../model/jsonObject';
import { showWarning } from './showWarning';
import type { WorkspaceFolderPaths } from './workspaceFolderPaths';

export class LintSettings {
  private pullConfiguration = false;
  /** The settings a client without workspace/configuration pushed in didChangeConfiguration (`{smtp: {lint: ...}}`). */
  private pushedSettings: unknown;
  private readonly cache = new Map<string, Promise<RuleSettings>>();
  private readonly reported = new Set<string>();
  private readonly includeFolders = new Map<string, Promise<string[]>>();
  constructor(
    private readonly connection: Connection,
    private readonly files: FileAccess | undefined,
    /** The workspace folders: a transcript may read includes anywhere in them. */
    private readonly folders: WorkspaceFolderPaths,
  ) {}

  configure(params: InitializeParams): void {
    this.pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  }

  /**
   * The folders besides its own whose files a transcript may name: the workspace folders and
   * `smtp.includes.allowedFolders` (which VS Code lets only a trusted workspace set), a relative one from the
   * document's workspace folder.
   */
  includeFoldersFor(uri: string): Promise<string[]> {
    let folders = this.includeFolders.get(uri);
    if (!folders) {
      folders = this.loadIncludeFolders(uri);
      this.includeFolders.set(uri, folders);
    }
    return folders;
  }

  private async loadIncludeFolders(uri: string): Promise<string[]> {
    const editor = (await this.editorSection(uri, 'smtp.includes')) as { allowedFolders?: unknown } | undefined;
    const workspace = this.folders.paths;
    const base = workspaceFolderOf(this.files?.localPath(uri), workspace);
    return [...workspace, ...allowedFolderPaths(editor?.allowedFolders, base)];
  }

  /** A client without workspace/configuration gives its settings this way only; one with it is asked instead. */
  pushed(settings: unknown): void {
    this.pushedSettings = settings;
  }

  /** The editor's settings under `section` (`smtp.lint`): asked of the client, or read from what it pushed. */
  private async editorSection(uri: string, section: string): Promise<unknown> {
    if (this.pullConfiguration) return this.connection.workspace.getConfiguration({ scopeUri: uri, section }).catch(() => undefined);
    return section.split('.').reduce<unknown>((value, key) => (isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : undefined), this.pushedSettings);
  }

  async changed(): Promise<void> {
    this.cache.clear();
    this.includeFolders.clear();
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
    this.includeFolders.delete(uri);
  }

  private async load(uri: string): Promise<RuleSettings> {
    const path = this.files?.localPath(uri);
    const file = path !== undefined && this.files ? await this.files.findLintConfig(path) : { rules: {}, problems: [] };
    for (const problem of file.problems) this.warnOnce(`${file.path ?? '.smtplintrc.json'}: ${problem.message}`);
    const editor = (await this.editorSection(uri, 'smtp.lint')) as { rules?: unknown } | undefined;
    const fromEditor = readRuleSettings(this.editorRules(editor?.rules));
    for (const problem of fromEditor.problems) this.warnOnce(`smtp.lint.rules: ${problem.message}`);
    return mergeRuleSettings(file.rules, fromEditor.rules);
  }

  /** `smtp.lint.rules` as an object, or none after saying once why not (a string's characters are no rule ids). */
  private editorRules(value: unknown): Readonly<Record<string, unknown>> {
    try {
      return editorObject(LINT_RULES_SETTING, value);
    } catch (error) {
      if (!(error instanceof SettingRefused)) throw error;
      this.warnOnce(error.message);
      return {};
    }
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    showWarning(this.connection, message);
  }
}
