import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerAddress, parseHostAndPort } from '../../../server/src/model/serverAddress';

test('parseServerAddress reads what @server, --server and smtp.replay.server accept, and nothing else', () => {
  assert.deepEqual(
    ['mx.example.com', ' 127.0.0.1:2525 ', '[::1]:587', '::1', 'mx:example.com', 'mx:example.com:2525'].map(parseServerAddress),
    [
      { host: 'mx.example.com' },
      { host: '127.0.0.1', port: 2525 },
      { host: '::1', port: 587 },
      { host: '::1' },
      { host: 'mx:example.com' },
      { host: 'mx:example.com', port: 2525 },
    ],
  );
  assert.deepEqual(['', 'a:b:c', '[::1', 'host:0', 'host:70000', 'host:smtp', 'bad host'].map(parseServerAddress), Array(7).fill(undefined));
});

test('parseHostAndPort: a server as it is, with its port (the recording proxy\'s upstream, in the CLI and the editor)', () => {
  assert.deepEqual(
    ['mail.example.com:587', '[::1]:2525', ' 127.0.0.1:25 ', 'mail.example.com', 'mx:example.com:25', 'MX:example.com:25', 'host:0', 'host:99999', 'host:abc', '::1', ''].map(parseHostAndPort),
    [{ host: 'mail.example.com', port: 587 }, { host: '::1', port: 2525 }, { host: '127.0.0.1', port: 25 }, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
  );
});
