// The settings of the built-in servers the editor starts: the local test server ("SMTP: Start Local Test Server", and
// `local` as the replay target) and the mock ("SMTP: Serve Transcript as Mock Server"). Some are options of
// `smtp-transcript serve` too. Replay's and lint's are in `editorSettings.ts`.
import { MAX_TIMER_MS } from './settingValues';
import { outsideSetting } from './editorSettings';
import { TEST_SERVER_DEFAULTS } from './testServerDefaults';
import { strictReplyCodes } from '../knowledge/strictReceiverReplies';

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
    takes: 'a user name',
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
    takes: `a list of domains such as ${JSON.stringify(TEST_SERVER_DEFAULTS.rejectDomains)}`,
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
    description: { markdown: true, text: 'Where the local test server stores received messages as `.eml` files; a relative path starts at the first workspace folder. Empty: the extension\'s storage folder.' },
    restricted: true,
    takes: 'the path of a folder',
  },
  default: undefined,
  summary: 'Where the local test server stores received messages.',
});

export const LOCAL_SERVER_COMMAND_TIMEOUT_SETTING = outsideSetting<number>({
  name: 'localServer.commandTimeout',
  scope: ['cli', 'editor'],
  type: 'duration',
  cliOption: 'command-timeout',
  editor: {
    key: 'smtp.localServer.commandTimeout',
    default: TEST_SERVER_DEFAULTS.commandTimeoutSeconds,
    // At most what a timer can wait: a longer one would fire at once and close every client.
    schema: { type: 'number', minimum: 1, maximum: Math.floor(MAX_TIMER_MS / 1000) },
    takes: 'a number of seconds',
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
    takes: 'a number of octets per second',
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
    takes: 'the path of a zone file',
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
      text: `With \`smtp.localServer.zoneFile\`: refuse failing messages at the end of DATA like a strict receiver (${strictReplyCodes((code) => `\`${code}\``)}), so a transcript can expect the refusal.`,
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
    takes: 'the path of a zone file',
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

export const RECORD_PORT_SETTING = outsideSetting<number>({
  name: 'record.port',
  scope: ['editor'],
  type: 'port',
  editor: {
    key: 'smtp.record.port',
    default: 0,
    schema: { type: 'number', minimum: 0, maximum: 65535 },
    description: {
      markdown: true,
      text: 'Port (on 127.0.0.1) of "SMTP: Record Sessions Through a Proxy..."; 0 picks a free port, shown in the status bar.',
    },
  },
  default: 0,
  summary: 'Port of the recording proxy the editor starts.',
});

export const RECORD_FOLDER_SETTING = outsideSetting<string>({
  name: 'record.folder',
  scope: ['editor'],
  type: 'path',
  editor: {
    key: 'smtp.record.folder',
    default: 'recordings',
    schema: { type: 'string' },
    description: {
      markdown: true,
      text: 'Where "SMTP: Record Sessions Through a Proxy..." writes each recorded connection as a transcript (`record-<time>-<n>.smtp`, as `smtp-transcript record --out`); a relative path starts at the first workspace folder, and the folder is made when missing. A folder that takes no new file stops the proxy from starting, and no recording is written over a file that is there.',
    },
    restricted: true,
    takes: 'the path of a folder',
  },
  default: 'recordings',
  summary: 'Where the editor\'s recording proxy writes transcripts.',
});
