import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { replayAgainstLocal } from '../../../server/src/replay/localServerTarget';

const server = { host: '127.0.0.1', port: 2525, tlsPort: 4650, certificatePem: 'LOCAL-PEM' };

test('the local server: its plain port, its TLS port for @tls = implicit (any case), its certificate trusted', () => {
  const plain = parseTranscript('S: 220 *\nC: QUIT\nS: 221 *\n');
  assert.deepEqual(replayAgainstLocal(plain, undefined, server, {}), { target: { host: '127.0.0.1', port: 2525 }, extraCaPem: 'LOCAL-PEM' });
  const implicit = parseTranscript('###\nS: 220 *\n### tls\n@tls = Implicit\nS: 220 *\n');
  assert.equal(replayAgainstLocal(implicit, undefined, server, {}).target?.port, 4650);
  assert.equal(replayAgainstLocal(implicit, [0], server, {}).target?.port, 2525);
  assert.deepEqual(replayAgainstLocal(plain, undefined, server, { target: { tls: 'starttls' }, extraCaPem: 'MINE' }), {
    target: { tls: 'starttls', host: '127.0.0.1', port: 2525 },
    extraCaPem: 'MINE\nLOCAL-PEM',
  });
});

test('the TLS mode that wins picks the port: --tls (target) over @tls, @tls over the editor default', () => {
  const plain = parseTranscript('S: 220 *\nC: QUIT\nS: 221 *\n');
  const implicit = parseTranscript('@tls = implicit\nS: 220 *\nC: QUIT\nS: 221 *\n');
  const port = (transcript: typeof plain, options: Parameters<typeof replayAgainstLocal>[3]) => replayAgainstLocal(transcript, undefined, server, options).target?.port;
  assert.deepEqual(
    [
      port(plain, { target: { tls: 'implicit' } }),
      port(implicit, { target: { tls: 'starttls' } }),
      port(implicit, { target: { tls: 'none' } }),
      port(plain, { defaults: { tls: 'implicit' } }),
      port(implicit, { defaults: { tls: 'none' } }),
      port(parseTranscript('@tls = starttls\nS: 220 *\n'), { defaults: { tls: 'implicit' } }),
    ],
    [4650, 2525, 2525, 4650, 4650, 2525],
  );
});
