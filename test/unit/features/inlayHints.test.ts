import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-types';
import { parseTranscript } from '../../../server/src/model';
import { getInlayHints } from '../../../server/src/features/inlayHints';
import { getLanguageService } from '../../../server/src/features/languageService';

const URI = 'file:///t.smtp';
const label = (hint: InlayHint): string => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));

/** The text with each hint written where the editor shows it, as `⟪label⟫`. */
function shown(lines: string[], hints: InlayHint[]): string[] {
  const out = [...lines];
  for (const hint of [...hints].reverse()) {
    const { line, character } = hint.position;
    out[line] = `${out[line].slice(0, character)} ⟪${label(hint)}⟫${out[line].slice(character)}`;
  }
  return out;
}
const everyLine = (lines: string[]) => ({ start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
const hinted = (lines: string[]): string[] => shown(lines, getInlayHints(URI, parseTranscript(lines.join('\n')), everyLine(lines)));

const PIPELINED = [
  'S: 220 mx',
  'C: MAIL FROM:<a@x.test>',
  'C: RCPT TO:<b@y.test>',
  'C: DATA',
  'S: 250 2.1.0 ok',
  'S: 550 5.1.1 no such user',
  'S: 354 go',
  'C: hi',
  'C: .',
  'C: QUIT',
  'S: 250 queued',
  'S: 221 bye',
];

describe('inlay hints', () => {
  test('a pipelined group (RFC 2920): each reply names the command it answers', () => {
    assert.deepEqual(hinted(PIPELINED), [
      'S: 220 mx',
      'C: MAIL FROM:<a@x.test>',
      'C: RCPT TO:<b@y.test>',
      'C: DATA',
      'S: 250 2.1.0 ok ⟪← MAIL FROM:<a@x.test>⟫',
      'S: 550 5.1.1 no such user ⟪← RCPT TO:<b@y.test>⟫',
      'S: 354 go ⟪← DATA⟫',
      'C: hi',
      'C: .',
      'C: QUIT',
      'S: 250 queued ⟪← end of DATA⟫',
      'S: 221 bye ⟪← QUIT⟫',
    ]);
  });

  test('the name links to the command, and the tooltip says its line', () => {
    const hint = getInlayHints(URI, parseTranscript(PIPELINED.join('\n')), everyLine(PIPELINED))[1];
    assert.ok(typeof hint.label !== 'string');
    assert.deepEqual(hint.label[1].location, { uri: URI, range: { start: { line: 2, character: 3 }, end: { line: 2, character: 7 } } });
    assert.match(String(hint.label[1].tooltip), /^The reply to line 3: .*RFC 2920 §3\.1/);
  });

  test('LMTP: each reply to the end of a message names the accepted recipient it is for, in RCPT order (RFC 2033 §4.2)', () => {
    const lines = [
      'S: 220 store LMTP',
      'C: LHLO relay.test',
      'S: 250 store',
      'C: MAIL FROM:<a@x.test>',
      'S: 250 ok',
      'C: RCPT TO:<b@y.test>',
      'S: 250 ok',
      'C: RCPT TO:<nobody@y.test>',
      'S: 550 5.1.1 no such user',
      'C: RCPT TO:<c@y.test>',
      'S: 250 ok',
      'C: DATA',
      'S: 354 go',
      'C: hi',
      'C: .',
      'S: 250 2.1.5 delivered',
      'S: 452 4.2.2 mailbox full',
    ];
    assert.deepEqual(hinted(lines).slice(-2), ['S: 250 2.1.5 delivered ⟪← RCPT TO:<b@y.test>⟫', 'S: 452 4.2.2 mailbox full ⟪← RCPT TO:<c@y.test>⟫']);
    const hint = getInlayHints(URI, parseTranscript(lines.join('\n')), everyLine(lines))[1];
    assert.ok(typeof hint.label !== 'string');
    assert.deepEqual(hint.label[1].location, { uri: URI, range: { start: { line: 9, character: 3 }, end: { line: 9, character: 7 } } });
    assert.match(String(hint.label[1].tooltip), /RFC 2033 §4\.2\): this reply is for the recipient of line 10\.$/);
    // One recipient, one reply: nothing to tell apart.
    assert.deepEqual(hinted([...lines.slice(0, 7), ...lines.slice(11, 16)]).filter((l) => l.includes('⟪')), []);
  });

  test('a reply right below what it answers has none, comments, blank lines and server markers between or not', () => {
    const lines = ['S: 220 mx', 'C: EHLO c', '# the reply', '', 'S: <delay 1s>', 'S: 250-mx', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: hi', 'C: .', 'S: 250 ok'];
    assert.deepEqual(hinted(lines), lines);
  });

  test('AUTH LOGIN: the challenges decoded, the user name shown, the password masked (RFC 4954 §4)', () => {
    assert.deepEqual(hinted(['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg==', 'S: 334 UGFzc3dvcmQ6', 'C: cGFzcw==', 'S: 235 ok']), [
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6 ⟪Username:⟫',
      'C: dXNlcg== ⟪user⟫',
      'S: 334 UGFzc3dvcmQ6 ⟪Password:⟫',
      'C: cGFzcw== ⟪****⟫',
      'S: 235 ok',
    ]);
  });

  test('AUTH PLAIN with an initial response, CRAM-MD5 and XOAUTH2: credentials masked', () => {
    assert.deepEqual(hinted(['C: AUTH PLAIN AHVzZXIAcGFzcw==', 'S: 235 ok']), ['C: AUTH PLAIN AHVzZXIAcGFzcw== ⟪\\0user\\0****⟫', 'S: 235 ok']);
    const cram = ['C: AUTH CRAM-MD5', 'S: 334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+', 'C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw', 'S: 235 ok'];
    assert.deepEqual(hinted(cram), [
      'C: AUTH CRAM-MD5',
      'S: 334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+ ⟪<1896.697170952@postoffice.example.net>⟫',
      'C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw ⟪tim ****⟫',
      'S: 235 ok',
    ]);
    const token = Buffer.from('user=u@x.test\x01auth=Bearer ya29.secret\x01\x01').toString('base64');
    const [line] = hinted([`C: AUTH XOAUTH2 ${token}`, 'S: 235 ok']);
    assert.equal(line, `C: AUTH XOAUTH2 ${token} ⟪user=u@x.test\\x01auth=Bearer ****\\x01\\x01⟫`);
  });

  test('none where the text is not base64 text, holds a variable, or cancels', () => {
    const lines = ['C: AUTH LOGIN', 'S: 334 Go ahead', 'C: {{$base64 {{user}}}}', 'S: 334 abcd', 'C: *', 'S: 501 cancelled'];
    assert.deepEqual(hinted(lines), lines);
  });

  test('a long command is cut with …; only the hints inside the range asked for come', () => {
    const long = `C: MAIL FROM:<${'a'.repeat(60)}@x.test>`;
    const [, , , mail] = hinted(['S: 220 mx', long, 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'S: 250 ok']);
    assert.equal(mail, `S: 250 ok ⟪← MAIL FROM:<${'a'.repeat(36)}…⟫`);
    const hints = getInlayHints(URI, parseTranscript(PIPELINED.join('\n')), { start: { line: 5, character: 0 }, end: { line: 10, character: 0 } });
    assert.deepEqual(hints.map(label), ['← RCPT TO:<b@y.test>', '← DATA']);
  });

  test('a text with a byte order mark: the hint and its link on line 0 move past the mark', () => {
    const hints = getLanguageService().getInlayHints({ uri: URI }, parseTranscript('\uFEFFC: MAIL FROM:<a@x>\nC: RCPT TO:<b@y>\nS: 250 ok\nS: 250 ok'), everyLine(['', '', '', '']));
    assert.deepEqual(hints.map((hint) => hint.position), [{ line: 2, character: 9 }, { line: 3, character: 9 }]);
    const first = hints[0].label;
    assert.ok(typeof first !== 'string');
    assert.deepEqual(first[1].location?.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 8 } });
  });
});
