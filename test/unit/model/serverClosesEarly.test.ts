// `S: <closed>` where a server should not close: inside DATA content (the server stops reading the message, maybe
// with its own 421 first) and in place of a reply (the server closes instead of answering). The parse and lint.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript, type Exchange } from '../../../server/src/model';
import { isInclude } from '../../../server/src/model/contentParts';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { outline, problems } from './transcriptOutline';

const OPEN = ['S: 220 mx.test', 'C: EHLO client.test', 'S: 250 mx.test', 'C: MAIL FROM:<a@client.test>', 'S: 250 ok', 'C: RCPT TO:<b@mx.test>', 'S: 250 ok'];
const DATA = [...OPEN, 'C: DATA', 'S: 354 go'];
const ENVELOPE = ['greeting g-1 1-1 220', 'command EHLO g0 2-3 250', 'command MAIL g1 4-5 250', 'command RCPT g2 6-7 250', 'command DATA g3 8-9 354'];
const parse = (...lines: string[]) => parseTranscript(lines.join('\n'));
const contentLines = (e: Exchange) => (e.kind === 'message' ? e.parts.map((p) => (isInclude(p) ? `< ${p.path.text}` : p.text)) : []);
const findings = (...lines: string[]) => lintTranscript(parse(...lines)).map((d) => `${d.range.start.line + 1} ${d.severity} ${d.code}`);

