// Settings given from outside a transcript only: the CLI's options and the editor's `smtp.*` settings for replay,
// the local test server and lint. The ones a transcript can also set are in `replaySettings.ts`.
import type { SettingSpec } from './settingSpec';
import { valueChecks } from './settingValues';
import { TEST_SERVER_DEFAULTS } from './testServerDefaults';
import { TESTING_EXCLUDE_KEY } from './testingExcludeKey';

/** What `smtp.lint.rules` maps a rule id to (features/lint/ruleSettings.ts reads the same list; a test keeps them equal). */
export const LINT_SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];

/** A setting with no transcript form: its value comes typed from the editor or the CLI, never as `@name` text. */
function outsideSetting<T>(spec: Omit<SettingSpec<T>, 'parse' | 'check' | 'docs' | 'defaultText'> & { readonly summary: string }): SettingSpec<T> {
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
    default: '',
    schema: { type: 'string' },
    description: { markdown: true, text: 'A PEM file of CA certificates to trust in addition to the system\'s (for a test server with its own CA).' },
    restricted: true,
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
    default: [],
    schema: { type: 'array', items: { type: 'string' } },
    description: {
      markdown: true,
      text: 'Hosts (`host` or `host:port`) whose TLS certificate is **not verified**. Every replay against them is reported as insecure. Use only for test servers.',
    },
    restricted: true,
  },
  default: false,
  summary: 'Hosts whose TLS certificate is not verified.',
});

export const LOCAL_SERVER_PORT_SETTING = outsideSetting<number>({
  name: 'localServer.port',
  scope: ['editor'],
  type: 'port',
  editor: {
    key: 'smtp.localServer.port',
    default: 0,
    schema: { type: 'number', minimum: 0, maximum: 65535 },
    description: { markdown: false, text: 'Port of the local test server (plain and STARTTLS); 0 picks a free port.' },
  },
  default: 0,
  summary: 'Port of the local test server (plain and STARTTLS).',
});

export const LOCAL_SERVER_TLS_PORT_SETTING = outsideSetting<number>({
  name: 'localServer.tlsPort',
  scope: ['editor'],
  type: 'port',
  editor: {
    key: 'smtp.localServer.tlsPort',
    default: 0,
    schema: { type: 'number', minimum: 0, maximum: 65535 },
    description: { markdown: false, text: 'Implicit-TLS port of the local test server; 0 picks a free port.' },
  },
  default: 0,
  summary: 'Implicit-TLS port of the local test server.',
});

export const LOCAL_SERVER_USER_SETTING = outsideSetting<string>({
  name: 'localServer.user',
  scope: ['cli', 'editor'],
  type: 'string',
  cliOption: 'user',
  editor: {
    key: 'smtp.localServer.user',
    default: TEST_SERVER_DEFAULTS.user,
    schema: { type: 'string' },
    description: {
      markdown: false,
      text: `The user name the local test server accepts for AUTH PLAIN/LOGIN/CRAM-MD5 (its password is set with "SMTP: Set Password..." or is ${TEST_SERVER_DEFAULTS.password}).`,
    },
  },
  default: TEST_SERVER_DEFAULTS.user,
  summary: 'The user name the local test server accepts.',
});

export const LOCAL_SERVER_REJECT_DOMAINS_SETTING = outsideSetting<readonly string[]>({
  name: 'localServer.rejectDomains',
  scope: ['cli', 'editor'],
  type: 'string[]',
  cliOption: 'reject-domain',
  editor: {
    key: 'smtp.localServer.rejectDomains',
    default: TEST_SERVER_DEFAULTS.rejectDomains,
    schema: { type: 'array', items: { type: 'string' } },
    description: { markdown: false, text: 'Recipients at these domains get 550 from the local test server, so error paths can be replayed.' },
  },
  default: TEST_SERVER_DEFAULTS.rejectDomains,
  summary: 'Recipients at these domains get 550 from the local test server.',
});

