import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VERB_SPECS, type ReplySet, type Verb } from '../../../server/src/knowledge';
import { GREETING_REPLY_CODES } from '../../../server/src/knowledge/replyCodes';
import { REPLY_OUTCOMES, replyOutcome, type ReplyStep } from '../../../server/src/knowledge/replyOutcomes';

/** The replies a step can get by its table: the verb's list, the greeting's, the end of DATA's content, AUTH's response. */
function listedReplies(step: ReplyStep): number[] {
  const sets: ReplySet[] = [];
  if (step === 'greeting') return [...GREETING_REPLY_CODES.success, ...GREETING_REPLY_CODES.error];
  if (step === 'message-end') sets.push(VERB_SPECS.DATA.continuationReplies!);
  else if (step === 'auth-response') sets.push(VERB_SPECS.AUTH.continuationReplies!);
  else if (step === 'chunk') sets.push(VERB_SPECS.BDAT.replies);
  else sets.push(VERB_SPECS[step as Verb].replies);
  return sets.flatMap((set) => [...set.success, ...set.intermediate, ...set.error]);
}

describe('reply outcomes', () => {
  test('every reply a step lists has an outcome, but for the syntax errors and closings any command may get', () => {
    const missing: string[] = [];
    for (const step of Object.keys(REPLY_OUTCOMES) as ReplyStep[]) {
      for (const code of listedReplies(step)) {
        // 500, 501 (syntax) and 421 (closing, said for every step at once) are answered by the class tables alone.
        if ([500, 501, 421].includes(code)) continue;
        if (!replyOutcome(step, String(code)[0])) missing.push(`${step} ${code}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('reads 4yz and 5yz apart where the step tells them apart, alike elsewhere', () => {
    assert.match(replyOutcome('message-end', '4')!.text, /may send it again later/);
    assert.match(replyOutcome('message-end', '5')!.text, /should not send it again/);
    assert.equal(replyOutcome('RCPT', '4'), replyOutcome('RCPT', '5'));
    assert.equal(replyOutcome('NOOP', '2'), undefined);
    assert.equal(replyOutcome('RCPT', 'x'), undefined);
  });
});
