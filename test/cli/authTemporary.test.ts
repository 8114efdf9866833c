// A DNS failure during the checks (a zone file's `SERVFAIL`): the check that needed the answer is a temperror, and a
// strict receiver defers (451) instead of refusing for good what a later attempt may pass: `auth` says so, and the
// local server under `--enforce-auth` answers so, as a transcript expecting the 451 shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dkimSignatureFor } from '../../server/src/mailauth/dkimSigning';
import { REPO, runCli } from '../support/cli';

const FIXTURES = path.join(REPO, 'test/fixtures/mailauth');
const ZONE = path.join(FIXTURES, 'auth.zone');
const KEY = path.join(FIXTURES, 'ed25519-test-only.key.pem');

/** A message from alice@`domain`, signed by `domain` with the test key (selector ed2026). */
async function signedBy(domain: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-flaky-'));
  const message = Buffer.from(`From: <alice@${domain}>\r\nTo: <bob@example.test>\r\nSubject: hi\r\n\r\nHello.\r\n`);
  const signature = await dkimSignatureFor(message, { domain, selector: 'ed2026', privateKeyPem: readFileSync(KEY, 'utf8'), headers: ['From', 'To', 'Subject'] }, new Date('2026-01-01T00:00:00Z'));
  const file = path.join(dir, `${domain}.eml`);
  writeFileSync(file, Buffer.concat([Buffer.from(signature), message]));
  return file;
}

const auth = async (file: string) => runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE]);

test('auth: a DKIM key lookup that fails for now is a temperror, and DMARC p=reject defers the message (451 4.7.26)', async () => {
  const run = await auth(await signedBy('flaky.test'));
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes('dkim=temperror d=flaky.test s=ed2026 a=ed25519-sha256: DNS failure: ESERVFAIL'), run.stdout);
  assert.ok(lines.includes('  ed2026._domainkey.flaky.test TXT -> error ESERVFAIL'), run.stdout);
  assert.ok(lines.includes('A strict receiver defers it: 451 4.7.26 The domain\'s DMARC policy could not be applied for now, try again later: DKIM d=flaky.test s=ed2026: DNS failure: ESERVFAIL'), run.stdout);
});

test('auth: a DMARC record lookup that fails for now is a DMARC temperror, said as such; the aligned DKIM pass is accepted', async () => {
  const run = await auth(await signedBy('flakypolicy.test'));
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes('dmarc=temperror header.from=flakypolicy.test: the DMARC record could not be fetched for now (_dmarc.flakypolicy.test: error ESERVFAIL); DKIM aligned (flakypolicy.test), in relaxed mode'), run.stdout);
  assert.ok(lines.includes('A strict receiver accepts it.'), run.stdout);
});

/** An unsigned message from alice@flakypolicy.test (its DMARC record's lookup fails). */
function unsignedFromFlakyPolicy(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'smtp-auth-flaky-')), 'unsigned.eml');
  writeFileSync(file, 'From: <alice@flakypolicy.test>\r\nTo: <bob@example.test>\r\nSubject: hi\r\n\r\nHello.\r\n');
  return file;
}

test('auth: the DMARC record lookup fails and only an unaligned SPF pass is left: a strict receiver defers (451 4.7.26)', async () => {
  const run = await runCli(['auth', unsignedFromFlakyPolicy(), '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@signed.test', '--zone', ZONE]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes('spf=pass (signed.test): localhost: domain of bounce@signed.test designates 127.0.0.1 as permitted sender'), run.stdout);
  assert.ok(lines.includes('dmarc=temperror header.from=flakypolicy.test: the DMARC record could not be fetched for now (_dmarc.flakypolicy.test: error ESERVFAIL); neither SPF nor DKIM aligned with From, in relaxed mode'), run.stdout);
  assert.ok(lines.includes('A strict receiver defers it: 451 4.7.26 The DMARC policy of flakypolicy.test could not be fetched for now, and no SPF or DKIM pass aligns with it: try again later'), run.stdout);
});

test('auth: the DMARC record lookup fails, and SPF passes for a subdomain of the From domain (aligned in relaxed mode): accepted', async () => {
  const run = await runCli(['auth', unsignedFromFlakyPolicy(), '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@bounce.flakypolicy.test', '--zone', ZONE]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes('dmarc=temperror header.from=flakypolicy.test: the DMARC record could not be fetched for now (_dmarc.flakypolicy.test: error ESERVFAIL); SPF aligned (bounce.flakypolicy.test), in relaxed mode'), run.stdout);
  assert.ok(lines.includes('A strict receiver accepts it.'), run.stdout);
});

test('replay --local --zone --enforce-auth: a transcript expecting the 451 for mail signed by flaky.test passes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-flaky-'));
  const transcript = path.join(dir, 'deferred.smtp');
  writeFileSync(
    transcript,
    [
      '# The local server defers what it cannot judge for now: the DKIM key of flaky.test answers SERVFAIL.',
      '@dkim-domain = flaky.test',
      '@dkim-selector = ed2026',
      `@dkim-key = ${KEY}`,
      'S: 220 *',
      'C: EHLO client.test',
      'S: 250 *',
      'C: MAIL FROM:<bounce@soft.test>',
      'S: 250 *',
      'C: RCPT TO:<bob@example.test>',
      'S: 250 *',
      'C: DATA',
      'S: 354 *',
      'C: From: <alice@flaky.test>',
      'C: To: <bob@example.test>',
      'C: Subject: deferred',
      'C: Date: {{$date}}',
      'C: Message-ID: {{$message-id}}',
      'C:',
      'C: Hello.',
      'C: .',
      'S: 451 4.7.26 *',
      'C: QUIT',
      'S: 221 *',
      '',
    ].join('\n'),
  );
  const run = await runCli(['replay', '--local', '--zone', ZONE, '--enforce-auth', '--allow-include-dir', FIXTURES, transcript]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /replay: 1 passed, 0 failed, 0 skipped\n$/);
  assert.deepEqual(
    run.stderr.split('\n').filter((line) => line.startsWith('local server: ')),
    ["local server: message from <bounce@soft.test>: spf=softfail dkim=temperror dmarc=fail arc=none: deferred 451 4.7.26 The domain's DMARC policy could not be applied for now, try again later: DKIM d=flaky.test s=ed2026: DNS failure: ESERVFAIL"],
  );
});