export const LOCAL_SERVER_MAIL_DIRECTORY_SETTING = outsideSetting<string>({
  name: 'localServer.mailDirectory',
  scope: ['cli', 'editor'],
  type: 'path',
  cliOption: 'mail-dir',
  editor: {
    key: 'smtp.localServer.mailDirectory',
    default: '',
    schema: { type: 'string' },
    description: { markdown: true, text: 'Where the local test server stores received messages as `.eml` files. Empty: the extension\'s storage folder.' },
    restricted: true,
  },
  default: undefined,
  summary: 'Where the local test server stores received messages.',
});

export const LINT_RULES_SETTING = outsideSetting<Readonly<Record<string, string>>>({
  name: 'lint.rules',
  scope: ['editor'],
  type: 'object',
  editor: {
    key: 'smtp.lint.rules',
    default: {},
    schema: { type: 'object', additionalProperties: { type: 'string', enum: LINT_SEVERITIES } },
    description: {
      markdown: true,
      text: 'Severity per lint rule id, e.g. `{"helo-instead-of-ehlo": "off"}`. Wins over a `.smtplintrc.json` beside the transcripts. Rule ids are listed in docs/lint-rules.md.',
    },
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
    default: [],
    schema: { type: 'array', items: { type: 'string' } },
    description: {
      markdown: true,
      text: "Folders, besides the transcript's own folder tree and the workspace folders, whose files a transcript may read with `< path` includes and `@ca` (after symbolic links are followed). Lint reports an include elsewhere and replay refuses it. Only a trusted workspace may set this.",
    },
    restricted: true,
  },
  default: [],
  summary: 'Further folders whose files a transcript may include.',
});

export const LOCAL_SERVER_COMMAND_TIMEOUT_SETTING = outsideSetting<number>({
  name: 'localServer.commandTimeout',
  scope: ['cli', 'editor'],
  type: 'duration',
  cliOption: 'command-timeout',
  editor: {
    key: 'smtp.localServer.commandTimeout',
    default: TEST_SERVER_DEFAULTS.commandTimeoutSeconds,
    schema: { type: 'number', minimum: 1 },
    description: {
      markdown: true,
      text: 'Seconds a client of the local test server may take to send a command, a pipelined group or message content (plus 1 s per `smtp.localServer.minRate` octets); a slower client gets `421 4.4.2` and is disconnected.',
    },
  },
  default: TEST_SERVER_DEFAULTS.commandTimeoutSeconds,
  summary: 'Seconds a client of the local test server may take to send a command.',
});

export const LOCAL_SERVER_MIN_RATE_SETTING = outsideSetting<number>({
  name: 'localServer.minRate',
  scope: ['cli', 'editor'],
  type: 'number',
  cliOption: 'min-rate',
  editor: {
    key: 'smtp.localServer.minRate',
    default: TEST_SERVER_DEFAULTS.minBytesPerSecond,
    schema: { type: 'number', minimum: 1 },
    description: { markdown: false, text: 'Octets per second a client of the local test server must keep up beyond smtp.localServer.commandTimeout.' },
  },
  default: TEST_SERVER_DEFAULTS.minBytesPerSecond,
  summary: 'Octets per second a client of the local test server must keep up.',
});

export const LOCAL_SERVER_ZONE_FILE_SETTING = outsideSetting<string>({
  name: 'localServer.zoneFile',
  scope: ['cli', 'editor'],
  type: 'path',
  cliOption: 'zone',
  editor: {
    key: 'smtp.localServer.zoneFile',
    default: '',
    schema: { type: 'string' },
    description: {
      markdown: true,
      text: 'A zone file (docs/zone-file.md) whose DNS records the local test server uses to check each message\'s SPF, DKIM, DMARC and ARC; the verdict is added to the stored message as `Authentication-Results` and shown in "Open Message Received". A relative path starts at the first workspace folder. Empty: no checks (real DNS is never used).',
    },
    restricted: true,
  },
  default: undefined,
  summary: 'A zone file whose DNS records the local test server checks SPF, DKIM, DMARC and ARC with.',
});

