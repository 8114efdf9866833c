import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkedLocalServerSettings,
  checkedMockSettings,
  checkedRecordingProxySettings,
  checkedReplaySettings,
  type LocalServerSettings,
  type MockSettings,
  type RecordingProxySettings,
  type ReplaySettings,
} from '../../../server/src/settings/checkedEditorSettings';
import { LINT_RULES_SETTING } from '../../../server/src/settings/editorSettings';
import { editorObject, expectation } from '../../../server/src/settings/editorValues';
import { editorSettings } from '../../../server/src/settings/registry';
import { SettingRefused, shownValue } from '../../../server/src/settings/settingRefusal';

type Read<T> = (lookup: (key: string) => unknown) => T;

/** What the editor gets with `values` in settings.json: the typed settings, or the one line refusing them. */
function read<T>(check: Read<T>, values: Record<string, unknown> = {}): T | string {
  try {
    return check((key) => values[key]);
  } catch (error) {
    assert.ok(error instanceof SettingRefused, `not a refusal: ${String(error)}`);
    return error.message;
  }
}

/** The refusal of each settings.json, one line each. */
const refusals = <T>(check: Read<T>, each: Record<string, unknown>[]): Array<T | string> => each.map((values) => read(check, values));

describe('the editor\'s settings, as settings.json may hold them', () => {
  test('what each editor setting takes, as its refusal says it', () => {
    assert.deepEqual(Object.fromEntries(editorSettings().map((spec) => [spec.editor.key, expectation(spec)])), {
      'smtp.lint.rules': 'takes an object of rule ids to severities, such as {"helo-instead-of-ehlo": "off"}',
      'smtp.replay.server': 'takes local, host, host:port, [ipv6]:port, mx:domain or unix:/path',
      'smtp.replay.port': 'takes a port number from 1 to 65535',
      'smtp.replay.tls': 'must be none, starttls or implicit',
      'smtp.replay.timeout': 'takes a duration such as 500ms, 10s or 2m',
      'smtp.replay.connectTimeout': 'takes a duration such as 500ms, 10s or 2m',
      'smtp.replay.keepGoing': 'takes true or false',
      'smtp.replay.showResultView': 'must be always, onFailure or never',
      'smtp.replay.keepVolatileText': 'takes true or false',
      'smtp.testing.exclude': 'takes a list of glob patterns',
      'smtp.includes.allowedFolders': 'takes a list of folders',
      'smtp.replay.caFile': 'takes the path of a PEM file',
      'smtp.replay.insecureTlsHosts': 'takes a list of hosts (host or host:port)',
      'smtp.localServer.port': 'takes a port number from 0 to 65535 (0 picks a free port)',
      'smtp.localServer.tlsPort': 'takes a port number from 0 to 65535 (0 picks a free port)',
      'smtp.localServer.user': 'takes a user name',
      'smtp.localServer.rejectDomains': 'takes a list of domains such as ["reject.test"]',
      'smtp.localServer.commandTimeout': 'takes a number of seconds from 1 to 2147483',
      'smtp.localServer.minRate': 'takes a number of octets per second, at least 1',
      'smtp.localServer.mailDirectory': 'takes the path of a folder',
      'smtp.localServer.zoneFile': 'takes the path of a zone file',
      'smtp.localServer.enforceAuthentication': 'takes true or false',
      'smtp.localServer.recordSessions': 'takes true or false',
      'smtp.mock.port': 'takes a port number from 0 to 65535 (0 picks a free port)',
      'smtp.mock.zoneFile': 'takes the path of a zone file',
      'smtp.mock.enforceAuthentication': 'takes true or false',
      'smtp.record.port': 'takes a port number from 0 to 65535 (0 picks a free port)',
      'smtp.record.folder': 'takes the path of a folder',
    });
  });

  test('nothing set: the registry\'s defaults', () => {
    assert.deepEqual(read(checkedReplaySettings), {
      server: undefined,
      port: undefined,
      tls: 'none',
      timeout: '30s',
      connectTimeout: '10s',
      keepGoing: false,
      caFile: undefined,
      insecureTlsHosts: [],
    } satisfies ReplaySettings);
    assert.deepEqual(read(checkedLocalServerSettings), {
      port: 0,
      tlsPort: 0,
      user: 'testuser',
      rejectDomains: ['reject.test'],
      mailDirectory: undefined,
      commandTimeoutMs: 60_000,
      minBytesPerSecond: 1024,
      zoneFile: undefined,
      enforceAuthentication: false,
      recordSessions: true,
    } satisfies LocalServerSettings);
    assert.deepEqual(read(checkedMockSettings), { port: 0, zoneFile: undefined, enforceAuthentication: false } satisfies MockSettings);
  });

  test('values of the right type and range are taken as they are', () => {
    assert.deepEqual(
      read(checkedReplaySettings, {
        'smtp.replay.server': ' local ',
        'smtp.replay.port': 2525,
        'smtp.replay.tls': 'STARTTLS',
        'smtp.replay.timeout': '1.5s',
        'smtp.replay.keepGoing': true,
        'smtp.replay.caFile': '/etc/ca.pem',
        'smtp.replay.insecureTlsHosts': ['mx.test:25'],
      }),
      { server: 'local', port: 2525, tls: 'STARTTLS', timeout: '1.5s', connectTimeout: '10s', keepGoing: true, caFile: '/etc/ca.pem', insecureTlsHosts: ['mx.test:25'] },
    );
    const unsetPort = read(checkedReplaySettings, { 'smtp.replay.port': null, 'smtp.replay.server': '[::1]:2525' });
    assert.deepEqual(typeof unsetPort === 'string' ? unsetPort : [unsetPort.port, unsetPort.server], [undefined, '[::1]:2525']);
    assert.deepEqual(read(checkedMockSettings, { 'smtp.mock.port': 65535 }), { port: 65535, zoneFile: undefined, enforceAuthentication: false });
  });

  test('replay: a port out of range or not a number, a wrong JSON type, a server that is none', () => {
    assert.deepEqual(
      refusals(checkedReplaySettings, [
        { 'smtp.replay.port': -1 },
        { 'smtp.replay.port': 70000 },
        { 'smtp.replay.port': 'abc' },
        { 'smtp.replay.port': '2525' },
        { 'smtp.replay.port': 25.5 },
        { 'smtp.replay.timeout': 5 },
        { 'smtp.replay.connectTimeout': ['10s'] },
        { 'smtp.replay.tls': 42 },
        { 'smtp.replay.keepGoing': 'false' },
        { 'smtp.replay.server': 42 },
        { 'smtp.replay.server': 'smtp://mx.test' },
        { 'smtp.replay.caFile': { path: 'ca.pem' } },
        { 'smtp.replay.insecureTlsHosts': 'mx.test' },
        { 'smtp.replay.insecureTlsHosts': ['mx.test', 25] },
      ]),
      [
        'smtp.replay.port takes a port number from 1 to 65535, not -1',
        'smtp.replay.port takes a port number from 1 to 65535, not 70000',
        "smtp.replay.port takes a port number from 1 to 65535, not the text 'abc'",
        "smtp.replay.port takes a port number from 1 to 65535, not the text '2525'",
        'smtp.replay.port takes a port number from 1 to 65535, not 25.5',
        'smtp.replay.timeout takes a duration such as 500ms, 10s or 2m, not the number 5',
        'smtp.replay.connectTimeout takes a duration such as 500ms, 10s or 2m, not the list ["10s"]',
        'smtp.replay.tls must be none, starttls or implicit, not the number 42',
        "smtp.replay.keepGoing takes true or false, not the text 'false'",
        'smtp.replay.server takes local, host, host:port, [ipv6]:port, mx:domain or unix:/path, not the number 42',
        "smtp.replay.server takes local, host, host:port, [ipv6]:port, mx:domain or unix:/path, not 'smtp://mx.test'",
        'smtp.replay.caFile takes the path of a PEM file, not the object {"path":"ca.pem"}',
        "smtp.replay.insecureTlsHosts takes a list of hosts (host or host:port), not the text 'mx.test'",
        'smtp.replay.insecureTlsHosts takes a list of hosts (host or host:port), not ["mx.test",25]',
      ],
    );
  });

  test('the local test server: ports, pace and lists as package.json declares them (users edit settings.json by hand)', () => {
    assert.deepEqual(
      refusals(checkedLocalServerSettings, [
        { 'smtp.localServer.port': 'abc' },
        { 'smtp.localServer.port': null },
        { 'smtp.localServer.tlsPort': -5 },
        { 'smtp.localServer.tlsPort': 1.5 },
        { 'smtp.localServer.commandTimeout': -5 },
        { 'smtp.localServer.commandTimeout': 'x' },
        { 'smtp.localServer.commandTimeout': 0.5 },
        { 'smtp.localServer.commandTimeout': 2147484 },
        { 'smtp.localServer.minRate': 0 },
        { 'smtp.localServer.minRate': -1 },
        { 'smtp.localServer.rejectDomains': 'reject.test' },
        { 'smtp.localServer.mailDirectory': 42 },
        { 'smtp.localServer.user': 42 },
        { 'smtp.localServer.recordSessions': 'yes' },
      ]),
      [
        "smtp.localServer.port takes a port number from 0 to 65535 (0 picks a free port), not the text 'abc'",
        'smtp.localServer.port takes a port number from 0 to 65535 (0 picks a free port), not null',
        'smtp.localServer.tlsPort takes a port number from 0 to 65535 (0 picks a free port), not -5',
        'smtp.localServer.tlsPort takes a port number from 0 to 65535 (0 picks a free port), not 1.5',
        'smtp.localServer.commandTimeout takes a number of seconds from 1 to 2147483, not -5',
        "smtp.localServer.commandTimeout takes a number of seconds from 1 to 2147483, not the text 'x'",
        'smtp.localServer.commandTimeout takes a number of seconds from 1 to 2147483, not 0.5',
        'smtp.localServer.commandTimeout takes a number of seconds from 1 to 2147483, not 2147484',
        'smtp.localServer.minRate takes a number of octets per second, at least 1, not 0',
        'smtp.localServer.minRate takes a number of octets per second, at least 1, not -1',
        'smtp.localServer.rejectDomains takes a list of domains such as ["reject.test"], not the text \'reject.test\'',
        'smtp.localServer.mailDirectory takes the path of a folder, not the number 42',
        'smtp.localServer.user takes a user name, not the number 42',
        "smtp.localServer.recordSessions takes true or false, not the text 'yes'",
      ],
    );
  });

  test('the mock: its port', () => {
    assert.deepEqual(refusals(checkedMockSettings, [{ 'smtp.mock.port': 'abc' }, { 'smtp.mock.port': -1 }, { 'smtp.mock.port': 70000 }, { 'smtp.mock.zoneFile': false }]), [
      "smtp.mock.port takes a port number from 0 to 65535 (0 picks a free port), not the text 'abc'",
      'smtp.mock.port takes a port number from 0 to 65535 (0 picks a free port), not -1',
      'smtp.mock.port takes a port number from 0 to 65535 (0 picks a free port), not 70000',
      'smtp.mock.zoneFile takes the path of a zone file, not false',
    ]);
  });

  test('the recording proxy: its port and folder; an empty folder is the default one', () => {
    assert.deepEqual(
      [read(checkedRecordingProxySettings), read(checkedRecordingProxySettings, { 'smtp.record.port': 2526, 'smtp.record.folder': '' }), read(checkedRecordingProxySettings, { 'smtp.record.folder': '/tmp/rec' })],
      [{ port: 0, folder: 'recordings' }, { port: 2526, folder: 'recordings' }, { port: 0, folder: '/tmp/rec' }] satisfies RecordingProxySettings[],
    );
    assert.deepEqual(refusals(checkedRecordingProxySettings, [{ 'smtp.record.port': 'abc' }, { 'smtp.record.folder': 7 }]), [
      "smtp.record.port takes a port number from 0 to 65535 (0 picks a free port), not the text 'abc'",
      'smtp.record.folder takes the path of a folder, not the number 7',
    ]);
  });

  test('smtp.lint.rules must be an object: a text is one refusal, not one per character', () => {
    assert.deepEqual(
      [read(() => editorObject(LINT_RULES_SETTING, 'off')), read(() => editorObject(LINT_RULES_SETTING, ['off']))],
      [
        'smtp.lint.rules takes an object of rule ids to severities, such as {"helo-instead-of-ehlo": "off"}, not the text \'off\'',
        'smtp.lint.rules takes an object of rule ids to severities, such as {"helo-instead-of-ehlo": "off"}, not the list ["off"]',
      ],
    );
    assert.deepEqual(editorObject(LINT_RULES_SETTING, undefined), {});
  });

  test('a value shown in a refusal: text quoted, another JSON type named, a long one cut', () => {
    assert.deepEqual(
      [
        shownValue('x', 'string'),
        shownValue('x', 'number'),
        shownValue(5, 'number'),
        shownValue(5, 'string'),
        shownValue(true, 'string'),
        shownValue(null, 'number'),
        shownValue(['a'], 'array'),
        shownValue({ a: 'b'.repeat(80) }, 'string'),
      ],
      ["'x'", "the text 'x'", '5', 'the number 5', 'true', 'null', '["a"]', `the object {"a":"${'b'.repeat(51)}...`],
    );
  });
});
