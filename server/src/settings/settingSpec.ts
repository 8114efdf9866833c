// What the project knows about one setting, written once: its names in a transcript (`@timeout`), on the command line
// (`--timeout`) and in the editor (`smtp.replay.timeout`), how its value is read and checked, its default, and the
// text completion, hover and package.json show. Read by lint, completion, hover, replay, the CLI and the VS Code client.
import type { SettingProblem } from './settingValues';

/** Where a setting can be given: an `@name = value` directive, a CLI option, an editor setting. */
export type SettingScope = 'directive' | 'cli' | 'editor';

export interface SettingValueDoc {
  readonly value: string;
  /** Shown by completion and hover after `@name = `. */
  readonly summary: string;
  /** package.json `enumDescriptions` (an editor setting says it from the editor's side). */
  readonly editorDescription?: string;
}

/** The `contributes.configuration` entry of an editor setting, apart from its default and description. */
export interface EditorSchema {
  readonly type: 'string' | 'number' | 'boolean' | 'array' | 'object' | readonly ['number', 'null'];
  /** The setting offers exactly its documented values (`docs.values`) as an enum. */
  readonly enumFromValues?: boolean;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: object;
  readonly additionalProperties?: object;
}

export interface EditorFacet {
  readonly key: `smtp.${string}`;
  /** The value package.json declares, as the editor stores it (`'30s'`, `null`, `['reject.test']`). */
  readonly default: unknown;
  readonly description: { readonly markdown: boolean; readonly text: string };
  readonly schema: EditorSchema;
  /** Kept from untrusted workspaces (`capabilities.untrustedWorkspaces.restrictedConfigurations`). */
  readonly restricted?: boolean;
  /**
   * Read for a document (VS Code's `resource` scope): a folder of a multi-root workspace may set it in its own
   * .vscode/settings.json. Without it the setting is `window` scoped and VS Code ignores a folder's value there.
   */
  readonly perDocument?: boolean;
  /**
   * What the value is, as a refusal of it says (`smtp.localServer.user takes a user name, not the number 42`); the
   * schema's range follows it. Without it, a port, a boolean or an enum is said from the schema (editorValues.ts).
   */
  readonly takes?: string;
}

export interface SettingSpec<T = unknown> {
  /** The setting's own name; for a directive setting, the directive name (`connect-timeout`). */
  readonly name: string;
  readonly scope: readonly SettingScope[];
  readonly type: 'string' | 'number' | 'boolean' | 'string[]' | 'object' | 'duration' | 'port' | 'enum' | 'server' | 'path' | 'keywords';
  /** `@name`, when a transcript can set it. */
  readonly directive?: string;
  /** `--name`, when the CLI takes it. */
  readonly cliOption?: string;
  readonly editor?: EditorFacet;
  /** What replay uses when nothing sets it (milliseconds for a duration); undefined when the caller decides. */
  readonly default: T | undefined;
  /** The default as documentation says it: `30s`, `25, or 465 with \`@tls = implicit\``. */
  readonly defaultText: string;
  /** The value in replay's terms, or undefined when it is not valid (see `check` for why). */
  parse(text: string): T | undefined;
  /** Every problem of `@name = text`, as lint and replay report it (none for an empty value of an optional setting). */
  check(text: string): readonly SettingProblem[];
  readonly docs: {
    /** What the value is, for completion and hover. */
    readonly summary: string;
    /** Shown as `value` in documentation. */
    readonly valueSyntax: string;
    /** Values offered after `@name = `, each with what it means. */
    readonly values?: readonly SettingValueDoc[];
  };
}
