// `mock`, `record` and `serve` refuse start-up settings that cannot work with one line naming the option and exit 2,
// leaving nothing listening: a --write-cert path that cannot be written, the same port given twice, a port in use, a
// timeout of 0.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runAs65534, spawnCli, type CliRun } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-listener-startup-'));
const transcript = path.join(dir, 'plain.smtp');
writeFileSync(transcript, 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n');
const missing = path.join(dir, 'missing', 'cert.pem');

after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI to its end; a run still going after 20 s (a listener left open) is killed and fails the test. */
function runToEnd(args: string[]): Promise<CliRun & { killed: boolean }> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let killed = false;
  const bound = setTimeout(() => ((killed = true), child.kill('SIGKILL')), 20_000);
  return new Promise((resolve) => child.on('close', (code) => (clearTimeout(bound), resolve({ code, stdout, stderr, killed }))));
}

/** A port in use on loopback, held until `close`. */
async function portInUse(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as { port: number }).port, server };
}

describe('listener start-up errors', () => {
  test('--write-cert into a missing folder or naming a folder: refused before listening, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['mock', '--port', '0', '--write-cert', missing, transcript], `smtp-transcript mock: --write-cert ${missing}: the folder ${path.dirname(missing)} does not exist\n`],
      [['mock', '--port', '0', '--write-cert', dir, transcript], `smtp-transcript mock: --write-cert ${dir}: is a folder: name the file to write\n`],
      [['record', '--listen', '0', '--upstream', '127.0.0.1:1', '--out', dir, '--write-cert', missing], `smtp-transcript record: --write-cert ${missing}: the folder ${path.dirname(missing)} does not exist\n`],
      [['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail'), '--write-cert', transcript + '/cert.pem'], `smtp-transcript serve: --write-cert ${transcript}/cert.pem: ${transcript} is not a folder\n`],
    ];
    for (const [args, stderr] of cases) {
      const run = await runToEnd(args);
      assert.deepEqual({ code: run.code, stderr: run.stderr, killed: run.killed }, { code: 2, stderr, killed: false }, args.join(' '));
    }
  });

  test('mock --port and --tls-port the same: the message serve gives, exit 2', async () => {
    const run = await runToEnd(['mock', '--port', '31251', '--tls-port', '31251', transcript]);
    assert.deepEqual(
      { code: run.code, stderr: run.stderr, killed: run.killed },
      { code: 2, stderr: 'smtp-transcript mock: --port and --tls-port are both 31251: the two servers need a port each\n', killed: false },
    );
  });

  test('mock of a transcript with no session (empty, or comments only): what is missing, not a listening problem, exit 2', async () => {
    const empty = path.join(dir, 'empty.smtp');
    writeFileSync(empty, '# a mock script, still to write\n');
    const run = await runToEnd(['mock', '--port', '0', empty]);
    assert.deepEqual(
      { code: run.code, stderr: run.stderr, killed: run.killed },
      { code: 2, stderr: `smtp-transcript mock: ${empty}: the transcript has no session to play: write the server's S: lines and the client's C: lines (nothing was started)\n`, killed: false },
    );
  });

  test('mock --timeout and serve --command-timeout: more than 0 and at most what a timer can wait, as the README says', async () => {
    const cases: Array<[string[], string]> = [
      [['mock', '--port', '0', '--timeout', '0', transcript], "smtp-transcript mock: --timeout must be more than 0, not '0'\n"],
      [['mock', '--port', '0', '--timeout', '0ms', transcript], "smtp-transcript mock: --timeout must be more than 0, not '0ms'\n"],
      [['mock', '--port', '0', '--timeout', 'soon', transcript], "smtp-transcript mock: --timeout takes a duration such as 500ms, 10s or 2m, not 'soon'\n"],
      [['mock', '--port', '0', '--timeout', '30d', transcript], "smtp-transcript mock: --timeout takes a duration such as 500ms, 10s or 2m, not '30d'\n"],
      [['mock', '--port', '0', '--timeout', '40000m', transcript], "smtp-transcript mock: --timeout can be at most 2147483647ms (about 24 days), not '40000m'\n"],
      [['serve', '--port', '0', '--tls-port', '0', '--command-timeout', '0s'], "smtp-transcript serve: --command-timeout must be more than 0, not '0s'\n"],
    ];
    for (const [args, stderr] of cases) {
      const run = await runToEnd(args);
      assert.deepEqual({ code: run.code, stderr: run.stderr, killed: run.killed }, { code: 2, stderr, killed: false }, args.join(' '));
    }
  });

  test('a port in use: the option and the port named, exit 2, nothing left listening', async () => {
    const blocker = await portInUse();
    try {
      const { port } = blocker;
      const cases: Array<[string[], string]> = [
        [['mock', '--port', '0', '--tls-port', String(port), transcript], `smtp-transcript mock: cannot listen: --tls-port ${port} is already in use (try --tls-port 0)\n`],
        [['mock', '--port', String(port), transcript], `smtp-transcript mock: cannot listen: --port ${port} is already in use (try --port 0)\n`],
        [['serve', '--port', '0', '--tls-port', String(port), '--mail-dir', path.join(dir, 'mail')], `smtp-transcript serve: cannot listen: --tls-port ${port} is already in use (try --tls-port 0)\n`],
        [['record', '--listen', String(port), '--upstream', '127.0.0.1:1', '--out', dir], `smtp-transcript record: cannot listen: --listen ${port} is already in use (try --listen 0)\n`],
      ];
      for (const [args, stderr] of cases) {
        const run = await runToEnd(args);
        assert.deepEqual({ code: run.code, stderr: run.stderr, killed: run.killed }, { code: 2, stderr, killed: false }, args.join(' '));
      }
    } finally {
      blocker.server.close();
    }
  });

  test('mock of implicit-TLS sessions without --tls-port: a warning at start naming them; none with --tls-port', async () => {
    const file = path.join(dir, 'implicit.smtp');
    writeFileSync(file, '### plain\nS: 220 *\nC: QUIT\nS: 221 *\n\n### smtps\n@tls = implicit\nS: 220 *\nC: QUIT\nS: 221 *\n');
    const stderrAtStart = async (args: string[]): Promise<string> => {
      const child = spawnCli(['mock', '--port', '0', ...args, file]);
      let stderr = '';
      const ended = new Promise<void>((resolve) => child.on('close', () => resolve()));
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), /playing [^\n]*\n/.test(stderr) && resolve()));
        void ended.then(() => reject(new Error(`mock ended before listening: ${stderr}`)));
      });
      child.kill('SIGINT');
      await ended;
      return stderr.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:PORT').replace(/ and :\d+ /, ' and :TLSPORT ');
    };
    assert.equal(
      await stderrAtStart([]),
      `smtp-transcript mock: playing ${file} on 127.0.0.1:PORT (plain and STARTTLS)\n` +
        'smtp-transcript mock: warning: session 2 "smtps" is implicit TLS (@tls = implicit): add --tls-port N (0 picks a free port) to play it there; a client on the plain port gets no TLS handshake\n',
    );
    assert.equal(await stderrAtStart(['--tls-port', '0']), `smtp-transcript mock: playing ${file} on 127.0.0.1:PORT (plain and STARTTLS) and :TLSPORT (implicit TLS)\n`);
  });

  test('record --out a folder that takes no file: refused before listening, exit 2, since every recording would be lost (run as uid 65534)', async (t) => {
    const closed = path.join(dir, 'closed');
    mkdirSync(closed);
    chmodSync(dir, 0o755);
    chmodSync(closed, 0o555);
    const run = await runAs65534(['record', '--listen', '0', '--upstream', '127.0.0.1:1', '--out', closed], dir);
    if (!run) {
      t.skip('SKIPPED LOUDLY: setpriv cannot drop to uid 65534 here, so permissions cannot be tested honestly');
      return;
    }
    assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript record: --out ${closed}: cannot write files in ${closed}: permission denied\n`]);
  });

  test('UNIX-domain sockets: --socket beside --port or --listen, a socket path in a missing folder or over a file, a relative unix: upstream, TLS to a socket with no name to verify: refused before listening, exit 2', async () => {
    const socket = path.join(dir, 'lmtp.sock');
    const file = path.join(dir, 'kept.txt');
    writeFileSync(file, 'kept');
    const noFolder = path.join(dir, 'missing', 'lmtp.sock');
    const cases: Array<[string[], string]> = [
      [['mock', '--port', '2525', '--socket', socket, transcript], 'smtp-transcript mock: --port and --socket both say where to listen: use one\n'],
      [['serve', '--port', '2525', '--socket', socket, '--mail-dir', path.join(dir, 'mail')], 'smtp-transcript serve: --port and --socket both say where to listen: use one\n'],
      [['serve', '--socket', file, '--tls-port', '0', '--mail-dir', path.join(dir, 'mail')], `smtp-transcript serve: cannot listen: --socket ${file}: the file exists and is not a socket: name a new path\n`],
      [['record', '--listen', '0', '--socket', socket, '--upstream', '127.0.0.1:1', '--out', dir], 'smtp-transcript record: --listen and --socket both say where to listen: use one\n'],
      [['record', '--upstream', '127.0.0.1:1', '--out', dir], 'smtp-transcript record: give --listen PORT (0 picks a free port) or --socket PATH\n'],
      [['record', '--socket', socket, '--upstream', 'unix:run/lmtp', '--out', dir], "smtp-transcript record: --upstream takes HOST:PORT (e.g. 127.0.0.1:2525) or unix:/absolute/path, not 'unix:run/lmtp'\n"],
      [
        ['record', '--socket', socket, '--upstream', 'unix:/run/dovecot/lmtp', '--upstream-tls', 'implicit', '--out', dir],
        'smtp-transcript record: --upstream unix:/run/dovecot/lmtp --upstream-tls implicit: TLS towards a UNIX-domain socket needs the name its certificate is verified against (--tls-servername NAME)\n',
      ],
      [['mock', '--socket', noFolder, transcript], `smtp-transcript mock: cannot listen: --socket ${noFolder}: the folder ${path.dirname(noFolder)} does not exist\n`],
      [['record', '--socket', file, '--upstream', '127.0.0.1:1', '--out', dir], `smtp-transcript record: cannot listen: --socket ${file}: the file exists and is not a socket: name a new path\n`],
    ];
    for (const [args, stderr] of cases) {
      const run = await runToEnd(args);
      assert.deepEqual({ code: run.code, stderr: run.stderr.replace(/\nusage:[\s\S]*/, '\n'), killed: run.killed }, { code: 2, stderr, killed: false }, args.join(' '));
    }
    assert.equal(readFileSync(file, 'utf8'), 'kept');
  });

  test("a socket in a folder the user cannot write: the system's refusal, said with --socket, exit 2 (run as uid 65534)", async (t) => {
    const closed = path.join(dir, 'closed-sockets');
    mkdirSync(closed);
    chmodSync(dir, 0o755);
    chmodSync(closed, 0o555);
    const socket = path.join(closed, 'lmtp.sock');
    const run = await runAs65534(['mock', '--socket', socket, transcript], dir);
    if (!run) {
      t.skip('SKIPPED LOUDLY: setpriv cannot drop to uid 65534 here, so permissions cannot be tested honestly');
      return;
    }
    assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript mock: cannot listen: --socket ${socket}: permission denied\n`]);
  });
});
