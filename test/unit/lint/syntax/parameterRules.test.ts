import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, summary } from './syntaxHarness';
import { lines } from '../../../support/text';

const command = (line: string, reply = 'S: 250 Ok') => lines('S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx', line, reply);

describe('MAIL/RCPT parameters', () => {
  test('valid parameters pass', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SIZE=1000 BODY=8BITMIME RET=HDRS ENVID=QQ314159')), []);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SMTPUTF8 AUTH=<>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<b@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.com')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<b@example.com> NOTIFY=NEVER')), []);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> X-TRACE=abc')), []);
    assert.deepEqual(summary(lines('@size = 10', 'S: 220 mx', 'C: MAIL FROM:<a@example.org> SIZE={{size}}', 'S: 250 Ok')), []);
  });

  test('parameter-syntax: not KEYWORD or KEYWORD=value', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SIZE=')), [{ rule: 'parameter-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> =8BITMIME')), [{ rule: 'parameter-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> BODY=8BIT=MIME')), [{ rule: 'parameter-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(findingsOf(command('C: MAIL FROM:<a@example.org> SIZE='), 'parameter-syntax')[0].range, {
      start: { line: 3, character: 29 },
      end: { line: 3, character: 34 },
    });
  });

  test('a mock pattern in place of parameters is not judged, as in a path: `*` (any parameters), `SIZE=*`, `/regex/`', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SMTPUTF8 *')), []);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SIZE=*')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<b@example.com> /NOTIFY=.*/')), []);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SIZE= *')), [{ rule: 'parameter-syntax', line: 4, severity: 'warning' }]);
  });

  test('parameter-value: the knowledge validators (SIZE, NOTIFY, RET, ORCPT, BODY)', () => {
    const value = (text: string) => summary(command(text));
    const warning = [{ rule: 'parameter-value', line: 4, severity: 'warning' }];
    assert.deepEqual(value('C: MAIL FROM:<a@example.org> SIZE=big'), warning);
    assert.deepEqual(value('C: RCPT TO:<b@example.com> NOTIFY=NEVER,SUCCESS'), warning);
    assert.deepEqual(value('C: MAIL FROM:<a@example.org> RET=ALL'), warning);
    assert.deepEqual(value('C: RCPT TO:<b@example.com> ORCPT=b@example.com'), warning);
    assert.deepEqual(value('C: MAIL FROM:<a@example.org> BODY=9BIT'), warning);
    assert.deepEqual(value('C: MAIL FROM:<a@example.org> SMTPUTF8=yes'), warning);
    assert.match(findingsOf(command('C: RCPT TO:<b@example.com> NOTIFY=NEVER,SUCCESS'), 'parameter-value')[0].message, /NEVER cannot be combined/);
  });

  test('parameter-value: a server refusing with 501 or 555 makes it a negative test', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> SIZE=big', 'S: 501 5.5.4 Bad SIZE')), [
      { rule: 'parameter-value', line: 4, severity: 'hint' },
    ]);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> RET=ALL', 'S: 555 5.5.4 Unsupported option')), [
      { rule: 'parameter-value', line: 4, severity: 'hint' },
    ]);
  });

  test('parameter-wrong-command: NOTIFY on MAIL, SIZE on RCPT', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> NOTIFY=NEVER')), [{ rule: 'parameter-wrong-command', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: RCPT TO:<b@example.com> SIZE=100')), [{ rule: 'parameter-wrong-command', line: 4, severity: 'warning' }]);
  });

  test('parameter-unknown: flagged gently', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> FOO=1')), [{ rule: 'parameter-unknown', line: 4, severity: 'info' }]);
    assert.deepEqual(summary(command('C: MAIL FROM:<a@example.org> FOO=1', 'S: 555 5.5.4 Unsupported option: FOO')), [
      { rule: 'parameter-unknown', line: 4, severity: 'hint' },
    ]);
  });
});