describe('S: <closed> inside DATA content', () => {
  test('the message stops at the lines above it: no `.`, no reply awaited, and no parse problem', () => {
    const t = parse(...DATA, 'C: Subject: half', 'C:', 'C: first half', 'S: <closed>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'message g4 10-12 -']);
    const message = t.sessions[0].exchanges[5];
    assert.deepEqual([message.kind === 'message' && message.closedByServer, message.kind === 'message' && message.terminator], [true, undefined]);
    assert.deepEqual(contentLines(message), ['Subject: half', '', 'first half']);
    assert.equal(t.sessions[0].expectsClose?.line, 12);
  });

  test('right after the 354: an empty message the server gave up on', () => {
    const t = parse(...DATA, '# nothing came', 'S: <closed>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'message g4 9-9 -']);
  });

  test('after a `C: <close>` that ends the content, the client closed first: its close, then the server\'s', () => {
    const t = parse(...DATA, 'C: half', 'C: <close>', 'S: <closed>');
    assert.deepEqual(outline(t), [...ENVELOPE, 'message g4 10-10 -', 'client-close g4 11-11 -']);
    const message = t.sessions[0].exchanges[5];
    assert.deepEqual([message.kind === 'message' && message.cutByClient, message.kind === 'message' && message.closedByServer], [true, undefined]);
  });

  test('a line after it is after the close, as anywhere', () => {
    const t = parse(...DATA, 'C: half', 'S: <closed>', 'C: more');
    assert.deepEqual(problems(t), ['12:1 line-after-close']);
  });

  test('lint: no reply is missing and the message is not checked for headers it never finished', () => {
    assert.deepEqual(findings(...DATA, 'C: Subject: half', 'S: <closed>'), []);
  });

  test("the server's own 421 there (an idle timeout): the message stops as at `<closed>`, the 421 is the session's closing notice", () => {
    const t = parse(...DATA, 'C: Subject: half', 'S: 421 4.4.2 mx.test Error: timeout exceeded', 'S: <closed>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'message g4 10-10 -']);
    const message = t.sessions[0].exchanges[5];
    assert.deepEqual([message.kind === 'message' && message.closedByServer, t.sessions[0].closingNotice?.lines[0].line], [true, 10]);
    assert.deepEqual(findings(...DATA, 'C: Subject: half', 'S: 421 4.4.2 mx.test Error: timeout exceeded', 'S: <closed>'), []);
    // Any other reply there still cuts the content off, as before: the `.` is missing.
    assert.deepEqual(problems(parse(...DATA, 'C: Subject: half', 'S: 552 5.3.4 too big')), ['10:1 data-unterminated']);
  });

  test('in a BDAT chunk short of its size: the chunk stops at the octets written, no size mismatch, no reply awaited', () => {
    const t = parse(...OPEN, 'C: BDAT 100 LAST', 'C: half', 'S: <closed>');
    assert.deepEqual(problems(t), []);
    const chunk = t.sessions[0].exchanges.at(-1)!;
    assert.deepEqual([chunk.kind, chunk.kind === 'bdat' && chunk.closedByServer, chunk.answeredByClose], ['bdat', true, undefined]);
    assert.deepEqual(findings(...OPEN, 'C: BDAT 100 LAST', 'C: half', 'S: <closed>'), []);
    // A `BDAT *` chunk is as long as what is written: whole, and the close comes in place of its reply.
    const star = parse(...OPEN, 'C: BDAT * LAST', 'C: whole', 'S: <closed>').sessions[0].exchanges.at(-1)!;
    assert.deepEqual([star.kind === 'bdat' && star.closedByServer, star.answeredByClose], [undefined, true]);
  });

  test("the server's own 421 in a BDAT chunk short of its size: the chunk stops as at `<closed>`, the 421 is the closing notice", () => {
    const lines = [...OPEN, 'C: BDAT 100 LAST', 'C: Subject: half', 'S: 421 4.4.2 mx.test Error: timeout exceeded', 'S: <closed>'];
    const t = parse(...lines);
    assert.deepEqual(problems(t), []);
    const chunk = t.sessions[0].exchanges.at(-1)!;
    assert.deepEqual([chunk.kind === 'bdat' && chunk.closedByServer, chunk.reply, t.sessions[0].closingNotice?.lines[0].line], [true, undefined, 9]);
    assert.deepEqual(findings(...lines), []);
    // A chunk its lines complete, or a `BDAT *` one, is whole: the 421 is its reply.
    for (const command of ['BDAT 6 LAST', 'BDAT * LAST']) {
      const whole = parse(...OPEN, `C: ${command}`, 'C: half', 'S: 421 4.3.0 shutting down', 'S: <closed>').sessions[0];
      const last = whole.exchanges.at(-1)!;
      assert.deepEqual([last.kind === 'bdat' && last.closedByServer, last.reply?.code, whole.closingNotice], [undefined, '421', undefined], command);
    }
  });
});

describe('S: <closed> in place of a reply', () => {
  test('what awaits a reply when it comes is answered by the close; what was answered is not', () => {
    const t = parse(...DATA, 'C: Subject: whole', 'C: .', 'S: <closed>');
    assert.deepEqual(problems(t), []);
    const flags = t.sessions[0].exchanges.map((e) => `${e.kind} ${e.answeredByClose ?? '-'}`);
    assert.deepEqual(flags, ['greeting -', 'command -', 'command -', 'command -', 'command -', 'message true']);
  });

  test('a pipelined group: the commands the replies written do not reach', () => {
    const t = parse('S: 220 mx', 'C: EHLO c', 'S: 250-mx', 'S: 250 PIPELINING', 'C: MAIL FROM:<a@c>', 'C: RCPT TO:<b@mx>', 'C: DATA', 'S: 250 ok', 'S: <closed>');
    assert.deepEqual(t.sessions[0].exchanges.map((e) => `${e.kind === 'command' ? e.command.verb : e.kind} ${e.reply?.code ?? '-'} ${e.answeredByClose ?? '-'}`), [
      'greeting 220 -',
      'EHLO 250 -',
      'MAIL 250 -',
      'RCPT - true',
      'DATA - true',
    ]);
  });

  test('lint: an info, as a failing server shows it; after QUIT a warning (its 221 always comes first)', () => {
    assert.deepEqual(findings(...DATA, 'C: Date: {{$date}}', 'C: From: <a@client.test>', 'C: Message-ID: {{$message-id}}', 'C: .', 'S: <closed>'), ['13 info reply-missing']);
    assert.deepEqual(findings('S: 220 mx', 'C: NOOP', 'S: <closed>'), ['2 info reply-missing']);
    assert.deepEqual(findings('S: 220 mx', 'C: QUIT', 'S: <closed>'), ['2 warning reply-missing']);
    const [info] = lintTranscript(parse('S: 220 mx', 'C: NOOP', 'S: <closed>'));
    assert.equal(info.message, 'NOOP has no reply before `S: <closed>`: the server is expected to close the connection instead of replying, which only a failing server does (RFC 5321 §3.8). If it replies, write the reply (e.g. `S: 250 ...`).');
  });

  test('lint: a command the server closes instead of answering is expected to succeed no more than a refused one: its sequencing error is a hint', () => {
    // Exim resets a client it drops after too many errors: the RCPT it sent without MAIL is never answered.
    assert.deepEqual(findings('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: RCPT TO:<b@mx>', 'S: <closed>'), ['4 info reply-missing', '4 hint rcpt-before-mail']);
    assert.deepEqual(findings('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: RCPT TO:<b@mx>', 'S: 250 ok'), ['4 error rcpt-before-mail']);
  });

  test('a reply written after the close still pairs with the command, and is reported as after the close', () => {
    const t = parse('S: 220 mx', 'C: NOOP', 'S: <closed>', 'S: 250 ok');
    assert.deepEqual(problems(t), ['4:1 line-after-close']);
    assert.equal(t.sessions[0].exchanges[1].reply?.code, '250');
  });
});