export const LOCAL_SERVER_ENFORCE_AUTH_SETTING = outsideSetting<boolean>({
  name: 'localServer.enforceAuthentication',
  scope: ['cli', 'editor'],
  type: 'boolean',
  cliOption: 'enforce-auth',
  editor: {
    key: 'smtp.localServer.enforceAuthentication',
    default: false,
    schema: { type: 'boolean' },
    description: {
      markdown: true,
      text: 'With `smtp.localServer.zoneFile`: refuse failing messages at the end of DATA like a strict receiver (`550 5.7.26`, `5.7.23`, `5.7.20`, `4.7.24`/`5.7.24`, RFC 7372), so a transcript can expect the refusal.',
    },
  },
  default: false,
  summary: 'Refuse messages failing SPF, DKIM, DMARC or ARC at the end of DATA, like a strict receiver.',
});

export const LOCAL_SERVER_RECORD_SETTING = outsideSetting<boolean>({
  name: 'localServer.recordSessions',
  scope: ['cli', 'editor'],
  type: 'boolean',
  cliOption: 'record',
  editor: {
    key: 'smtp.localServer.recordSessions',
    default: true,
    schema: { type: 'boolean' },
    description: {
      markdown: true,
      text: 'Record every session of the local test server as a transcript (credentials as `{{$env}}` references, queue ids and dates as `*`), listed beside the received messages ("SMTP: Open Message Received by Local Test Server") and opened as `.smtp` files.',
    },
  },
  default: true,
  summary: 'Record every session of the local test server as a transcript.',
});

export const MOCK_PORT_SETTING = outsideSetting<number>({
  name: 'mock.port',
  scope: ['editor'],
  type: 'port',
  editor: {
    key: 'smtp.mock.port',
    default: 0,
    schema: { type: 'number', minimum: 0, maximum: 65535 },
    description: {
      markdown: true,
      text: 'Port (plain and STARTTLS, on 127.0.0.1) of "SMTP: Serve Transcript as Mock Server"; 0 picks a free port, shown in the status bar.',
    },
  },
  default: 0,
  summary: 'Port of the mock server the editor starts.',
});

export const MOCK_ZONE_FILE_SETTING = outsideSetting<string>({
  name: 'mock.zoneFile',
  scope: ['editor'],
  type: 'path',
  editor: {
    key: 'smtp.mock.zoneFile',
    default: '',
    schema: { type: 'string' },
    description: {
      markdown: true,
      text: 'A zone file (docs/zone-file.md) whose DNS records the mock server uses to judge each message it receives (SPF, DKIM, DMARC, ARC), as `smtp-transcript mock --zone`; the verdict is in the "SMTP Mock" log. A relative path starts at the first workspace folder. Empty: no checks.',
    },
    restricted: true,
  },
  default: undefined,
  summary: 'A zone file whose DNS records the mock server judges received messages with.',
});

export const MOCK_ENFORCE_AUTH_SETTING = outsideSetting<boolean>({
  name: 'mock.enforceAuthentication',
  scope: ['editor'],
  type: 'boolean',
  editor: {
    key: 'smtp.mock.enforceAuthentication',
    default: false,
    schema: { type: 'boolean' },
    description: {
      markdown: true,
      text: 'With `smtp.mock.zoneFile`, as `smtp-transcript mock --enforce-auth`: a transcript that accepts a message a strict receiver refuses, or refuses with `5.7.20`-`5.7.26` one it accepts, fails the connection (an `smtp-mock` diagnostic on the reply). The client still gets the transcript\'s reply.',
    },
  },
  default: false,
  summary: 'Compare the mock\'s verdict on each message with the transcript\'s reply to it.',
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
