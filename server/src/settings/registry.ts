// Every setting, once: lint checks directive values through it, completion and hover document them, replay reads
// their defaults, the CLI and the VS Code client read their names, and package.json is checked against it.
import {
  CA_FILE_SETTING,
  INCLUDES_ALLOWED_FOLDERS_SETTING,
  INSECURE_TLS_SETTING,
  KEEP_GOING_SETTING,
  KEEP_VOLATILE_TEXT_SETTING,
  LINT_RULES_SETTING,
  SHOW_RESULT_VIEW_SETTING,
  TESTING_EXCLUDE_SETTING,
} from './editorSettings';
import {
  LOCAL_SERVER_COMMAND_TIMEOUT_SETTING,
  LOCAL_SERVER_MAIL_DIRECTORY_SETTING,
  LOCAL_SERVER_MIN_RATE_SETTING,
  LOCAL_SERVER_PORT_SETTING,
  LOCAL_SERVER_REJECT_DOMAINS_SETTING,
  LOCAL_SERVER_TLS_PORT_SETTING,
  LOCAL_SERVER_USER_SETTING,
  LOCAL_SERVER_ZONE_FILE_SETTING,
  LOCAL_SERVER_ENFORCE_AUTH_SETTING,
  LOCAL_SERVER_RECORD_SETTING,
  MOCK_PORT_SETTING,
  MOCK_ZONE_FILE_SETTING,
  MOCK_ENFORCE_AUTH_SETTING,
  RECORD_FOLDER_SETTING,
  RECORD_PORT_SETTING,
} from './builtInServerSettings';
import { DIRECTIVE_SETTINGS, SERVER_SETTING, PORT_SETTING, TLS_SETTING, TIMEOUT_SETTING, CONNECT_TIMEOUT_SETTING } from './replaySettings';
import type { SettingSpec } from './settingSpec';
import type { SettingProblem } from './settingValues';

/** All settings, in package.json's order for those the editor has. */
export const SETTINGS: readonly SettingSpec[] = [
  LINT_RULES_SETTING,
  SERVER_SETTING,
  PORT_SETTING,
  TLS_SETTING,
  TIMEOUT_SETTING,
  CONNECT_TIMEOUT_SETTING,
  KEEP_GOING_SETTING,
  SHOW_RESULT_VIEW_SETTING,
  KEEP_VOLATILE_TEXT_SETTING,
  TESTING_EXCLUDE_SETTING,
  INCLUDES_ALLOWED_FOLDERS_SETTING,
  CA_FILE_SETTING,
  INSECURE_TLS_SETTING,
  LOCAL_SERVER_PORT_SETTING,
  LOCAL_SERVER_TLS_PORT_SETTING,
  LOCAL_SERVER_USER_SETTING,
  LOCAL_SERVER_REJECT_DOMAINS_SETTING,
  LOCAL_SERVER_COMMAND_TIMEOUT_SETTING,
  LOCAL_SERVER_MIN_RATE_SETTING,
  LOCAL_SERVER_MAIL_DIRECTORY_SETTING,
  LOCAL_SERVER_ZONE_FILE_SETTING,
  LOCAL_SERVER_ENFORCE_AUTH_SETTING,
  LOCAL_SERVER_RECORD_SETTING,
  MOCK_PORT_SETTING,
  MOCK_ZONE_FILE_SETTING,
  MOCK_ENFORCE_AUTH_SETTING,
  RECORD_PORT_SETTING,
  RECORD_FOLDER_SETTING,
  ...DIRECTIVE_SETTINGS.filter((spec) => !spec.editor),
];

export type DirectiveSettingName = (typeof DIRECTIVE_SETTINGS)[number]['name'];
export type DirectiveSetting = (typeof DIRECTIVE_SETTINGS)[number];

/** The `@name`s replay reads; every other directive name is a variable. */
export const DIRECTIVE_SETTING_NAMES: readonly DirectiveSettingName[] = DIRECTIVE_SETTINGS.map((spec) => spec.name);

export function isDirectiveSetting(name: string): name is DirectiveSettingName {
  return (DIRECTIVE_SETTING_NAMES as readonly string[]).includes(name);
}

export function lookupDirectiveSetting(name: string): DirectiveSetting | undefined {
  return DIRECTIVE_SETTINGS.find((spec) => spec.name === name);
}

/** Every problem of `@name = value` (none for a name that is no replay setting, or an empty value of an optional one). */
export function checkSettingValue(name: string, value: string): readonly SettingProblem[] {
  return lookupDirectiveSetting(name)?.check(value) ?? [];
}

/** The settings the editor has, each with its `smtp.*` key. */
export function editorSettings(): readonly (SettingSpec & { readonly editor: NonNullable<SettingSpec['editor']> })[] {
  return SETTINGS.filter((spec): spec is SettingSpec & { readonly editor: NonNullable<SettingSpec['editor']> } => spec.editor !== undefined);
}
