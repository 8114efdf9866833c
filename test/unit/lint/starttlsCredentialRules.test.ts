import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic, lint } from './lintHarness';
import { lintText } from '../../../server/src/features/lint/lintText';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { lines } from '../../support/text';

const ids = ['credentials-before-starttls', 'credentials-before-tls'];
const GREETING = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250-mx.example.com', 'S: 250-STARTTLS', 'S: 250 AUTH PLAIN LOGIN EXTERNAL'];
const TLS = ['C: STARTTLS', 'S: 220 2.0.0 Ready to start TLS', 'C: EHLO client.example.com', 'S: 250 AUTH PLAIN LOGIN'];
const PLAIN_AUTH = ['C: AUTH PLAIN {{$plain alice {{password}}}}', 'S: 235 2.7.0 ok'];
const PASSWORD = '@password = {{$env SMTP_PASSWORD}}';

describe('credentials-before-starttls', () => {
  test('AUTH above STARTTLS: one error at the AUTH, which stands in for credentials-before-tls there', () => {
    const text = lines(PASSWORD, ...GREETING, ...PLAIN_AUTH, ...TLS, 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(text, ids), [{ line: 7, code: 'credentials-before-starttls', severity: 'error' }]);
    assert.equal(
      diagnostic(text, 'credentials-before-starttls').message,
      'This line sends credentials above `C: STARTTLS` (line 9): they would travel in clear, so replay never sends them and ends the session here (RFC 3207 §4). Send them after STARTTLS, its `S: 220` and the EHLO that follows it.',
    );
    // Turned off, it hides nothing: the warning about a password mechanism in clear is back.
    assert.deepEqual(brief(text, ids, { rules: { 'credentials-before-starttls': 'off' } }), [{ line: 7, code: 'credentials-before-tls', severity: 'warning' }]);
  });

  test('below STARTTLS and its 220 nothing is reported; pipelined with STARTTLS it is', () => {
    assert.deepEqual(brief(lines(PASSWORD, ...GREETING, ...TLS, ...PLAIN_AUTH, 'C: QUIT', 'S: 221 bye'), ids), []);
    const pipelined = lines(PASSWORD, ...GREETING, 'C: STARTTLS', 'C: AUTH PLAIN {{$plain alice {{password}}}}', 'S: 220 2.0.0 Ready', 'S: 235 2.7.0 ok');
    assert.match(diagnostic(pipelined, 'credentials-before-starttls').message, /^This line sends credentials in the same pipelined group as `C: STARTTLS` \(line 7\), which goes out before the TLS handshake:/);
  });

  test('any mechanism, the answers to 334 and a line naming a secret count; the first is reported, once', () => {
    const external = lines(...GREETING, 'C: AUTH EXTERNAL =', 'S: 235 ok', ...TLS);
    assert.deepEqual(brief(external, ids), [{ line: 6, code: 'credentials-before-starttls', severity: 'error' }]);
    const login = lines(PASSWORD, ...GREETING, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: YWxpY2U=', 'S: 334 UGFzc3dvcmQ6', 'C: {{$base64 {{password}}}}', 'S: 235 ok', ...TLS);
    assert.deepEqual(brief(login, ids), [{ line: 7, code: 'credentials-before-starttls', severity: 'error' }]);
    const named = lines(PASSWORD, ...GREETING, 'C: VRFY {{password}}', 'S: 252 ok', ...TLS);
    assert.deepEqual(brief(named, ids), [{ line: 7, code: 'credentials-before-starttls', severity: 'error' }]);
  });

  test('after a STARTTLS the transcript expects to be refused, the first credentials are reported; after a 2xx nothing is', () => {
    const refused = lines(PASSWORD, ...GREETING, 'C: STARTTLS', 'S: 454 4.7.0 TLS not available due to local problem', 'C: NOOP', 'S: 250 ok', ...PLAIN_AUTH);
    assert.deepEqual(brief(refused, ids), [{ line: 11, code: 'credentials-before-starttls', severity: 'error' }]);
    assert.equal(
      diagnostic(refused, 'credentials-before-starttls').message,
      'This line sends credentials, but the transcript expects `C: STARTTLS` (line 7) to be refused (`454`): the connection stays plain, so replay never sends them, and ends the session at the STARTTLS line (RFC 3207 §4). Expect `S: 220` to STARTTLS, or leave the credentials out of this session.',
    );
    assert.deepEqual(brief(lines(PASSWORD, ...GREETING, 'C: STARTTLS', 'S: 2xx *', 'C: EHLO c', 'S: 250 ok', ...PLAIN_AUTH), ids), []);
    // No reply written to STARTTLS: whether TLS starts is not said, and nothing is reported below it.
    assert.deepEqual(brief(lines(PASSWORD, ...GREETING, 'C: STARTTLS', 'C: EHLO c', 'S: 250 ok', ...PLAIN_AUTH), ['credentials-before-starttls']), []);
  });

  test('`@tls = starttls` with no STARTTLS line: the first credentials are reported; `@tls = none` or no `@tls`: nothing', () => {
    const session = (tls: string) => lines(PASSWORD, tls, '### one', ...GREETING, ...PLAIN_AUTH, 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(session('@tls = starttls'), ['credentials-before-starttls']), [{ line: 9, code: 'credentials-before-starttls', severity: 'error' }]);
    assert.match(diagnostic(session('@tls = starttls'), 'credentials-before-starttls').message, /^This line sends credentials, but the session asks for TLS with `@tls = starttls` and never sends `C: STARTTLS`:/);
    assert.deepEqual(brief(session('@tls = none'), ['credentials-before-starttls']), []);
    assert.deepEqual(brief(session('# no setting'), ['credentials-before-starttls']), []);
    // With a STARTTLS line and the credentials after its 220, `@tls = starttls` adds nothing.
    assert.deepEqual(brief(lines(PASSWORD, '@tls = starttls', '### one', ...GREETING, ...TLS, ...PLAIN_AUTH, 'C: QUIT', 'S: 221 bye'), ids), []);
    // The file-level setting changed by an edit: the kept facts are the session's own, the verdict follows the setting.
    const cache = createLintCache();
    let previous = parseTranscript(session('@tls = none'));
    assert.deepEqual(lintTranscript(previous, { cache }).filter((d) => d.code === 'credentials-before-starttls'), []);
    previous = parseTranscript(session('@tls = starttls'), previous);
    assert.deepEqual(lintTranscript(previous, { cache }).filter((d) => d.code === 'credentials-before-starttls').map((d) => d.range.start.line), [8]);
  });

  test('no STARTTLS line, `@tls = implicit`, or a `@tls` only replay resolves: nothing (replay sends AUTH there)', () => {
    assert.deepEqual(brief(lines(PASSWORD, ...GREETING, ...PLAIN_AUTH), ['credentials-before-starttls']), []);
    assert.deepEqual(brief(lines(PASSWORD, '@tls = implicit', ...GREETING, ...PLAIN_AUTH, ...TLS), ['credentials-before-starttls']), []);
    assert.deepEqual(brief(lines(PASSWORD, '@tls = {{$env TLS_MODE}}', ...GREETING, ...PLAIN_AUTH, ...TLS), ['credentials-before-starttls']), []);
  });

  test('the CLI\'s lint by session finds the same, and a line added at the top moves it without reading the sessions again', () => {
    const text = lines(PASSWORD, '### one', ...GREETING, ...PLAIN_AUTH, ...TLS, '### two', ...GREETING, ...TLS, ...PLAIN_AUTH);
    assert.deepEqual(lintText(text), lint(text));
    const cache = createLintCache();
    const before = parseTranscript(text);
    lintTranscript(before, { cache });
    const after = parseTranscript(`\n${text}`, before);
    const found = lintTranscript(after, { cache }).filter((d) => d.code === 'credentials-before-starttls');
    assert.deepEqual(found.map((d) => d.range.start.line), [8]);
    // The session without the problem only moved: it is still not parsed again.
    assert.equal(Object.getOwnPropertyDescriptor(after.sessions[1], 'exchanges')?.get !== undefined, true);
  });

  test('edits far down a long session, as the server lints them: the finding comes and goes with a STARTTLS typed there, and stays put under a line typed below', () => {
    // Hundreds of transactions: the session is parsed in place around each edit, and the facts are read again only
    // where the edit is (model/sessionLineage.ts).
    const mail = (i: number) => [`C: MAIL FROM:<a${i}@client.example.com>`, 'S: 250 ok', 'C: RCPT TO:<b@mx.example.com>', 'S: 250 ok', 'C: RSET', 'S: 250 ok'];
    const body = Array.from({ length: 300 }, (_, i) => mail(i)).flat();
    const cache = createLintCache();
    const found = (t: ReturnType<typeof parseTranscript>) => lintTranscript(t, { cache }).filter((d) => d.code === 'credentials-before-starttls').map((d) => d.range.start.line);
    const texts = [
      lines(PASSWORD, ...GREETING, ...PLAIN_AUTH, ...body, 'C: QUIT', 'S: 221 bye'),
      // A line typed far below, no STARTTLS anywhere: nothing.
      lines(PASSWORD, ...GREETING, ...PLAIN_AUTH, ...body.slice(0, 1500), 'C: NOOP', 'S: 250 ok', ...body.slice(1500), 'C: QUIT', 'S: 221 bye'),
      // A STARTTLS typed far below the AUTH: the AUTH goes in clear.
      lines(PASSWORD, ...GREETING, ...PLAIN_AUTH, ...body.slice(0, 1200), ...TLS, ...body.slice(1200), 'C: QUIT', 'S: 221 bye'),
      // A line typed further down: the same finding.
      lines(PASSWORD, ...GREETING, ...PLAIN_AUTH, ...body.slice(0, 1200), ...TLS, ...body.slice(1200, 1500), 'C: NOOP', 'S: 250 ok', ...body.slice(1500), 'C: QUIT', 'S: 221 bye'),
      lines(PASSWORD, ...GREETING, ...PLAIN_AUTH, ...body.slice(0, 1500), 'C: NOOP', 'S: 250 ok', ...body.slice(1500), 'C: QUIT', 'S: 221 bye'),
      // STARTTLS at the top, AUTH after it, then a line typed far below: nothing.
      lines(PASSWORD, ...GREETING, ...TLS, ...PLAIN_AUTH, ...body.slice(0, 1500), 'C: NOOP', 'S: 250 ok', ...body.slice(1500), 'C: QUIT', 'S: 221 bye'),
      lines(PASSWORD, ...GREETING, ...TLS, ...PLAIN_AUTH, ...body, 'C: QUIT', 'S: 221 bye'),
    ];
    let previous = parseTranscript(texts[0]);
    const each = [found(previous)];
    for (const text of texts.slice(1)) {
      previous = parseTranscript(text, previous);
      each.push(found(previous));
      assert.deepEqual(each[each.length - 1], lint(text).filter((d) => d.code === 'credentials-before-starttls').map((d) => d.range.start.line));
    }
    assert.deepEqual(each, [[], [], [6], [6], [], [], []]);
  });
});
