import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialSessionState, nextState, outcomeOf, type SessionEvent, type SessionState } from '../../../server/src/dialogue';
import type { Verb } from '../../../server/src/knowledge';

type CommandEvent = Extract<SessionEvent, { kind: 'command' }>;

const command = (startLine: number, verb: Verb, code: string, argument = ''): CommandEvent => ({
  kind: 'command',
  startLine,
  group: startLine,
  verb,
  argument,
  outcome: outcomeOf(code),
  code,
  commandLine: startLine,
});

function run(events: SessionEvent[]): SessionState {
  return events.reduce((state: SessionState, event) => nextState(state, event), initialSessionState({ implicitTls: false }));
}

describe('session state from plain events (no transcript model)', () => {
  test('outcomes from the first digit; no code or a wildcard is unknown', () => {
    assert.deepEqual(['250', '354', '451', '550', 'xxx', undefined].map(outcomeOf), ['success', 'intermediate', 'failure', 'failure', 'unknown', 'unknown']);
  });

  test('a refused RCPT does not count; DATA and its message end the transaction; QUIT ends the session', () => {
    const state = run([
      { kind: 'greeting', startLine: 0, group: -1 },
      command(1, 'EHLO', '250', 'client.test'),
      { ...command(2, 'MAIL', '250', 'FROM:<a@b.test>'), mailEnd: { line: 2, character: 23 }, smtputf8: false },
      command(3, 'RCPT', '550', 'TO:<x@y.test>'),
      command(4, 'RCPT', '250', 'TO:<c@d.test>'),
      command(5, 'DATA', '354'),
      { kind: 'message', startLine: 6, group: 6, outcome: 'success', endLine: 8 },
      command(9, 'QUIT', '221'),
    ]);
    assert.deepEqual(state, {
      greeted: true,
      hello: 'ehlo',
      lmtp: false,
      capabilities: undefined,
      helloDomain: 'client.test',
      restartLine: undefined,
      tls: 'none',
      tlsRestart: 'none',
      auth: 'none',
      transaction: undefined,
      transactionEnd: { line: 8, by: 'message' },
      bdatLastSent: false,
      ended: { by: 'QUIT', line: 9 },
      serverClosesAtLine: undefined,
      pipelineGroup: 9,
      pipelineGroupSize: 1,
    });
  });

  test('LHLO opens an LMTP session (RFC 2033 §4.1): as EHLO for what it advertises, and `lmtp` until EHLO or HELO', () => {
    const keywords = new Map([['PIPELINING', []]]);
    const capabilities = { keywords, authMechanisms: new Set<string>() };
    const lhlo = run([{ ...command(0, 'LHLO', '250', 'c.test'), capabilities }]);
    assert.deepEqual([lhlo.hello, lhlo.lmtp, lhlo.capabilities, lhlo.helloDomain], ['ehlo', true, capabilities, 'c.test']);
    const refused = run([command(0, 'LHLO', '500', 'c.test')]);
    assert.deepEqual([refused.hello, refused.lmtp], ['none', false]);
    const again = run([command(0, 'LHLO', '250', 'c.test'), command(1, 'EHLO', '250', 'c.test')]);
    assert.deepEqual([again.hello, again.lmtp], ['ehlo', false]);
  });

  test('STARTTLS starts over and awaits EHLO; a command other than EHLO/HELO/QUIT/RSET/NOOP is reported once', () => {
    const state = run([command(0, 'EHLO', '250', 'c.test'), command(1, 'STARTTLS', '220'), command(2, 'MAIL', '250', 'FROM:<>')]);
    assert.deepEqual([state.tls, state.hello, state.tlsRestart, state.transaction?.mailLine], ['starttls', 'none', 'reported', 2]);
  });

  test("XCLIENT's 220 starts the session over and keeps its line until EHLO or HELO; a refused XCLIENT changes nothing", () => {
    const restarted = run([command(0, 'EHLO', '250', 'c.test'), command(1, 'XCLIENT', '220', 'ADDR=192.0.2.1')]);
    assert.deepEqual([restarted.hello, restarted.restartLine], ['none', 1]);
    assert.deepEqual([run([command(0, 'EHLO', '250', 'c.test'), command(1, 'XCLIENT', '220'), command(2, 'EHLO', '250', 'c.test')]).restartLine], [undefined]);
    assert.deepEqual([run([command(0, 'EHLO', '250', 'c.test'), command(1, 'XCLIENT', '550')]).restartLine], [undefined]);
  });

  test('AUTH: 334 puts it in progress, 235 to the response authenticates; a refusal other than 503 fails it', () => {
    const auth = run([command(0, 'AUTH', '334', 'LOGIN'), { kind: 'auth-response', startLine: 1, group: 1, outcome: 'success' }]);
    assert.equal(auth.auth, 'authenticated');
    assert.deepEqual([run([command(0, 'AUTH', '535', 'PLAIN x')]).auth, run([command(0, 'AUTH', '503', 'PLAIN x')]).auth], ['failed', 'none']);
  });
});
