// The `@name = value` settings replay reads (docs/transcript-format.md, "Directives and variables"), with the CLI
// options and editor settings that give the same value from outside the file. Every other directive name is a variable.
import { TLS_MODES, type TlsMode } from '../knowledge/tlsModes';
import { DKIM_SETTINGS } from './dkimSettings';
import { REPLAY_SERVER_KEY } from './replayTargetKey';
import { DURATION_TAKES } from './settingRefusal';
import type { SettingSpec } from './settingSpec';
import {
  MATCH_ALIASES,
  MATCH_MODES,
  type MatchMode,
  readDuration,
  readMode,
  readPort,
  readRequiredKeywords,
  TLS_ALIASES,
  valueChecks,
} from './settingValues';

// The editor's duration pattern is stricter than `parseDuration`, which also takes `1.5s`, a bare `10` and spaces.
const EDITOR_DURATION = '^\\d+(ms|s|m)$';
const DURATION_SYNTAX = 'duration: 500ms, 10s, 2m';
const REPLY_TIMEOUT = '30s';
const CONNECT_TIMEOUT = '10s';
const text = (value: string): string | undefined => value || undefined;

export const SERVER_SETTING: SettingSpec<string> = {
  name: 'server',
  scope: ['directive', 'cli', 'editor'],
  type: 'server',
  directive: 'server',
  cliOption: 'server',
  editor: {
    key: REPLAY_SERVER_KEY,
    perDocument: true,
    default: '',
    schema: { type: 'string' },
    description: {
      markdown: true,
      text: 'Server to replay against when the transcript has no `@server` directive: `local` for the built-in local test server, a host name, an IP address, `host:port`, `mx:example.com` for the domain\'s MX, or `unix:/path` for a UNIX-domain socket (an LMTP service\'s). Empty: the workspace\'s current target, chosen once (the picker offers the local test server and recent servers) and shown and switched in the status bar.',
    },
    takes: 'local, host, host:port, [ipv6]:port, mx:domain or unix:/path',
  },
  default: undefined,
  defaultText: 'from the caller (CLI option or editor setting)',
  parse: text,
  check: (value) => valueChecks.server('server', value),
  docs: {
    summary: 'The host to connect to: a host name or IP address; `mx:example.com` resolves the domain\'s MX records; `unix:/path` is a UNIX-domain socket (where LMTP services such as Dovecot\'s listen).',
    valueSyntax: 'host | mx:domain | unix:/path',
    values: [
      { value: '127.0.0.1', summary: 'The local machine (IPv4 loopback).' },
      { value: 'localhost', summary: 'The local machine, by name.' },
    ],
  },
};

export const PORT_SETTING: SettingSpec<number> = {
  name: 'port',
  scope: ['directive', 'editor'],
  type: 'port',
  directive: 'port',
  editor: {
    key: 'smtp.replay.port',
    perDocument: true,
    default: null,
    schema: { type: ['number', 'null'], minimum: 1, maximum: 65535 },
    description: { markdown: true, text: 'Port when neither the transcript (`@port`) nor `smtp.replay.server` names one. Default: 25, or 465 with implicit TLS.' },
  },
  default: undefined,
  defaultText: '25, or 465 with `@tls = implicit`',
  parse: readPort,
  check: (value) => valueChecks.port('port', value),
  docs: {
    summary: 'The TCP port to connect to.',
    valueSyntax: 'number',
    values: [
      { value: '25', summary: 'SMTP relay between servers (RFC 5321).' },
      { value: '587', summary: 'Message submission, usually with STARTTLS and AUTH (RFC 6409).' },
      { value: '465', summary: 'Message submission over implicit TLS (RFC 8314).' },
      { value: '2525', summary: 'A common unprivileged port for test servers.' },
    ],
  },
};

