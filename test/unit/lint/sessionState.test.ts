import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import type { Finding } from '../../../server/src/features/lint/rule';
import { PreconditionIndex, verbIn, verbOpening, type Precondition } from '../../../server/src/features/lint/session/precondition';
import { copySessionState, copySessionStateInto, initialSessionState, type SessionState } from '../../../server/src/features/lint/session/sessionState';
import { SessionWalk } from '../../../server/src/features/lint/session/sessionWalk';
import { transition } from '../../../server/src/features/lint/session/transition';
import { lines } from '../../support/text';

/** The state after each exchange of the first session. */
function states(text: string, implicitTls = false): SessionState[] {
  const session = parseTranscript(text).sessions[0];
  let state = initialSessionState({ implicitTls, serverClosesAtLine: session.expectsClose?.line });
  return session.exchanges.map((exchange) => (state = transition(state, exchange).state));
}

const last = (text: string): SessionState => states(text).at(-1)!;

describe('session state transition', () => {
  test('EHLO records what its reply advertises', () => {
    const state = last(lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250-mx', 'S: 250-SIZE 1000', 'S: 250-AUTH PLAIN login', 'S: 250 PIPELINING'));
    assert.equal(state.hello, 'ehlo');
    assert.equal(state.helloDomain, 'client.example.com');
    assert.deepEqual(state.capabilities, {
      keywords: new Map([
        ['SIZE', ['1000']],
        ['AUTH', ['PLAIN', 'login']],
        ['PIPELINING', []],
      ]),
      sizeLimit: 1000,
      authMechanisms: new Set(['PLAIN', 'LOGIN']),
    });
  });

  test('a transaction counts accepted recipients only', () => {
    const state = last(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@x>', 'S: 550 No', 'C: RCPT TO:<c@x>', 'S: 250 Ok'));
    assert.deepEqual(state.transaction, { mailLine: 3, acceptedRecipients: 1, body: 'none', smtputf8: false, mailEnd: { line: 3, character: 28 } });
  });

  test('a rejected command leaves the state as it was (only the pipelining count moves)', () => {
    const all = states(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 451 Try later'));
    assert.deepEqual(all[2], { ...all[1], pipelineGroup: 1 });
  });

  test('STARTTLS with 220 resets EHLO, AUTH and the transaction and awaits a new EHLO', () => {
    const state = last(lines('S: 220 mx', 'C: EHLO c', 'S: 250-mx', 'S: 250 STARTTLS', 'C: STARTTLS', 'S: 220 Go'));
    assert.deepEqual(
      [state.tls, state.hello, state.capabilities, state.tlsRestart, state.auth, state.transaction],
      ['starttls', 'none', undefined, 'awaiting-ehlo', 'none', undefined],
    );
  });

  test('AUTH: in progress after 334, authenticated after 235, failed after 535', () => {
    const auth = states(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: YWxpY2U=', 'S: 535 No', 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok'));
    assert.deepEqual(auth.map((s) => s.auth), ['none', 'none', 'in-progress', 'failed', 'authenticated']);
  });

  test('DATA and its message: content by DATA, then the transaction ends', () => {
    const all = states(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: MAIL FROM:<a@x>', 'S: 250 Ok', 'C: RCPT TO:<b@x>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: .', 'S: 250 Ok'));
    assert.equal(all[4].transaction?.body, 'data');
    assert.equal(all[5].transaction, undefined);
  });

  test('BDAT LAST ends the transaction and remembers it', () => {
    const state = last(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: MAIL FROM:<a@x>', 'S: 250 Ok', 'C: RCPT TO:<b@x>', 'S: 250 Ok', 'C: BDAT 2 LAST', 'C: hi', 'S: 250 Ok'));
    assert.deepEqual([state.transaction, state.bdatLastSent], [undefined, true]);
  });

  test('QUIT ends the session; pipelined lines share a group', () => {
    const all = states(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: NOOP', 'C: QUIT', 'S: 250 Ok', 'S: 221 Bye'));
    assert.deepEqual(all.map((s) => [s.pipelineGroup, s.pipelineGroupSize]), [[-1, 0], [0, 1], [1, 1], [1, 2]]);
    assert.deepEqual(all[3].ended, { by: 'QUIT', line: 4 });
  });

  test('implicit TLS starts encrypted', () => {
    assert.equal(states(lines('S: 220 mx'), true)[0].tls, 'implicit');
  });

  test('a walk passes through the states and findings of the pure transition, exchange by exchange', () => {
    const session = parseTranscript(
      lines(
        'S: 220 mx', 'C: EHLO c', 'S: 250-mx', 'S: 250-STARTTLS', 'S: 250 CHUNKING', 'C: STARTTLS', 'S: 220 Go', 'C: MAIL FROM:<a@x>', 'S: 503 EHLO first',
        'C: EHLO c', 'S: 250-mx', 'S: 250-AUTH PLAIN', 'S: 250 CHUNKING', 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok', 'C: MAIL FROM:<a@x>', 'S: 250 Ok',
        'C: RCPT TO:<b@x>', 'S: 250 Ok', 'C: BDAT 2 LAST', 'C: hi', 'S: 250 Ok', 'C: QUIT', 'S: 221 Bye', 'C: NOOP', 'S: 250 Ok', 'C: NOOP', 'S: 250 Ok',
      ),
    ).sessions[0];
    let state = initialSessionState({ implicitTls: false });
    const walk = new SessionWalk(state);
    const walked: Finding[] = [];
    for (const exchange of session.exchanges) {
      const step = transition(state, exchange);
      state = step.state;
      const before = walked.length;
      walk.advance(exchange, walked);
      assert.deepEqual(copySessionState(walk.state), copySessionState(state));
      assert.deepEqual(walked.slice(before), step.findings);
    }
    assert.deepEqual(walked.map((f) => f.ruleId), ['ehlo-after-starttls', 'command-after-quit']);
  });

  test('the walk\'s copy into its spare state copies every field a state has (one left out would leak from step to step)', () => {
    // Every field of a state the compiler holds to the type (`initialSessionState`'s literal), each given a value of
    // its own: a field added to SessionState and not to `copySessionStateInto` keeps the spare's value and fails here.
    const source = initialSessionState({ implicitTls: false }) as unknown as Record<string, unknown>;
    for (const key of Object.keys(source)) source[key] = { field: key };
    const target = copySessionState(initialSessionState({ implicitTls: true }));
    assert.deepEqual({ ...copySessionStateInto(target, source as unknown as SessionState) }, source);
  });

  test('the preconditions an exchange needs: the unscoped ones, and those scoped to its verb, in the list order', () => {
    const calls: string[] = [];
    const noting =
      (name: string): Precondition =>
      (_state, exchange) => {
        calls.push(`${name}: ${exchange.kind === 'command' ? exchange.command.verb : exchange.kind}`);
        return undefined;
      };
    const index = new PreconditionIndex([
      { check: noting('content'), verbs: verbOpening('content') },
      { check: noting('any') },
      { check: noting('mail'), verbs: verbIn('MAIL') },
    ]);
    const state = initialSessionState({ implicitTls: false });
    const session = parseTranscript(lines('S: 220 mx', 'C: EHLO c', 'S: 250 mx', 'C: MAIL FROM:<a@x>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: .', 'S: 250 Ok')).sessions[0];
    for (const exchange of session.exchanges) for (const precondition of index.of(exchange)) precondition(state, exchange);
    assert.deepEqual(calls, ['any: greeting', 'any: EHLO', 'any: MAIL', 'mail: MAIL', 'content: DATA', 'any: DATA', 'any: message']);
  });
});
