import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helloName, isHelloVerb } from '../../../server/src/dialogue/helloName';

test('the client name of an EHLO, HELO or LHLO line, as sent', () => {
  const cases: [string, string | undefined][] = [
    ['EHLO client.example', 'client.example'],
    ['helo client.example', 'client.example'],
    ['EHLO [192.0.2.1]', '[192.0.2.1]'],
    ['EHLO\tclient.example trailing', 'client.example'],
    ['EHLO', undefined],
    ['EHLO ', undefined],
    ['EHLOX client.example', undefined],
    ['LHLO client.example', 'client.example'],
    ['XLHLO client.example', undefined],
    ['MAIL FROM:<a@b.example>', undefined],
  ];
  assert.deepEqual(cases.map(([line]) => [line, helloName(line)]), cases);
});

test('the hello verbs are the verb table\'s, in any case (RFC 5321 §2.4; LMTP\'s LHLO, RFC 2033 §4.1)', () => {
  assert.deepEqual(['EHLO', 'ehlo', 'HELO', 'Helo', 'STARTTLS', 'LHLO', 'lhlo', 'XCLIENT'].map(isHelloVerb), [true, true, true, true, false, true, true, false]);
});
