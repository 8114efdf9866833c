import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { someSentLine } from '../../../server/src/model/exchangePayloads';
import { lines } from '../../support/text';

describe('someSentLine', () => {
  const text = lines(
    'S: 220 mx',
    'C: EHLO c',
    'S: 250 ok',
    'C: AUTH LOGIN',
    'S: 334 VXNlcm5hbWU6',
    'C: YWxpY2U=',
    'S: 235 ok',
    'C: DATA',
    'S: 354 go',
    'C: Subject: hi',
    '< body.txt',
    'C: .',
    'S: 250 ok',
    'C: <close>',
  );
  const exchanges = parseTranscript(text).sessions[0].exchanges;
  const sent = () => exchanges.map((exchange) => {
    const seen: string[] = [];
    someSentLine(exchange, (line) => (seen.push(line.text), false));
    return seen;
  });

  test('the lines each exchange sends, in file order: no include path, no `.`, no reply', () => {
    assert.deepEqual(sent(), [[], ['EHLO c'], ['AUTH LOGIN'], ['YWxpY2U='], ['DATA'], ['Subject: hi'], ['<close>']]);
  });

  test('stops at the first line the test holds for', () => {
    const message = exchanges[5];
    const seen: string[] = [];
    assert.equal(someSentLine(message, (line) => (seen.push(line.text), true)), true);
    assert.deepEqual(seen, ['Subject: hi']);
    assert.equal(someSentLine(exchanges[0], () => true), false);
  });
});
