// The include policy and safe reads on real files: temp folders, real symbolic links, a real FIFO (mkfifo).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInsideFolder, lookUpNamedFile, readNamedFile } from '../../../server/src/io/namedFiles';
import { readRegularFile, statRegularFile } from '../../../server/src/io/regularFiles';

let root: string;
let suite: string;
let outside: string;
let transcript: string;

before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-named-')));
  suite = join(root, 'suite');
  outside = join(root, 'outside');
  mkdirSync(join(suite, 'bodies'), { recursive: true });
  mkdirSync(outside);
  transcript = join(suite, 'send.smtp');
  writeFileSync(transcript, 'S: 220 x\n');
  writeFileSync(join(suite, 'bodies', 'hello.eml'), 'Subject: hi\n\nhello\n');
  writeFileSync(join(outside, 'secret.txt'), 'top secret\n');
  symlinkSync(join(outside, 'secret.txt'), join(suite, 'link-out.eml'));
  symlinkSync(join(suite, 'bodies', 'hello.eml'), join(suite, 'link-in.eml'));
  execFileSync('mkfifo', [join(suite, 'pipe.eml')]);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('isInsideFolder', () => {
  test('the folder itself and below: inside; a sibling with the same prefix, a parent: outside', () => {
    assert.deepEqual(
      ['/a/b', '/a/b/c', '/a/b/c/d.eml', '/a/bc', '/a', '/x/b'].map((p) => isInsideFolder(p, '/a/b')),
      [true, true, true, false, false, false],
    );
  });
  test('a name that merely starts with two dots is inside', () => {
    assert.equal(isInsideFolder('/a/b/..hidden', '/a/b'), true);
  });
});

describe('lookUpNamedFile', () => {
  const policy = () => ({ transcriptPath: transcript });
  test('a file in the transcript folder tree, directly or through a link that stays inside', () => {
    assert.deepEqual(lookUpNamedFile('./bodies/hello.eml', policy()), { kind: 'file', resolved: join(suite, 'bodies', 'hello.eml'), size: 19 });
    assert.deepEqual(lookUpNamedFile('link-in.eml', policy()), { kind: 'file', resolved: join(suite, 'bodies', 'hello.eml'), size: 19 });
  });
  test('an absolute path, a ../ escape and a link pointing out: outside, and whether a link led there (never where)', () => {
    assert.deepEqual(lookUpNamedFile('/etc/passwd', policy()), { kind: 'outside', throughLink: false });
    assert.deepEqual(lookUpNamedFile('../outside/secret.txt', policy()), { kind: 'outside', throughLink: false });
    assert.deepEqual(lookUpNamedFile('link-out.eml', policy()), { kind: 'outside', throughLink: true });
  });
  test('an allowed folder opens its tree', () => {
    assert.deepEqual(lookUpNamedFile('link-out.eml', { transcriptPath: transcript, allowedFolders: [outside] }), {
      kind: 'file',
      resolved: join(outside, 'secret.txt'),
      size: 11,
    });
  });
  test('missing, a FIFO, a directory, a character device (allowed by folder, refused by kind)', () => {
    assert.deepEqual(lookUpNamedFile('nope.eml', policy()), { kind: 'missing', resolved: join(suite, 'nope.eml') });
    assert.deepEqual(lookUpNamedFile('pipe.eml', policy()), { kind: 'unreadable', resolved: join(suite, 'pipe.eml'), problem: 'is a FIFO (named pipe), not a regular file' });
    assert.deepEqual(lookUpNamedFile('bodies', policy()), { kind: 'unreadable', resolved: join(suite, 'bodies'), problem: 'is a directory, not a file' });
    assert.deepEqual(lookUpNamedFile('/dev/zero', { transcriptPath: transcript, allowedFolders: ['/dev'] }), {
      kind: 'unreadable',
      resolved: '/dev/zero',
      problem: 'is a character device, not a regular file',
    });
  });
});

describe('readNamedFile', () => {
  const policy = () => ({ transcriptPath: transcript });
  test('reads a file inside', async () => {
    assert.equal((await readNamedFile('bodies/hello.eml', policy())).toString(), 'Subject: hi\n\nhello\n');
  });
  test('refuses outside, naming the path as written and the opt-in, not where the link leads', async () => {
    await assert.rejects(readNamedFile('link-out.eml', policy()), {
      message: `cannot read link-out.eml: it leads, through a symbolic link, outside the transcript's folder ${suite}, and a transcript may read only files there; to allow another folder use --allow-include-dir DIR on the command line, the smtp.includes.allowedFolders setting in the editor`,
    });
  });
  test('a FIFO is refused at once (no reader waits on it)', async () => {
    await assert.rejects(readNamedFile('pipe.eml', policy()), { message: 'cannot read pipe.eml: it is a FIFO (named pipe), not a regular file' });
  });
});

describe('readRegularFile', () => {
  test('opening a FIFO directly does not block: the open handle is checked', async () => {
    await assert.rejects(readRegularFile(join(suite, 'pipe.eml')), { message: 'is a FIFO (named pipe), not a regular file' });
  });
  test('/dev/zero is a character device, a directory is a directory, a missing file is missing', async () => {
    await assert.rejects(readRegularFile('/dev/zero'), { message: 'is a character device, not a regular file' });
    await assert.rejects(readRegularFile(suite), { message: 'is a directory, not a file' });
    await assert.rejects(readRegularFile(join(suite, 'nope')), { message: 'no such file or directory' });
  });
  test('a file above the cap is refused, not read', async () => {
    await assert.rejects(readRegularFile(transcript, 4), { message: 'is larger than 4 bytes (9 bytes): too large to read' });
    assert.deepEqual(statRegularFile(transcript, 4), { problem: 'is larger than 4 bytes (9 bytes): too large to read' });
    assert.deepEqual(statRegularFile(transcript), { size: 9 });
  });
});
