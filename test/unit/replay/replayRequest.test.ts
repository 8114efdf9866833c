import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// A certificate without its key (test/fixtures/localhost-cert.pem): the checks read certificates, never keys.
const localhostCertificatePem = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/localhost-cert.pem'), 'utf8');
import { resolveReplayOptions, type ReplayRequest } from '../../../server/src/replay/replayRequest';

/** The problem's message, or the options with the insecure-TLS decision shown for two endpoints. */
function resolved(request: ReplayRequest): unknown {
  const result = resolveReplayOptions(request);
  if ('problem' in result) return result.problem;
  const { insecureTls, ...rest } = result.options;
  const decide = typeof insecureTls === 'function' ? [insecureTls({ host: 'mx.test', port: 25 }), insecureTls({ host: 'other.test', port: 2525 })] : insecureTls;
  return { ...rest, insecureTls: decide };
}

describe('resolveReplayOptions', () => {
  test('the CLI: --server and --tls override the file, --update implies --keep-going', () => {
    assert.deepEqual(resolved({ from: 'cli', override: { server: '127.0.0.1:2525', tls: 'starttls' }, timeout: '500ms', update: true, insecureTls: true }), {
      timeouts: { replyMs: 500, connectMs: undefined },
      keepGoing: true,
      target: { host: '127.0.0.1', port: 2525, tls: 'starttls' },
      insecureTls: true,
    });
  });

  test('the editor: settings are fallbacks, @tls-like in any case, insecure hosts by host or host:port', () => {
    assert.deepEqual(
      resolved({ from: 'editor', fallback: { port: 2525, tls: 'STARTTLS' }, timeout: '30s', connectTimeout: '10s', insecureTls: ['mx.test'], sessions: [1] }),
      {
        timeouts: { replyMs: 30_000, connectMs: 10_000 },
        keepGoing: false,
        sessions: [1],
        defaults: { port: 2525, tls: 'starttls' },
        insecureTls: [true, false],
      },
    );
  });

  test('the same checks name each side\'s option', () => {
    const problems = [
      resolved({ from: 'cli', timeout: 'x' }),
      resolved({ from: 'editor', timeout: 'x' }),
      resolved({ from: 'cli', connectTimeout: '99999999s' }),
      resolved({ from: 'editor', connectTimeout: '99999999s' }),
      resolved({ from: 'cli', override: { tls: 'STARTTLS' } }),
      resolved({ from: 'editor', fallback: { tls: 'ssl' } }),
      resolved({ from: 'cli', override: { server: 'a b' } }),
      resolved({ from: 'cli', ca: { pem: 'not a certificate', source: '--ca ca.pem' } }),
      resolved({ from: 'editor', ca: { pem: 'not a certificate', source: 'smtp.replay.caFile /tmp/ca.pem' } }),
    ];
    assert.deepEqual(problems, [
      { setting: 'timeout', option: '--timeout', message: "--timeout takes a duration such as 500ms, 10s or 2m, not 'x'" },
      { setting: 'timeout', option: 'smtp.replay.timeout', message: "smtp.replay.timeout takes a duration such as 500ms, 10s or 2m, not 'x'" },
      { setting: 'connect-timeout', option: '--connect-timeout', message: "--connect-timeout can be at most 2147483647ms (about 24 days), not '99999999s'" },
      {
        setting: 'connect-timeout',
        option: 'smtp.replay.connectTimeout',
        message: "smtp.replay.connectTimeout can be at most 2147483647ms (about 24 days), not '99999999s'",
      },
      { setting: 'tls', option: '--tls', message: "--tls must be none, starttls or implicit, not 'STARTTLS'" },
      { setting: 'tls', option: 'smtp.replay.tls', message: "smtp.replay.tls must be none, starttls or implicit, not 'ssl'" },
      { setting: 'server', option: '--server', message: "--server takes host, host:port, [ipv6]:port, mx:domain or unix:/path, not 'a b' (`a b` is not a host name or IP address)" },
      { setting: 'caFile', option: '--ca', message: '--ca ca.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----)' },
      { setting: 'caFile', option: 'smtp.replay.caFile', message: 'smtp.replay.caFile /tmp/ca.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----)' },
    ]);
  });

  test('a CA file with a certificate is trusted as given', () => {
    assert.deepEqual(resolved({ from: 'editor', ca: { pem: localhostCertificatePem, source: 'smtp.replay.caFile ca.pem' } }), {
      timeouts: { replyMs: undefined, connectMs: undefined },
      keepGoing: false,
      extraCaPem: localhostCertificatePem,
      insecureTls: false,
    });
  });
});