export const TLS_SETTING: SettingSpec<TlsMode> = {
  name: 'tls',
  scope: ['directive', 'cli', 'editor'],
  type: 'enum',
  directive: 'tls',
  cliOption: 'tls',
  editor: {
    key: 'smtp.replay.tls',
    perDocument: true,
    default: 'none',
    schema: { type: 'string', enumFromValues: true },
    description: { markdown: true, text: 'TLS mode when the transcript has no `@tls` directive.' },
  },
  // Unset, the connection is plain unless the caller's `--tls` or the editor's setting says otherwise.
  default: undefined,
  defaultText: 'none',
  parse: (value) => readMode(value, TLS_MODES),
  check: (value) => valueChecks.mode(TLS_MODES, TLS_ALIASES)('tls', value),
  docs: {
    summary: 'When the connection uses TLS.',
    valueSyntax: TLS_MODES.join(' | '),
    values: [
      { value: 'none', summary: 'Plain text for the whole session.', editorDescription: 'Plain SMTP; the transcript may still say `C: STARTTLS`.' },
      { value: 'starttls', summary: 'Plain until `C: STARTTLS` is answered 220, then TLS (RFC 3207).', editorDescription: 'Plain until `C: STARTTLS` (RFC 3207).' },
      { value: 'implicit', summary: 'TLS from the first byte, as on port 465 (RFC 8314).', editorDescription: 'TLS from the first byte (port 465, RFC 8314).' },
    ],
  },
};

export const TLS_SERVERNAME_SETTING: SettingSpec<string> = {
  name: 'tls-servername',
  scope: ['directive'],
  type: 'string',
  directive: 'tls-servername',
  default: undefined,
  defaultText: 'the server name',
  parse: text,
  check: valueChecks.any,
  docs: { summary: 'The name sent as SNI and checked against the server\'s certificate.', valueSyntax: 'host name' },
};

/** Replay's refusal, and lint's finding, of TLS over a UNIX-domain socket with no `@tls-servername` to verify. */
export function socketTlsNeedsName(server: string): string {
  return `TLS over the UNIX-domain socket ${server} needs \`@${TLS_SERVERNAME_SETTING.name} = NAME\`, the name its certificate carries`;
}

export const CA_SETTING: SettingSpec<string> = {
  name: 'ca',
  scope: ['directive'],
  type: 'path',
  directive: 'ca',
  default: undefined,
  defaultText: 'none',
  parse: text,
  check: (value) => valueChecks.path('ca', value),
  docs: {
    summary: 'A PEM file of CA certificates to trust in addition to the system\'s (path relative to the transcript).',
    valueSyntax: 'path',
  },
};

export const TIMEOUT_SETTING: SettingSpec<number> = {
  name: 'timeout',
  scope: ['directive', 'cli', 'editor'],
  type: 'duration',
  directive: 'timeout',
  cliOption: 'timeout',
  editor: {
    key: 'smtp.replay.timeout',
    perDocument: true,
    default: REPLY_TIMEOUT,
    schema: { type: 'string', pattern: EDITOR_DURATION },
    description: { markdown: true, text: 'Time to wait for each reply when the transcript has no `@timeout`, e.g. `500ms`, `10s`, `2m`.' },
    takes: DURATION_TAKES,
  },
  default: readDuration(REPLY_TIMEOUT),
  defaultText: REPLY_TIMEOUT,
  parse: readDuration,
  check: (value) => valueChecks.duration('timeout', value),
  docs: {
    summary: 'How long to wait for each reply.',
    valueSyntax: DURATION_SYNTAX,
    values: [
      { value: '5s', summary: 'Five seconds.' },
      { value: '30s', summary: 'Thirty seconds (the default).' },
      { value: '2m', summary: 'Two minutes.' },
    ],
  },
};

