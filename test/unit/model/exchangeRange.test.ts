// An exchange's range follows from what it holds (exchangeRange.ts): for each way the parser builds an exchange, the
// range it used to keep on the exchange, written out by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeEnd, exchangeRange, exchangeStartLine, parseTranscript, type Exchange, type Range } from '../../../server/src/model';
import { shiftedExchange } from '../../../server/src/model/shiftedParse';

const r = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

const exchangesOf = (lines: readonly string[]): Exchange[] => parseTranscript(lines.join('\n')).sessions[0].exchanges;

/** Each exchange's kind and range; the start line and end the cheaper functions give are the range's. */
function ranges(...lines: string[]): [Exchange['kind'], Range][] {
  return exchangesOf(lines).map((exchange) => {
    const range = exchangeRange(exchange);
    assert.equal(exchangeStartLine(exchange), range.start.line);
    assert.deepStrictEqual(exchangeEnd(exchange), range.end);
    return [exchange.kind, range];
  });
}

const GREETING: [Exchange['kind'], Range] = ['greeting', r(0, 0, 0, 9)];
const DATA_354: [Exchange['kind'], Range] = ['command', r(1, 0, 2, 9)];

describe('exchangeRange', () => {
  test('the greeting is its reply; a command and an AUTH response run from their line to their reply, or their line alone', () => {
    assert.deepStrictEqual(
      ranges('S: 220-mx.test ESMTP', 'S: 220 ready', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 PIPELINING', 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dGVzdA==', 'S: 235 ok', 'C: NOOP'),
      [['greeting', r(0, 0, 1, 12)], ['command', r(2, 0, 4, 17)], ['command', r(5, 0, 6, 19)], ['auth-response', r(7, 0, 8, 9)], ['command', r(9, 0, 9, 7)]],
    );
  });

  test('message content starts at its first line, not at the 354, and ends at its reply, else at its `.` line', () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued', 'C: DATA', 'S: 354 go', 'C: unanswered', 'C: .'),
      [GREETING, DATA_354, ['message', r(3, 0, 7, 13)], ['command', r(8, 0, 9, 9)], ['message', r(10, 0, 11, 4)]],
    );
  });

  test('a message of the `.` line alone starts there', () => {
    assert.deepStrictEqual(ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: .', 'S: 250 ok'), [GREETING, DATA_354, ['message', r(3, 0, 4, 9)]]);
  });

  test('a message with no line and no `.`: from its 354 to the reply that ends it, or the 354 alone', () => {
    assert.deepStrictEqual(ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'S: 451 aborted'), [GREETING, DATA_354, ['message', r(2, 0, 3, 14)]]);
    // A multi-line 354 and the file's end.
    assert.deepStrictEqual(ranges('S: 220 mx', 'C: DATA', 'S: 354-go', 'S: 354 on'), [GREETING, ['command', r(1, 0, 3, 9)], ['message', r(2, 0, 3, 9)]]);
    // The server ends the connection (`S: <reset>`) before any content.
    assert.deepStrictEqual(ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'S: <reset>'), [GREETING, DATA_354, ['message', r(2, 0, 2, 9)]]);
  });

  test('the server ending the connection inside the content: the message ends at the last line read', () => {
    assert.deepStrictEqual(ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: half', 'S: <reset>'), [GREETING, DATA_354, ['message', r(3, 0, 3, 7)]]);
  });

  test('content cut by `C: <close>`: the message ends above it, or is its 354 when nothing came before it', () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: first', 'C: second', 'C: <close>'),
      [GREETING, DATA_354, ['message', r(3, 0, 4, 9)], ['client-close', r(5, 0, 5, 10)]],
    );
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: <close>'),
      [GREETING, DATA_354, ['message', r(2, 0, 2, 9)], ['client-close', r(3, 0, 3, 10)]],
    );
  });

  test("DATA's reply missing: the content starts at the line read where the 354 belonged, even a `C: <close>`", () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'C: hello', 'C: .', 'S: 250 ok'),
      [GREETING, ['command', r(1, 0, 1, 7)], ['message', r(2, 0, 4, 9)]],
    );
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'C: <close>'),
      [GREETING, ['command', r(1, 0, 1, 7)], ['message', r(2, 0, 2, 10)], ['client-close', r(2, 0, 2, 10)]],
    );
  });

  test('a 354 that answers no command opens content: from its first line, or the 354 itself when none follows', () => {
    assert.deepStrictEqual(ranges('S: 220 mx', 'S: 354 go', 'C: text', 'C: .', 'S: 250 ok'), [GREETING, ['message', r(2, 0, 4, 9)]]);
    assert.deepStrictEqual(ranges('S: 220 mx', 'S: 354 go'), [GREETING, ['message', r(1, 0, 1, 9)]]);
  });

  test('a pipelined group: each command runs to its own reply, below the lines of the commands after it', () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'C: DATA', 'S: 250 ok', 'S: 250 ok', 'S: 354 go', 'C: body', 'C: .', 'S: 250 queued'),
      [GREETING, ['command', r(1, 0, 4, 9)], ['command', r(2, 0, 5, 9)], ['command', r(3, 0, 6, 9)], ['message', r(7, 0, 9, 13)]],
    );
  });

  test('a reply that moved within its group: what lost it is its sent lines again, what got it runs to it', () => {
    // EHLO must end its group (RFC 2920 §3.1): the one reply is NOOP's.
    assert.deepStrictEqual(ranges('S: 220 mx', 'C: EHLO a', 'C: NOOP', 'S: 250 ok'), [GREETING, ['command', r(1, 0, 1, 9)], ['command', r(2, 0, 3, 9)]]);
    // QUIT's 221 is QUIT's: the message, answered first, is its content again.
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: body', 'C: .', 'C: QUIT', 'S: 221 bye'),
      [GREETING, DATA_354, ['message', r(3, 0, 4, 4)], ['command', r(5, 0, 6, 10)]],
    );
  });

  test("replies read one group late: MAIL's reply is the next group's first", () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: EHLO a', 'C: MAIL FROM:<a@b>', 'S: 250 mx', 'C: RCPT TO:<c@d>', 'C: DATA', 'S: 250 ok', 'S: 250 ok', 'S: 354 go', 'C: body', 'C: .', 'S: 250 queued'),
      [GREETING, ['command', r(1, 0, 3, 9)], ['command', r(2, 0, 6, 9)], ['command', r(4, 0, 7, 9)], ['command', r(5, 0, 8, 9)], ['message', r(9, 0, 11, 13)]],
    );
  });

  test('BDAT runs from its command over its chunk (lines and includes) to its reply, or is its command line alone', () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: BDAT 5', 'C: abc', 'S: 250 ok', 'C: BDAT * LAST', 'C: one', '< ./part.eml', 'S: 250 ok', 'C: BDAT 0 LAST'),
      [GREETING, ['bdat', r(1, 0, 3, 9)], ['bdat', r(4, 0, 7, 9)], ['bdat', r(8, 0, 8, 14)]],
    );
  });

  test('includes in message content: the first starts the message, the last ends it when no `.` follows', () => {
    assert.deepStrictEqual(
      ranges('S: 220 mx', 'C: DATA', 'S: 354 go', '< ./head.eml', 'C: middle', '< base64 ./tail.bin'),
      [GREETING, DATA_354, ['message', r(3, 0, 5, 19)]],
    );
  });

  test('only a message with no line and no `.` keeps where it was opened, and a shifted copy moves it along', () => {
    const lines = ['S: 220 mx', 'C: DATA', 'S: 354 go', 'S: 451 aborted', 'C: DATA', 'S: 354 go', 'C: body', 'C: .', 'S: 250 ok'];
    const exchanges = exchangesOf(lines);
    assert.deepStrictEqual(
      exchanges.map((exchange) => exchange.kind === 'message' && exchange.opening),
      [false, false, r(2, 0, 2, 9), false, undefined],
    );
    const below = exchangesOf(['', '', ...lines]);
    const shifted = exchanges.map((exchange) => shiftedExchange(exchange, 2));
    assert.deepStrictEqual(shifted, below);
    assert.deepStrictEqual(shifted.map(exchangeRange), below.map(exchangeRange));
    assert.deepStrictEqual(exchangeRange(shifted[2]), r(4, 0, 5, 14));
  });
});
