// Quick fixes for the parser's problems: each applied to the text, the whole result compared, and the result parsed
// again to show the problem is gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, applied, diagnosticsOf, fixTitles } from '../../support/quickFixes';
import { fileLines, lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250 mx.example.com'];
const MAIL = ['C: MAIL FROM:<a@example.com>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok'];

describe('unknown-line', () => {
  test('a reply without its prefix gets `S:`, or becomes a comment', () => {
    const text = lines('S: 220 mx', 'C: EHLO client.example.com', '250 mx.example.com');
    assert.deepEqual(fixTitles(text, 'unknown-line'), ['Add the S: prefix (a server reply)', 'Turn the line into a comment']);
    const fixed = applied(text, 'unknown-line', 'Add the S: prefix (a server reply)');
    assert.equal(fixed, lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250 mx.example.com'));
    assert.deepEqual(diagnosticsOf(fixed, 'unknown-line'), []);
    assert.equal(applied(text, 'unknown-line', 'Turn the line into a comment'), lines('S: 220 mx', 'C: EHLO client.example.com', '# 250 mx.example.com'));
  });

  test('a command without its prefix gets `C:` (leading blanks dropped)', () => {
    const text = lines(...GREET, '  NOOP', 'S: 250 Ok');
    assert.equal(applied(text, 'unknown-line', 'Add the C: prefix (a client line)'), lines(...GREET, 'C: NOOP', 'S: 250 Ok'));
  });

  test("swaks's arrows become `C:` and `S:`, the text after them kept as swaks printed it", () => {
    const sent = lines('S: 220 mx', ' -> EHLO client.example.com');
    assert.equal(applied(sent, 'unknown-line', "Write swaks's sent line as C:"), lines('S: 220 mx', 'C: EHLO client.example.com'));
    const overTls = lines(...GREET, 'C: STARTTLS', 'S: 220 Go ahead', ' ~> EHLO client.example.com');
    assert.equal(applied(overTls, 'unknown-line', "Write swaks's sent line as C:"), lines(...GREET, 'C: STARTTLS', 'S: 220 Go ahead', 'C: EHLO client.example.com'));
    const received = lines('<-  220 mx ESMTP', 'C: QUIT', 'S: 221 Bye');
    const fixed = applied(received, 'unknown-line', "Write swaks's received line as S:");
    assert.equal(fixed, lines('S: 220 mx ESMTP', 'C: QUIT', 'S: 221 Bye'));
    assert.deepEqual(diagnosticsOf(fixed, 'unknown-line'), []);
  });

  test('on line 1 of a text with a byte order mark, the fix goes after the mark, which stays', () => {
    const text = `\uFEFF${lines('220 mx ESMTP', 'C: QUIT', 'S: 221 Bye')}`;
    const fixed = applied(text, 'unknown-line', 'Add the S: prefix (a server reply)');
    assert.equal(fixed, `\uFEFF${lines('S: 220 mx ESMTP', 'C: QUIT', 'S: 221 Bye')}`);
    assert.deepEqual(diagnosticsOf(fixed, 'unknown-line'), []);
  });

  test('a line nothing can be guessed from only becomes a comment', () => {
    const text = lines(...GREET, '=== Connected to 127.0.0.1.');
    assert.deepEqual(fixTitles(text, 'unknown-line'), ['Turn the line into a comment']);
    assert.equal(applied(text, 'unknown-line', 'Turn the line into a comment'), lines(...GREET, '# === Connected to 127.0.0.1.'));
  });
});

describe('data-unterminated', () => {
  test('`C: .` goes below the content, and the reply then answers the message', () => {
    const text = lines(...GREET, ...MAIL, 'C: DATA', 'S: 354 Go ahead', 'C: Subject: hi', 'C:', 'C: body', 'S: 250 Queued', 'C: QUIT', 'S: 221 Bye');
    assert.deepEqual(fixTitles(text, 'data-unterminated'), ['End the message with C: .']);
    const fixed = applied(text, 'data-unterminated', 'End the message with C: .');
    assert.equal(fixed, lines(...GREET, ...MAIL, 'C: DATA', 'S: 354 Go ahead', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 Queued', 'C: QUIT', 'S: 221 Bye'));
    assert.deepEqual(diagnosticsOf(fixed, 'data-unterminated'), []);
  });

  test('at the end of a file, with or without a last line break', () => {
    const open = [...GREET, ...MAIL, 'C: DATA', 'S: 354 Go ahead', 'C: body'];
    assert.equal(applied(lines(...open), 'data-unterminated', 'End the message with C: .'), lines(...open, 'C: .'));
    assert.equal(applied(fileLines(...open), 'data-unterminated', 'End the message with C: .'), fileLines(...open, 'C: .'));
  });
});

describe('data-reply-missing', () => {
  test('the 354 goes right below `C: DATA`', () => {
    const text = lines(...GREET, ...MAIL, 'C: DATA', 'C: body', 'C: .', 'S: 250 Queued');
    const fixed = applied(text, 'data-reply-missing', 'Expect the go-ahead: S: 354 *');
    assert.equal(fixed, lines(...GREET, ...MAIL, 'C: DATA', 'S: 354 *', 'C: body', 'C: .', 'S: 250 Queued'));
    assert.deepEqual(diagnosticsOf(fixed, 'data-reply-missing'), []);
  });
});

describe('reply-unterminated', () => {
  test("the last line's `-` becomes a space", () => {
    const text = lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250-mx.example.com', 'S:250-PIPELINING');
    const fixed = applied(text, 'reply-unterminated', 'End the reply on this line');
    assert.equal(fixed, lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250-mx.example.com', 'S:250 PIPELINING'));
    assert.deepEqual(diagnosticsOf(fixed, 'reply-unterminated'), []);
  });

  test('after `S: ...` (lines inside a reply), the last line is added below with the code of the lines above', () => {
    const text = lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250-*', 'S: ...', 'C: QUIT', 'S: 221 Bye');
    assert.deepEqual(
      diagnosticsOf(text, 'reply-unterminated').map((d) => d.message),
      ['This reply never ends: `S: ...` stands for lines inside a reply, and its last line is still to come. Add it below (`S: 250 *` matches any text), or write the whole reply as `S: 250 *`, which matches a reply of any number of lines (RFC 5321 §4.2.1).'],
    );
    const fixed = applied(text, 'reply-unterminated', 'End the reply: S: 250 *');
    assert.equal(fixed, lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250-*', 'S: ...', 'S: 250 *', 'C: QUIT', 'S: 221 Bye'));
    assert.deepEqual(diagnosticsOf(fixed, 'reply-unterminated'), []);
    // A reply of `S: ...` alone has no code to take: no fix is offered (the message still says what to write).
    const alone = lines('S: 220 mx', 'C: NOOP', 'S: ...');
    assert.equal(diagnosticsOf(alone, 'reply-unterminated').length, 1);
    assert.deepEqual(fixTitles(alone, 'reply-unterminated'), []);
  });
});

describe('reply-without-command', () => {
  test('after `C: <close>` the reply is removed (preferred) or commented out', () => {
    const text = lines(...GREET, 'C: <close>', '# the server says goodbye', 'S: 221-closing', 'S: 221 Bye');
    assert.deepEqual(fixTitles(text, 'reply-without-command'), ['Remove the reply (the client has closed the connection: nothing reads it)', 'Comment out the reply']);
    assert.deepEqual(
      actions(text, 'reply-without-command').map((a) => a.isPreferred),
      [true, undefined],
    );
    const removed = applied(text, 'reply-without-command', 'Remove the reply (the client has closed the connection: nothing reads it)');
    assert.equal(removed, lines(...GREET, 'C: <close>', '# the server says goodbye'));
    assert.deepEqual(diagnosticsOf(removed, 'reply-without-command'), []);
    const commented = applied(text, 'reply-without-command', 'Comment out the reply');
    assert.equal(commented, lines(...GREET, 'C: <close>', '# the server says goodbye', '# S: 221-closing', '# S: 221 Bye'));
    assert.deepEqual(diagnosticsOf(commented, 'reply-without-command'), []);
  });

  test('with lines below, the removal takes the reply lines and their line breaks', () => {
    const text = lines(...GREET, 'C: <close>', 'S: 221 Bye', '### next', 'S: 220 mx');
    assert.equal(applied(text, 'reply-without-command', 'Remove the reply (the client has closed the connection: nothing reads it)'), lines(...GREET, 'C: <close>', '### next', 'S: 220 mx'));
  });

  test('elsewhere it is only commented out: it may be a note worth keeping', () => {
    const text = lines(...GREET, 'S: 250 extra');
    assert.deepEqual(fixTitles(text, 'reply-without-command'), ['Comment out the reply']);
    assert.equal(applied(text, 'reply-without-command', 'Comment out the reply'), lines(...GREET, '# S: 250 extra'));
  });

  test('a `<close>` in the session above a separator is not this session\'s', () => {
    const text = lines(...GREET, 'C: <close>', '### next', 'S: 220 mx', 'S: 250 stray');
    assert.deepEqual(fixTitles(text, 'reply-without-command'), ['Comment out the reply']);
  });
});

describe('command-expected', () => {
  test('the empty `C:` line is removed', () => {
    const text = lines(...GREET, 'C:', 'C: QUIT', 'S: 221 Bye');
    const fixed = applied(text, 'command-expected', 'Remove the empty C: line');
    assert.equal(fixed, lines(...GREET, 'C: QUIT', 'S: 221 Bye'));
    assert.deepEqual(diagnosticsOf(fixed, 'command-expected'), []);
  });
});