export const CONNECT_TIMEOUT_SETTING: SettingSpec<number> = {
  name: 'connect-timeout',
  scope: ['directive', 'cli', 'editor'],
  type: 'duration',
  directive: 'connect-timeout',
  cliOption: 'connect-timeout',
  editor: {
    key: 'smtp.replay.connectTimeout',
    perDocument: true,
    default: CONNECT_TIMEOUT,
    schema: { type: 'string', pattern: EDITOR_DURATION },
    description: { markdown: true, text: 'Time to connect and complete the TLS handshake when the transcript has no `@connect-timeout`.' },
    takes: DURATION_TAKES,
  },
  default: readDuration(CONNECT_TIMEOUT),
  defaultText: CONNECT_TIMEOUT,
  parse: readDuration,
  check: (value) => valueChecks.duration('connect-timeout', value),
  docs: {
    summary: 'How long to wait to connect and finish the TLS handshake.',
    valueSyntax: DURATION_SYNTAX,
    values: [
      { value: '5s', summary: 'Five seconds.' },
      { value: '10s', summary: 'Ten seconds (the default).' },
    ],
  },
};

export const MATCH_SETTING: SettingSpec<MatchMode> = {
  name: 'match',
  scope: ['directive'],
  type: 'enum',
  directive: 'match',
  default: 'code',
  defaultText: 'code',
  parse: (value) => readMode(value, MATCH_MODES),
  check: (value) => valueChecks.mode(MATCH_MODES, MATCH_ALIASES)('match', value),
  docs: {
    summary: 'How replies are compared with the `S:` expectations.',
    valueSyntax: MATCH_MODES.join(' | '),
    values: [
      { value: 'code', summary: 'The code and, when given, the enhanced code must match; a different text is only reported.' },
      {
        value: 'strict',
        summary: 'Every line\'s text must match too (`*` matches any run, `/regex/` a regular expression), and the number of lines.',
      },
    ],
  },
};

export const REQUIRES_SETTING: SettingSpec<string[]> = {
  name: 'requires',
  scope: ['directive'],
  type: 'keywords',
  directive: 'requires',
  default: [],
  defaultText: 'none',
  parse: readRequiredKeywords,
  check: (value) => valueChecks.keywords('requires', value),
  docs: {
    summary:
      "EHLO keywords the session needs, space-separated (`CHUNKING SMTPUTF8`): replay skips the session, and says why, when the server's EHLO reply does not advertise them all.",
    valueSyntax: 'EHLO keyword *(SP EHLO keyword)',
  },
};

export const REPLAY_MODES = ['run', 'skip'] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];

/** `@replay = skip`: a transcript that is a script for `smtp-transcript mock` (a server misbehaving on purpose) says so. */
export const REPLAY_SETTING: SettingSpec<ReplayMode> = {
  name: 'replay',
  scope: ['directive'],
  type: 'enum',
  directive: 'replay',
  default: 'run',
  defaultText: 'run',
  parse: (value) => readMode(value, REPLAY_MODES),
  check: (value) => valueChecks.mode(REPLAY_MODES, {})('replay', value),
  docs: {
    summary:
      'Whether replay runs the session: `skip` marks a script for `smtp-transcript mock` (a busy or timing-out server, a client test), which replay then skips, saying why, also in a folder it walks.',
    valueSyntax: REPLAY_MODES.join(' | '),
    values: [
      { value: 'run', summary: 'Replay runs the session (the default).' },
      { value: 'skip', summary: 'A script for `smtp-transcript mock` only: replay skips the session and says why; the mock plays it as ever.' },
    ],
  },
};

/** The directive settings, in the order completion offers them. */
export const DIRECTIVE_SETTINGS = [
  SERVER_SETTING,
  PORT_SETTING,
  TLS_SETTING,
  TLS_SERVERNAME_SETTING,
  CA_SETTING,
  TIMEOUT_SETTING,
  CONNECT_TIMEOUT_SETTING,
  MATCH_SETTING,
  REQUIRES_SETTING,
  REPLAY_SETTING,
  ...DKIM_SETTINGS,
] as const;
