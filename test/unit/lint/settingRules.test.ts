import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { definitionsAt } from '../../../server/src/model/variables';
import { readSettings } from '../../../server/src/replay/sessionSettings';
import { fixesOf } from '../../../server/src/features/lint';
import { brief, diagnostic, lint } from './lintHarness';
import { applyFix } from '../../support/edits';
import { lines } from '../../support/text';

const SESSION = ['S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'];
const ids = ['setting-value', 'requires-unknown-keyword', 'setting-after-exchange'];

describe('setting-value', () => {
  test('every value replay would refuse is an error on the value, with a fix where the intent is plain', () => {
    const text = lines('@port = 25x25', '@tls = starttlss', '@timeout = 10 seconds', '@match = exact', '@connect-timeout = -5s', '@server = 127.0.0.1:25x', ...SESSION);
    assert.deepEqual(
      lint(text, { rules: {} })
        .filter((d) => d.code === 'setting-value')
        .map((d) => [d.range.start.line + 1, d.range.start.character, fixesOf(d.fix)[0]?.edits[0].newText]),
      [
        [1, 8, undefined],
        [2, 7, 'starttls'],
        [3, 11, '10s'],
        [4, 9, 'strict'],
        [5, 19, undefined],
        [6, 10, undefined],
      ],
    );
    const fixed = applyFix(lines('@tls = starttlss', ...SESSION), diagnostic(lines('@tls = starttlss', ...SESSION), 'setting-value').fix!);
    assert.equal(fixed, lines('@tls = starttls', ...SESSION));
  });

  test('host:port, [ipv6]:port and mx:domain are servers; values with references are checked at replay', () => {
    for (const server of ['127.0.0.1:2525', '[::1]:2525', 'mx:example.com', '{{host}}:25x']) {
      assert.deepEqual(brief(lines('@host = h', `@server = ${server}`, ...SESSION), ids), [], server);
    }
  });

  test('@server with a port and @port that disagree', () => {
    const text = lines('@port = 25', '###', '@server = 127.0.0.1:2525', ...SESSION);
    assert.deepEqual(brief(text, ids), [{ line: 3, code: 'setting-value', severity: 'error' }]);
    assert.equal(diagnostic(text, 'setting-value').message, '`@server = 127.0.0.1:2525` names port 2525 but `@port = 25` another: keep one.');
  });

  test('lint and replay say the same thing', () => {
    const text = lines('@tls = starttlss', ...SESSION);
    const transcript = parseTranscript(text);
    assert.throws(() => readSettings(definitionsAt(transcript, transcript.sessions[0], 1), (d) => d.value.text, {}), {
      message: diagnostic(text, 'setting-value').message.replace(/\.$/, ''),
      line: 0,
    });
  });
});

describe('requires-unknown-keyword', () => {
  test('a typo in @requires: warning with the keyword it resembles, which would skip the session everywhere', () => {
    const text = lines('@requires = SMTPUTF8 CHUNKIN', ...SESSION);
    assert.deepEqual(brief(text, ids), [{ line: 1, code: 'requires-unknown-keyword', severity: 'warning' }]);
    const d = diagnostic(text, 'requires-unknown-keyword');
    assert.deepEqual(d.range, { start: { line: 0, character: 21 }, end: { line: 0, character: 28 } });
    assert.equal(applyFix(text, d.fix!), lines('@requires = SMTPUTF8 CHUNKING', ...SESSION));
  });

  test('registered and X- keywords pass', () => {
    assert.deepEqual(brief(lines('@requires = chunking SMTPUTF8 XCLIENT', ...SESSION), ids), []);
  });
});

describe('setting-after-exchange', () => {
  test('@server, @port, @tls below the first exchange: warning with a fix moving it up', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', '@server = 127.0.0.1', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'setting-after-exchange', severity: 'warning' }]);
    const d = diagnostic(text, 'setting-after-exchange');
    assert.equal(
      d.message,
      "Replay reads `@server` when the session connects, before line 1: here it changes nothing. Move it above the session's first `S:`/`C:` line.",
    );
    assert.equal(applyFix(text, d.fix!), lines('@server = 127.0.0.1', 'S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'));
  });

  test('@replay below the first exchange: replay decided to run the session before it, a warning', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', '@replay = skip', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'setting-after-exchange', severity: 'warning' }]);
    assert.equal(applyFix(text, diagnostic(text, 'setting-after-exchange').fix!), lines('@replay = skip', 'S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'));
  });

  test('@timeout and @match apply from where they stand; @requires until EHLO is done', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', '@timeout = 5s', '@match = strict', '@requires = SMTPUTF8', 'C: NOOP', 'S: 250 ok', '@requires = CHUNKING', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(text, ids), [{ line: 9, code: 'setting-after-exchange', severity: 'warning' }]);
  });
});

test('setting-after-exchange: 200,000 late settings in one session are each reported (no stack overflow)', () => {
  const text = ['S: 220 *', 'C: EHLO c.test', 'S: 250 ok', '@tls = none\n'.repeat(200_000)].join('\n');
  const found = lint(text).filter((d) => d.code === 'setting-after-exchange');
  assert.deepEqual([found.length, found[0].range.start.line, found[199_999].range.start.line], [200_000, 3, 200_002]);
});

test('setting-value: TLS over a UNIX-domain socket without @tls-servername (by @tls, or a STARTTLS), at the STARTTLS or the session start', () => {
  const socketTls = (...head: string[]) => brief(lines(...head, 'S: 220 *', 'C: EHLO c.test', 'S: 250-ok', 'S: 250 STARTTLS', 'C: STARTTLS', 'S: 220 go', 'C: QUIT', 'S: 221 bye'), ids);
  assert.deepEqual(socketTls('@server = unix:/run/lmtp'), [{ line: 6, code: 'setting-value', severity: 'error' }]);
  assert.deepEqual(brief(lines('@server = unix:/run/lmtp', '@tls = implicit', ...SESSION), ids), [{ line: 3, code: 'setting-value', severity: 'error' }]);
  assert.match(diagnostic(lines('@server = unix:/run/lmtp', '@tls = implicit', ...SESSION), 'setting-value').message, /^TLS over the UNIX-domain socket unix:\/run\/lmtp needs `@tls-servername = NAME`/);
  // Named, or no TLS, or a host: nothing.
  assert.deepEqual(socketTls('@server = unix:/run/lmtp', '@tls-servername = store.test'), []);
  assert.deepEqual(brief(lines('@server = unix:/run/lmtp', ...SESSION), ids), []);
  assert.deepEqual(socketTls('@server = store.test:24'), []);
  // A path the system would cut (sun_path) is no socket replay can reach.
  const long = `unix:/${'d'.repeat(120)}/lmtp`;
  assert.match(diagnostic(lines(`@server = ${long}`, ...SESSION), 'setting-value').message, /: a UNIX-domain socket's path holds at most 10[37] bytes, and this one has 126: choose a shorter one\.$/);
  // A file-level socket is judged in each session that starts TLS there.
  assert.deepEqual(brief(lines('@server = unix:/run/lmtp', '### a', ...SESSION, '### b', '@tls = starttls', ...SESSION), ids).map((d) => d.line), [10]);
});
