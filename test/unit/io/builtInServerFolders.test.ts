// The folders and ports of the built-in servers, on real files and real sockets: what the CLI and the editor say
// when a folder cannot be made or a port cannot be listened on.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFolder } from '../../../server/src/io/folders';
import { cannotListen, sharedPortProblem } from '../../../server/src/io/listenerProblems';

const root = mkdtempSync(join(tmpdir(), 'smtp-folders-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('makeFolder', () => {
  test('a missing folder and its parents are made; one that cannot be is said with the folder that failed', { timeout: 10_000 }, async () => {
    writeFileSync(join(root, 'a-file'), 'x');
    symlinkSync(join(root, 'gone'), join(root, 'dangling'));
    assert.deepEqual(
      [
        await makeFolder(join(root, 'new', 'mail')),
        await makeFolder(join(root, 'new', 'mail')),
        await makeFolder('/proc/nonexistent/x'),
        await makeFolder(join(root, 'a-file')),
        await makeFolder(join(root, 'a-file', 'mail')),
        await makeFolder(join(root, 'dangling')),
      ],
      [
        undefined,
        undefined,
        'cannot create the folder /proc/nonexistent: no such file or directory',
        'is a file, not a directory',
        'is a file, not a directory',
        'is a symbolic link to nothing, not a directory',
      ],
    );
  });
});

describe('a port the built-in servers cannot listen on', () => {
  test('is said with the setting or option it came from, and how to ask for a free port', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as AddressInfo).port;
    const second = createServer().listen(port, '127.0.0.1');
    const [error] = (await once(second, 'error')) as [Error];
    taken.close();
    const editor = [['smtp.localServer.port', 0], ['smtp.localServer.tlsPort', port]] as const;
    assert.deepEqual(
      [
        cannotListen(error, editor, () => '0 picks a free port'),
        cannotListen(error, [['--tls-port', port]]),
        cannotListen(error, [['--port', 0]]),
        cannotListen(Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:25'), { code: 'EACCES', port: 25 }), [['smtp.mock.port', 25]]),
      ],
      [
        `smtp.localServer.tlsPort ${port} is already in use (0 picks a free port)`,
        `--tls-port ${port} is already in use (try --tls-port 0)`,
        'the port is already in use',
        'smtp.mock.port 25: permission denied',
      ],
    );
  });

  test('the plain and the implicit-TLS listener need a port each (0 picks one for each)', () => {
    assert.deepEqual(
      [
        sharedPortProblem(['smtp.localServer.port', 2525], ['smtp.localServer.tlsPort', 2525]),
        sharedPortProblem(['--port', 0], ['--tls-port', 0]),
        sharedPortProblem(['--port', 2525], ['--tls-port', undefined]),
      ],
      ['smtp.localServer.port and smtp.localServer.tlsPort are both 2525: the two servers need a port each', undefined, undefined],
    );
  });
});
