// `--env NAME` with a real smtp-environments.json in a parent folder: replay against the built-in server named by
// `"server": "local"`, a target named by the environment, lint knowing its variables, and the usage errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'smtp-env-cli-')));
const envFile = path.join(root, 'smtp-environments.json');
writeFileSync(
  envFile,
  JSON.stringify({
    $shared: { from: 'sender@client.test' },
    local: { server: 'local' },
    // Port 1 on loopback: nothing listens there, so the refusal names the environment's target.
    closed: { server: '127.0.0.1', port: '1', timeout: '5s' },
  }),
);
mkdirSync(path.join(root, 'suite'));
writeFileSync(
  path.join(root, 'suite', 'send.smtp'),
  'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<{{from}}>\nS: 250 *\nC: RCPT TO:<rcpt@example.test>\nS: 250 *\nC: QUIT\nS: 221 *\n',
);
const transcript = path.join('suite', 'send.smtp');

describe('--env', () => {
  test('replay: "server": "local" replays against the built-in server, with the shared variables', async () => {
    const mail = path.join(root, 'mail');
    const run = await runCli(['replay', '--env', 'local', '--mail-dir', mail, transcript], { cwd: root });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^ {2}✓ +4 MAIL FROM:<sender@client\.test> → 250 /m);
    assert.match(run.stdout, /^replay: 1 passed, 0 failed, 0 skipped$/m);
    assert.deepEqual(readdirSync(mail), []);
  });

  test('replay: the file\'s own @server wins over "server": "local"', async () => {
    const own = path.join('suite', 'own-server.smtp');
    writeFileSync(path.join(root, own), '@server = 127.0.0.1\n@port = 1\nS: 220 *\nC: QUIT\nS: 221 *\n');
    const run = await runCli(['replay', '--env', 'local', own], { cwd: root });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^ {2}suite\/own-server\.smtp:3: 127\.0\.0\.1:1 refused the connection$/m);
    assert.doesNotMatch(run.stderr, /local SMTP server/);
  });

  test('replay: the environment names the target', async () => {
    const run = await runCli(['replay', '--env', 'closed', transcript], { cwd: root });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^ {2}suite\/send\.smtp:1: 127\.0\.0\.1:1 refused the connection$/m);
  });

  test('an unknown name: exit 2 with the names there are', async () => {
    for (const command of ['replay', 'lint', 'mock', 'export']) {
      const extra = command === 'export' ? ['--as', 'swaks'] : [];
      const run = await runCli([command, ...extra, '--env', 'prod', transcript], { cwd: root });
      assert.deepEqual(
        [run.code, run.stdout, run.stderr],
        [2, '', `smtp-transcript ${command}: --env prod: ${envFile} has no such environment (its environments: local, closed)\n`],
      );
    }
  });

  test('lint: a variable the environment defines is not undefined', async () => {
    const without = await runCli(['lint', '--format', 'json', transcript], { cwd: root });
    const withEnv = await runCli(['lint', '--format', 'json', '--env', 'closed', transcript], { cwd: root });
    const codes = (stdout: string) => (JSON.parse(stdout) as Array<{ line: number; code: string }>).map((d) => `${d.line} ${d.code}`);
    assert.deepEqual([without.code, codes(without.stdout)], [1, ['4 variable-undefined']]);
    assert.deepEqual([withEnv.code, codes(withEnv.stdout)], [0, []]);
  });

  // send.smtp sends no message (no DATA): the lines to type show its MAIL, which swaks and smtplib leave out.
  test('export: the environment\'s server and sender are in the command', async () => {
    const run = await runCli(['export', '--as', 'openssl', '--env', 'closed', transcript], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^nc -C 127\.0\.0\.1 1$/m);
    assert.match(run.stdout, /^MAIL FROM:<sender@client\.test>$/m);
  });

  test('a reference the environment cannot resolve is said to be in the environment, not at a line of the transcript', async () => {
    const dir = path.join(root, 'unresolved');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'smtp-environments.json'), JSON.stringify({ ci: { server: 'local', timeout: '{{nope}}' } }));
    writeFileSync(path.join(dir, 'a.smtp'), 'S: 220 *\nC: QUIT\nS: 221 *\n');
    const run = await runCli(['replay', '--env', 'ci', path.join('unresolved', 'a.smtp')], { cwd: root });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^ {2}unresolved\/a\.smtp:1: in the environment \(smtp-environments\.json\): undefined variable `nope`: /m);
  });

  test('a bad entry or a literal secret: exit 2 naming the file and key; no file: exit 2', async () => {
    const bad = path.join(root, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'smtp-environments.json'), JSON.stringify({ ci: { port: 'smtp', password: 'hunter2' } }));
    writeFileSync(path.join(bad, 'a.smtp'), 'S: 220 *\nC: QUIT\nS: 221 *\n');
    const run = await runCli(['replay', '--env', 'ci', path.join('bad', 'a.smtp')], { cwd: root });
    const file = path.join(bad, 'smtp-environments.json');
    assert.deepEqual(
      [run.code, run.stdout, run.stderr],
      [
        2,
        '',
        `smtp-transcript replay: ${file}: "ci"."port": \`@port = smtp\` is not a TCP port (1-65535)\n` +
          `${file}: "ci"."password": a secret (its name contains pass, secret, token or key) is never written in the file: use "{{$env PASSWORD}}"\n`,
      ],
    );
    assert.doesNotMatch(run.stdout + run.stderr, /hunter2/);
    const lonely = mkdtempSync(path.join(tmpdir(), 'smtp-env-none-'));
    writeFileSync(path.join(lonely, 'a.smtp'), 'S: 220 *\nC: QUIT\nS: 221 *\n');
    const none = await runCli(['lint', '--env', 'ci', 'a.smtp'], { cwd: lonely });
    assert.deepEqual(
      [none.code, none.stderr],
      [2, `smtp-transcript lint: --env ci: no smtp-environments.json in ${path.join(lonely, 'a.smtp')}'s folder or above it up to the working directory ${lonely}, where the search stops\n`],
    );
    // The file one folder above the working directory is not read: the message says where the search stopped.
    const outer = mkdtempSync(path.join(tmpdir(), 'smtp-env-above-'));
    writeFileSync(path.join(outer, 'smtp-environments.json'), '{"ci": {}}');
    const sub = path.join(outer, 'sub');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'a.smtp'), 'S: 220 *\nC: QUIT\nS: 221 *\n');
    const below = await runCli(['lint', '--env', 'ci', 'a.smtp'], { cwd: sub });
    assert.deepEqual(
      [below.code, below.stderr],
      [2, `smtp-transcript lint: --env ci: no smtp-environments.json in ${path.join(sub, 'a.smtp')}'s folder or above it up to the working directory ${sub}, where the search stops\n`],
    );
    const outside = await runCli(['lint', '--env', 'nope', path.join(sub, 'a.smtp')], { cwd: lonely });
    assert.equal(outside.stderr, `smtp-transcript lint: --env nope: ${path.join(outer, 'smtp-environments.json')} has no such environment (its environments: ci)\n`);
  });
});
