// Settings given from outside a transcript only: the CLI's options and the editor's `smtp.*` settings for replay,
// lint, includes and the Testing view. The ones a transcript can also set are in `replaySettings.ts`; the built-in
// servers' are in `builtInServerSettings.ts`.
import type { SettingSpec } from './settingSpec';
import { valueChecks } from './settingValues';
import { TESTING_EXCLUDE_KEY } from './testingExcludeKey';

/** What `smtp.lint.rules` maps a rule id to (features/lint/ruleSettings.ts reads the same list; a test keeps them equal). */
export const LINT_SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];

/** A setting with no transcript form: its value comes typed from the editor or the CLI, never as `@name` text. */
export function outsideSetting<T>(spec: Omit<SettingSpec<T>, 'parse' | 'check' | 'docs' | 'defaultText'> & { readonly summary: string }): SettingSpec<T> {
  const { summary, ...rest } = spec;
  return { ...rest, defaultText: JSON.stringify(spec.default ?? null), parse: () => undefined, check: valueChecks.any, docs: { summary, valueSyntax: spec.type } };
}

export const KEEP_GOING_SETTING = outsideSetting<boolean>({
  name: 'keepGoing',
  scope: ['cli', 'editor'],
  type: 'boolean',
  cliOption: 'keep-going',
  editor: {
    key: 'smtp.replay.keepGoing',
    perDocument: true,
    default: false,
    schema: { type: 'boolean' },
    description: { markdown: false, text: 'Go on after a failed expectation instead of ending the session (and sending QUIT).' },
  },
  default: false,
  summary: 'Go on after a failed expectation instead of ending the session.',
});

// Queue ids, session ids and dates change on every run: written literally, they fail the next strict replay.
export const KEEP_VOLATILE_TEXT_SETTING = outsideSetting<boolean>({
  name: 'keepVolatileText',
  scope: ['cli', 'editor'],
  type: 'boolean',
  cliOption: 'keep-volatile',
  editor: {
    key: 'smtp.replay.keepVolatileText',
    perDocument: true,
    default: false,
    schema: { type: 'boolean' },
    description: {
      markdown: true,
      text: 'Update Expectations writes the server\'s text literally, queue ids, session ids and dates included. Off: they are written as `*` (`Message stored as *`).',
    },
  },
  default: false,
  summary: 'Update Expectations writes queue ids, session ids and dates literally instead of as `*`.',
});

export const CA_FILE_SETTING = outsideSetting<string>({
  name: 'caFile',
  scope: ['cli', 'editor'],
  type: 'path',
  cliOption: 'ca',
  editor: {
    key: 'smtp.replay.caFile',
    perDocument: true,
    default: '',
    schema: { type: 'string' },
    description: { markdown: true, text: 'A PEM file of CA certificates to trust in addition to the system\'s (for a test server with its own CA). A relative path starts at the transcript\'s workspace folder.' },
    restricted: true,
    takes: 'the path of a PEM file',
  },
  default: undefined,
  summary: 'A PEM file of CA certificates to trust in addition to the system\'s.',
});

export const INSECURE_TLS_SETTING = outsideSetting<boolean | readonly string[]>({
  name: 'insecureTls',
  scope: ['cli', 'editor'],
  type: 'string[]',
  // The CLI's `--insecure-tls` skips verification for every host; the editor lists hosts.
  cliOption: 'insecure-tls',
  editor: {
    key: 'smtp.replay.insecureTlsHosts',
    perDocument: true,
    default: [],
    schema: { type: 'array', items: { type: 'string' } },
    description: {
      markdown: true,
      text: 'Hosts (`host` or `host:port`) whose TLS certificate is **not verified**. Every replay against them is reported as insecure. Use only for test servers.',
    },
    restricted: true,
    takes: 'a list of hosts (host or host:port)',
  },
  default: false,
  summary: 'Hosts whose TLS certificate is not verified.',
});

export const LINT_RULES_SETTING = outsideSetting<Readonly<Record<string, string>>>({
  name: 'lint.rules',
  scope: ['editor'],
  type: 'object',
  editor: {
    key: 'smtp.lint.rules',
    perDocument: true,
    default: {},
    schema: { type: 'object', additionalProperties: { type: 'string', enum: LINT_SEVERITIES } },
    description: {
      markdown: true,
      text: 'Severity per lint rule id, e.g. `{"helo-instead-of-ehlo": "off"}`. Wins over a `.smtplintrc.json` beside the transcripts. Rule ids are listed in docs/lint-rules.md.',
    },
    takes: 'an object of rule ids to severities, such as {"helo-instead-of-ehlo": "off"}',
  },
  default: {},
  summary: 'Severity per lint rule id.',
});

/** Transcripts the Testing view does not list: mock scripts play the server's side and are no replay tests. */
export const TESTING_EXCLUDE_SETTING = outsideSetting<readonly string[]>({
  name: 'testing.exclude',
  scope: ['editor'],
  type: 'string[]',
  editor: {
    key: TESTING_EXCLUDE_KEY,
    default: [],
    schema: { type: 'array', items: { type: 'string' } },
    description: {
      markdown: true,
      text: 'Glob patterns of transcripts the Testing view leaves out, relative to the workspace folder (as `files.exclude`), such as `**/mocks/**`: scripts for `smtp-transcript mock` and Serve as Mock play the server\'s side and are no replay tests. Such a file still replays from its code lens or a command.',
    },
    takes: 'a list of glob patterns',
  },
  default: [],
  summary: 'Transcripts the Testing view leaves out.',
});

export const INCLUDES_ALLOWED_FOLDERS_SETTING = outsideSetting<readonly string[]>({
  name: 'includes.allowedFolders',
  scope: ['cli', 'editor'],
  type: 'string[]',
  cliOption: 'allow-include-dir',
  editor: {
    key: 'smtp.includes.allowedFolders',
    perDocument: true,
    default: [],
    schema: { type: 'array', items: { type: 'string' } },
    description: {
      markdown: true,
      text: "Folders, besides the transcript's own folder tree and the workspace folders, whose files a transcript may read with `< path` includes and `@ca` (after symbolic links are followed). A relative folder starts at the transcript's workspace folder. Lint reports an include elsewhere and replay refuses it. Only a trusted workspace may set this.",
    },
    restricted: true,
    takes: 'a list of folders',
  },
  default: [],
  summary: 'Further folders whose files a transcript may include.',
});

export type ResultViewWhen = 'always' | 'onFailure' | 'never';

/** When the result view opens beside the editor after a replay (it can always be opened from the status bar). */
export const SHOW_RESULT_VIEW_SETTING: SettingSpec<ResultViewWhen> = {
  ...outsideSetting<ResultViewWhen>({
    name: 'replay.showResultView',
    scope: ['editor'],
    type: 'enum',
    editor: {
      key: 'smtp.replay.showResultView',
      perDocument: true,
      default: 'onFailure',
      schema: { type: 'string', enumFromValues: true },
      description: {
        markdown: true,
        text: 'When the SMTP result view (exchanges, timing, TLS, the wire log, run history) opens beside the editor after a replay. The status bar item opens it at any time.',
      },
    },
    default: 'onFailure',
    summary: 'When the result view opens after a replay.',
  }),
  docs: {
    summary: 'When the result view opens after a replay.',
    valueSyntax: 'enum',
    values: [
      { value: 'always', summary: 'After every replay.' },
      { value: 'onFailure', summary: 'After a replay that failed or could not run.' },
      { value: 'never', summary: 'Only when opened from the status bar or the command.' },
    ],
  },
};
