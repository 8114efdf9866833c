import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerAddress, parseHostAndPort } from '../../../server/src/model/serverAddress';
import { endpointText, serverProblem, unixSocketPath } from '../../../server/src/settings/settingValues';

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

test('a UNIX-domain socket: `unix:/absolute/path`, colons and all, no port; shown as written; a relative path refused', () => {
  assert.deepEqual(['unix:/run/dovecot/lmtp', 'UNIX:/var/spool/a:b.sock'].map(parseServerAddress), [{ host: 'unix:/run/dovecot/lmtp' }, { host: 'UNIX:/var/spool/a:b.sock' }]);
  assert.deepEqual(['unix:run/lmtp', 'unix:', 'unix:/'].map(parseServerAddress), [undefined, undefined, undefined]);
  assert.deepEqual(['unix:/run/dovecot/lmtp', 'UNIX:/a:b', 'unix:rel', 'mx.example.com'].map(unixSocketPath), ['/run/dovecot/lmtp', '/a:b', undefined, undefined]);
  assert.equal(endpointText('unix:/run/dovecot/lmtp', 25), 'unix:/run/dovecot/lmtp');
  assert.equal(serverProblem('unix:run/lmtp'), 'write a UNIX-domain socket as `unix:/absolute/path`');
  // The recording proxy's upstream needs a host and port.
  assert.equal(parseHostAndPort('unix:/run/dovecot/lmtp'), undefined);
});
