import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptsCommand,
  canAnswer,
  closesChannel,
  isAuthDialogue,
  isIntermediate,
  listedOpening,
  nextMode,
  replyOpens,
  verbOpens,
  type DialogueEvent,
  type DialogueMode,
  type ReplyTarget,
} from '../../../server/src/dialogue';
import { VERBS, type Verb } from '../../../server/src/knowledge';

const command = (verb: Verb | undefined): ReplyTarget => ({ kind: 'command', verb });
const DATA = command('DATA');
const AUTH = command('AUTH');
const STARTTLS = command('STARTTLS');
const QUIT = command('QUIT');
const MAIL = command('MAIL');
const RESPONSE: ReplyTarget = { kind: 'auth-response' };

describe('what opens what', () => {
  test('the verb table says what each verb can open', () => {
    const opening = Object.fromEntries(VERBS.filter((v) => verbOpens(v) !== undefined).map((v) => [v, verbOpens(v)]));
    assert.deepEqual(opening, { DATA: 'content', BDAT: 'chunk', QUIT: 'end', STARTTLS: 'tls-handshake', AUTH: 'auth-response' });
    assert.equal(verbOpens(undefined), undefined);
  });

  test("'listed' reading: only the code the RFC names opens (354, 334, 220, 221)", () => {
    const rows: [ReplyTarget, string | undefined][] = [
      [DATA, '354'], [DATA, '350'], [DATA, '3xx'], [DATA, '250'],
      [AUTH, '334'], [RESPONSE, '334'], [AUTH, '335'],
      [STARTTLS, '220'], [STARTTLS, '250'], [STARTTLS, '2xx'], [STARTTLS, '454'],
      [QUIT, '221'], [QUIT, '250'], [MAIL, '354'], [DATA, undefined], [{ kind: 'greeting' }, '220'],
    ];
    assert.deepEqual(rows.map(([target, code]) => replyOpens(target, code, 'listed')), [
      'content', undefined, undefined, undefined,
      'auth-response', 'auth-response', undefined,
      'tls-handshake', undefined, undefined, undefined,
      'end', undefined, undefined, undefined, undefined,
    ]);
  });

  test("'class' reading: the first digit of the class the opening needs", () => {
    const rows: [ReplyTarget, string][] = [
      [DATA, '354'], [DATA, '3xx'], [DATA, '250'], [AUTH, '399'], [RESPONSE, '3xx'], [STARTTLS, '250'], [STARTTLS, 'xxx'],
      [QUIT, '2xx'], [MAIL, '354'], [{ kind: 'bdat', last: false }, '354'],
    ];
    assert.deepEqual(rows.map(([target, code]) => replyOpens(target, code, 'class')), [
      'content', 'content', undefined, 'auth-response', 'auth-response', 'tls-handshake', undefined, 'end', undefined, undefined,
    ]);
  });

  test('AUTH dialogues, listed intermediate codes, what a 354/334 can answer, 421 and 3yz', () => {
    assert.deepEqual([AUTH, RESPONSE, DATA, command(undefined), { kind: 'message' } as const].map(isAuthDialogue), [true, true, false, false, false]);
    assert.deepEqual(['354', '334', '220', '3xx', undefined].map(listedOpening), ['content', 'auth-response', undefined, undefined, undefined]);
    assert.deepEqual([DATA, AUTH, RESPONSE, MAIL].map((t) => canAnswer('354', t)), [true, false, false, false]);
    assert.deepEqual([DATA, AUTH, RESPONSE, MAIL].map((t) => canAnswer('334', t)), [false, true, true, false]);
    assert.deepEqual([DATA, MAIL].map((t) => canAnswer('250', t)), [true, true]);
    assert.deepEqual(['421', '221', undefined].map(closesChannel), [true, false, false]);
    assert.deepEqual(['354', '3xx', '250', undefined].map(isIntermediate), [true, true, false, false]);
  });
});

describe('nextMode', () => {
  const walk = (events: DialogueEvent[]): DialogueMode[] => {
    const modes: DialogueMode[] = [];
    let mode: DialogueMode = 'commands';
    for (const event of events) modes.push((mode = nextMode(mode, event)));
    return modes;
  };
  const reply = (to: ReplyTarget, code: string, reading: 'class' | 'listed' = 'listed'): DialogueEvent => ({ kind: 'reply', to, code, reading });

  test('DATA, 354, content, the end of the content, 250', () => {
    assert.deepEqual(walk([{ kind: 'sent', target: DATA }, reply(DATA, '354'), { kind: 'content-end' }, reply({ kind: 'message' }, '250')]), [
      'commands', 'content', 'commands', 'commands',
    ]);
  });

  test('AUTH: each 334 takes one response line; 235 ends the dialogue', () => {
    assert.deepEqual(
      walk([{ kind: 'sent', target: AUTH }, reply(AUTH, '334'), { kind: 'sent', target: RESPONSE }, reply(RESPONSE, '334'), { kind: 'sent', target: RESPONSE }, reply(RESPONSE, '235')]),
      ['commands', 'auth-response', 'commands', 'auth-response', 'commands', 'commands'],
    );
  });

  test('STARTTLS: 220 opens the handshake, a refusal or a stripped 250 does not', () => {
    assert.deepEqual(walk([reply(STARTTLS, '220'), { kind: 'tls-started' }]), ['tls-handshake', 'commands']);
    assert.deepEqual(walk([reply(STARTTLS, '454')]), ['commands']);
    assert.deepEqual(walk([reply(STARTTLS, '250')]), ['commands']);
  });

  test('BDAT opens its chunk when sent, unless the size is 0 or unreadable', () => {
    const bdat = (size: number | '*' | undefined): DialogueEvent => ({ kind: 'sent', target: command('BDAT'), bdat: { size, last: false } });
    assert.deepEqual([bdat(5), bdat('*'), bdat(0), bdat(undefined)].map((e) => nextMode('commands', e)), ['chunk', 'chunk', 'commands', 'commands']);
    assert.equal(nextMode('chunk', { kind: 'chunk-end' }), 'commands');
  });

  test('QUIT and 221, or a close, end the dialogue for good', () => {
    assert.deepEqual(walk([reply(QUIT, '221'), { kind: 'sent', target: MAIL }, reply(MAIL, '250')]), ['ended', 'ended', 'ended']);
    assert.equal(nextMode('content', { kind: 'closed' }), 'ended');
  });

  test('only the commands mode takes a command', () => {
    const modes: DialogueMode[] = ['commands', 'content', 'chunk', 'auth-response', 'tls-handshake', 'ended'];
    assert.deepEqual(modes.map(acceptsCommand), [true, false, false, false, false, false]);
  });
});
