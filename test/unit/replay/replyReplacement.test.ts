import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { replacementLines } from '../../../server/src/replay/replyReplacement';
import type { ActualReply } from '../../../server/src/replay/replyReader';

/** The first command's expectation in `text`, against the reply `lines` (`250-text` form). */
function replace(text: string, lines: string[]): string[] {
  return replaceLines(text, lines).map((l) => l.text);
}

function replaceLines(text: string, lines: string[]) {
  const exchange = parseTranscript(text).sessions[0].exchanges.find((e) => e.kind === 'command')!;
  const reply: ActualReply = {
    code: lines[0].slice(0, 3),
    lines: lines.map((l) => ({ code: l.slice(0, 3), separator: (l[3] ?? '') as ' ' | '-' | '', text: l.slice(4) })),
  };
  return replacementLines(exchange.reply!, reply, (line) => line.text);
}

describe('replacementLines', () => {
  test('lines that still match keep their wildcards; lines that differ are the server\'s', () => {
    assert.deepEqual(replace('C: MAIL FROM:<a@example.com>\nS: 250 2.1.0 Sender * ok', ['550 5.7.1 no']), ['550 5.7.1 no']);
    assert.deepEqual(
      replace('C: EHLO x\nS: 250-mx.* greets *\nS: 250-PIPELINING\nS: 250 /SIZE \\d+/', ['250-mx.test greets x', '250-8BITMIME', '250-SIZE 1000', '250 SMTPUTF8']),
      ['250-mx.* greets *', '250-8BITMIME', '250-/SIZE \\d+/', '250 SMTPUTF8'],
    );
  });

  test('each line says whether it is the server\'s text or the expectation kept', () => {
    assert.deepEqual(replaceLines('C: EHLO x\nS: 250-mx.*\nS: 250 PIPELINING', ['250-mx.test', '250 SIZE 10']), [
      { text: '250-mx.*', fromServer: false },
      { text: '250 SIZE 10', fromServer: true },
    ]);
  });

  test('a kept line ends or continues the reply as the actual line does', () => {
    assert.deepEqual(replace('C: EHLO x\nS: 250-mx.*\nS: 250 PIPELINING', ['250 mx.test']), ['250 mx.*']);
    assert.deepEqual(replace('C: EHLO x\nS: 250-mx.*\nS: 250-SIZE *\nS: 250 CHUNKING', ['250-mx.test', '250 SIZE 10']), ['250-mx.*', '250 SIZE *']);
  });

  test('with `S: ...`, the part it covers stays when its lines are still found', () => {
    const text = 'C: EHLO x\nS: 250-mx.*\nS: ...\nS: 250-SIZE *\nS: ...\nS: 250 SMTPUTF8';
    assert.deepEqual(replace(text, ['250-mx.test', '250-PIPELINING', '250-SIZE 10', '250 CHUNKING']), ['250-mx.*', '...', '250-SIZE *', '...', '250 CHUNKING']);
    assert.deepEqual(replace(text, ['250-mx.test', '250-PIPELINING', '250 CHUNKING']), ['250-mx.*', '250-PIPELINING', '250 CHUNKING']);
    assert.deepEqual(replace(text, ['421 bye']), ['421 bye']);
  });
});
