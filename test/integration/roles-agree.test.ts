// The roles agree on one dialogue: a transcript lint finds no error in, played by the mock and replayed against it
// through the recording proxy, passes on both sides; and what the proxy recorded lints without errors and replays
// green against the mock playing the session it came from. Generated sessions (fast-check, a fixed seed; FUZZ_SEED and
// FUZZ_RUNS search elsewhere and deeper) mix implicit TLS or STARTTLS, AUTH, transactions, pipelining, BDAT, and each
// way a session can end: QUIT, the server's own 421, a close in place of a reply, inside DATA content or a BDAT chunk,
// and the client's close. Real sockets on loopback, nothing mocked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintTranscript } from '../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startRecordingProxy } from '../../server/src/record/recordingProxy';
import { TranscriptRecorder, type RecordedTranscript } from '../../server/src/record/transcriptRecorder';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import type { ReplayResult } from '../../server/src/replay/replayTypes';
import { startScriptedServer, type ScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import { generateTestCertificate } from '../../server/src/smtpTestServer/testCertificate';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

const EHLO_REPLY = ['S: 250-mx.test', 'S: 250-PIPELINING', 'S: 250-CHUNKING', 'S: 250-STARTTLS', 'S: 250 8BITMIME'];
const OPENING = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', ...EHLO_REPLY];
/** RFC 3207 §4.2: after the handshake the client says EHLO again; the server's certificate is trusted by its CA. */
const STARTTLS = ['C: STARTTLS', 'S: 220 2.0.0 ready', 'C: EHLO client.test', ...EHLO_REPLY.filter((line) => line !== 'S: 250-STARTTLS')];
const ENVELOPE = ['C: MAIL FROM:<a@x.test>', 'S: 250 2.1.0 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 2.1.5 ok'];
// No Date: or Message-ID: the recorder writes those as `{{$date}}` and `{{$message-id}}`, made anew at replay, which a
// mock of the original (expecting the literal value) would refuse.
const MESSAGE = ['C: From: <a@x.test>', 'C: Subject: generated', 'C:', 'C: body'];
/** What may come in the middle of a session. */
const MIDDLE: Record<string, string[]> = {
  data: [...ENVELOPE, 'C: DATA', 'S: 354 go', ...MESSAGE, 'C: ..a stuffed dot', 'C: .', 'S: 250 2.0.0 queued'],
  bdat: [...ENVELOPE, 'C: BDAT 3', 'C: a', 'S: 250 2.0.0 ok', 'C: BDAT * LAST', ...MESSAGE, 'S: 250 2.0.0 ok'],
  pipelined: ['C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'C: DATA', 'S: 250 ok', 'S: 250 ok', 'S: 354 go', ...MESSAGE, 'C: .', 'S: 250 ok'],
  refused: ['C: MAIL FROM:<a@x.test>', 'S: 451 4.3.0 later', 'C: RSET', 'S: 250 ok'],
  wildcards: ['C: NOOP', 'S: 2xx *', 'C: HELP', 'S: 214-a', 'S: 214 b'],
};
/** How a session may end (or nothing: replay says QUIT for it). */
const ENDING: Record<string, string[]> = {
  quit: ['C: QUIT', 'S: 221 bye', 'S: <closed>'],
  notice: ['S: <delay 20ms>', 'S: 421 4.3.2 shutting down', 'S: <closed>'],
  closedInsteadOfReply: ['C: NOOP', 'S: <closed>'],
  closedInPipelinedGroup: ['C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'S: <closed>'],
  closedInContent: [...ENVELOPE, 'C: DATA', 'S: 354 go', 'C: Subject: half', 'S: <closed>'],
  noticeInContent: [...ENVELOPE, 'C: DATA', 'S: 354 go', 'C: Subject: half', 'S: 421 4.4.2 idle', 'S: <closed>'],
  closedAtDot: [...ENVELOPE, 'C: DATA', 'S: 354 go', ...MESSAGE, 'C: .', 'S: <closed>'],
  closedInChunk: [...ENVELOPE, 'C: BDAT 100 LAST', 'C: half', 'S: <closed>'],
  noticeInChunk: [...ENVELOPE, 'C: BDAT 100 LAST', 'C: half', 'S: 421 4.4.2 idle', 'S: <closed>'],
  clientClosesInContent: [...ENVELOPE, 'C: DATA', 'S: 354 go', 'C: Subject: half', 'C: <close>'],
  clientClosesInChunk: [...ENVELOPE, 'C: BDAT 100 LAST', 'C: half', 'C: <close>'],
  clientCloses: ['C: <close>'],
};
/** AUTH, in plain text or after STARTTLS: the recording writes the password as `{{$env SMTP_PASSWORD}}`. */
const AUTH = ['C: AUTH PLAIN {{$plain alice secret}}', 'S: 235 2.7.0 ok'];
/** A session; under implicit TLS (RFC 8314) it says no STARTTLS. */
const session = (implicit: boolean) =>
  fc
    .tuple(fc.boolean(), fc.boolean(), fc.array(fc.constantFrom(...Object.keys(MIDDLE)), { maxLength: 3 }), fc.option(fc.constantFrom(...Object.keys(ENDING))))
    .map(([starttls, auth, middle, ending]) =>
      [...OPENING, ...(starttls && !implicit ? STARTTLS : []), ...(auth ? AUTH : []), ...middle.flatMap((name) => MIDDLE[name]), ...(ending ? ENDING[ending] : [])].join('\n'),
    );
/** A file: whether its connections start with TLS (`@tls = implicit`), and its sessions. */
const file = fc.boolean().chain((implicit) => fc.tuple(fc.constant(implicit), fc.array(session(implicit), { minLength: 1, maxLength: 3 })));

type Tls = 'none' | 'implicit';
const mock = async (text: string, connections: number, tls: Tls): Promise<{ server: ScriptedServer; port: number }> => {
  const server = await startScriptedServer(parseTranscript(`@tls = ${tls}\n${text}`), {
    port: 0,
    ...(tls === 'implicit' ? { tlsPort: 0 } : {}),
    connections,
    env: {},
    timeoutMs: 3000,
    readInclude: () => Promise.reject(new Error('no includes here')),
  });
  return { server, port: tls === 'implicit' ? server.tlsPort! : server.port };
};
/** Replays `text` against 127.0.0.1:`port`, trusting `ca` (the certificate the server there shows). */
const replayAgainst = (port: number, text: string, ca: string, tls: Tls): Promise<ReplayResult> =>
  replayTranscript(parseTranscript(`@server = 127.0.0.1\n@port = ${port}\n@tls = ${tls}\n@timeout = 2s\n${text}`), { env: { SMTP_PASSWORD: 'secret' }, extraCaPem: ca });
const failures = (result: ReplayResult) => result.sessions.flatMap((s) => (s.status === 'pass' ? [] : [s.error?.message ?? s.exchanges.filter((e) => e.status !== 'pass').map((e) => `line ${e.line + 1}: ${e.message}`).join('; ')]));
const errors = (text: string) => lintTranscript(parseTranscript(text)).filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.message}`);

describe('mock, replay and record agree on one dialogue', () => {
  test(`generated sessions, each way to end them (seed ${SEED}, ${RUNS} files)`, async () => {
    const certificate = await generateTestCertificate();
    const run = await fc.check(
      fc.asyncProperty(file, async ([implicit, written]) => {
        const tls: Tls = implicit ? 'implicit' : 'none';
        const text = written.map((s, i) => `### session ${i + 1}\n${s}`).join('\n');
        assert.deepEqual(errors(text), []);
        const { server, port } = await mock(text, written.length, tls);
        const recorded: RecordedTranscript[] = [];
        const proxy = await startRecordingProxy({
          listen: { port: 0 },
          implicitTls: implicit,
          upstream: { host: '127.0.0.1', port, implicitTls: implicit, ca: server.certificatePem, insecureTls: false },
          certificate,
          connections: written.length,
          tap: ({ remote }) => new TranscriptRecorder({ startedAt: new Date(), client: remote, upstream: { host: '127.0.0.1', port }, recorder: 'roles-agree.test.ts', onRecorded: (r) => recorded.push(r) }),
        });
        const replayed = await replayAgainst(proxy.port, text, certificate.certificatePem, tls);
        await proxy.done;
        const played = await server.done;
        assert.deepEqual(failures(replayed), [], text);
        // TLS at connect, or where a session says STARTTLS: replay verified the proxy's certificate (and the proxy the mock's).
        const upgraded = (result: ReplayResult) => result.sessions.map((s) => s.tls?.authorized === true);
        assert.deepEqual(upgraded(replayed), written.map((s) => implicit || s.includes('C: STARTTLS')));
        assert.deepEqual(played.map((p) => [p.status, p.deviation?.message]), written.map(() => ['pass', undefined]), text);
        // Sessions run one after the other: the recordings come in their order.
        assert.equal(recorded.length, written.length);
        for (const [i, recording] of recorded.entries()) {
          assert.deepEqual(errors(recording.text), [], recording.text);
          for (const secret of ['secret', Buffer.from('\0alice\0secret').toString('base64')]) assert.ok(!recording.text.includes(secret), recording.text);
          const original = await mock(written[i], 1, tls);
          const again = await replayAgainst(original.port, recording.text.replace(/^@(server|port) = .*\n/gm, ''), original.server.certificatePem, tls);
          assert.deepEqual(failures(again), [], `${written[i]}\n== recorded:\n${recording.text}`);
          assert.deepEqual(upgraded(again), [implicit || written[i].includes('C: STARTTLS')]);
          assert.deepEqual((await original.server.done).map((p) => p.status), ['pass']);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // fast-check's own report names the counterexample but not what failed in it: both are said here.
    const error = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
    assert.ok(!run.failed, `failed after ${run.numRuns} files (seed ${SEED}, path ${run.counterexamplePath}):\n${JSON.stringify(run.counterexample?.[0])}\n${error}`);
  });
});
