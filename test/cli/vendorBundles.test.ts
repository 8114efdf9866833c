// The vendor bundle dist/vendor/mailauth.js serves both import paths of mailauth (esbuild.mjs): a replay by the
// bundled CLI signs with DKIM (mailauth/lib/dkim/sign.js) against its local server, which checks the message with
// mailauth's authenticate and serves TLS with a selfsigned certificate (dist/vendor/selfsigned.js).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO, runCli } from '../support/cli';

const FIXTURES = path.join(REPO, 'test/fixtures/mailauth');
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-cli-vendor-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a replay signs with DKIM and the local server finds the signature valid', async () => {
  copyFileSync(path.join(FIXTURES, 'ed25519-test-only.key.pem'), path.join(dir, 'key.pem'));
  writeFileSync(
    path.join(dir, 'signed.smtp'),
    [
      '@dkim-domain = signed.test',
      '@dkim-selector = ed2026',
      '@dkim-key = ./key.pem',
      '@dkim-headers = From:To:Subject',
      'S: 220 *',
      'C: EHLO client.test',
      'S: 250 *',
      'C: MAIL FROM:<alice@signed.test>',
      'S: 250 *',
      'C: RCPT TO:<bob@example.test>',
      'S: 250 *',
      'C: DATA',
      'S: 354 *',
      'C: From: Alice <alice@signed.test>',
      'C: To: Bob <bob@example.test>',
      'C: Subject: signed by the bundled CLI',
      'C:',
      'C: Hello Bob.',
      'C: .',
      'S: 250 *',
      'C: QUIT',
      'S: 221 *',
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(dir, 'mail'));
  const run = await runCli(['replay', '--local', '--mail-dir', path.join(dir, 'mail'), '--zone', path.join(FIXTURES, 'auth.zone'), path.join(dir, 'signed.smtp')]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(run.stderr.split('\n').filter((line) => line.startsWith('local server: message')), [
    'local server: message from <alice@signed.test>: spf=pass dkim=pass dmarc=pass arc=none',
  ]);
  const [stored] = readdirSync(path.join(dir, 'mail'));
  const message = readFileSync(path.join(dir, 'mail', stored), 'utf8');
  assert.match(message, /^DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed\/relaxed; d=signed\.test;/m);
});
