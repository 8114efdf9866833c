// MIME includes on the wire: examples/mime-report.smtp replayed against the local server, and the stored message
// read back by an independent MIME parser (Python's email package): the structure, the headers, and every part
// decoding to its file's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startLocalServer } from '../../server/src/smtpTestServer/localServer';
import { replayTranscript } from '../../server/src/replay/replayTranscript';

const ROOT = join(__dirname, '../../..');
const EXAMPLE = join(ROOT, 'examples/mime-report.smtp');

test('multipart/mixed with multipart/alternative and a PDF attachment, as Python reads it', async () => {
  const mailDir = await mkdtemp(join(tmpdir(), 'mime-replay-'));
  const server = await startLocalServer({ port: 0, tlsPort: 0, mailDir });
  try {
    const result = await replayTranscript(parseTranscript(await readFile(EXAMPLE, 'utf8')), {
      env: {},
      target: { host: '127.0.0.1', port: server.port },
      timeouts: { connectMs: 5000, replyMs: 5000 },
      readFile: (path) => readFile(join(dirname(EXAMPLE), path)),
    });
    assert.deepEqual(result.sessions.map((s) => s.status), ['pass']);
    const run = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/mime_parts.py'), server.messages[0].file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as { subject: string; parts: Array<Record<string, unknown>> };
    const file = async (name: string) => (await readFile(join(ROOT, 'examples/files', name))).toString('base64');
    // Text decodes to its lines (the line break before a boundary belongs to the boundary, RFC 2046 §5.1.1); the
    // PDF byte for byte.
    const text = async (name: string) => (await readFile(join(ROOT, 'examples/files', name))).subarray(0, -1).toString('base64');
    assert.deepEqual(parsed, {
      subject: 'Quarterly report – Q3',
      parts: [
        { type: 'multipart/mixed', encoding: null, filename: null, charset: null, defects: [] },
        { type: 'multipart/alternative', encoding: null, filename: null, charset: null, defects: [] },
        { type: 'text/plain', encoding: 'quoted-printable', filename: null, charset: 'utf-8', defects: [], payload: await text('report.txt') },
        { type: 'text/html', encoding: 'quoted-printable', filename: null, charset: 'utf-8', defects: [], payload: await text('report.html') },
        { type: 'application/pdf', encoding: 'base64', filename: 'report.pdf', charset: null, defects: [], payload: await file('report.pdf') },
      ],
    });
  } finally {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  }
});
