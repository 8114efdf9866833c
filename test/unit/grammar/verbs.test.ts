import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VERBS } from '../../../server/src/knowledge';
import { renderTokens } from './smtpTokenizer';
import { C, VERB } from './scopeNames';

test('every verb of the knowledge table is highlighted as a verb, in any case', async () => {
  // Each line on its own: after `C: DATA` the next C: line would be message content.
  const lines = VERBS.flatMap((verb) => [`C: ${verb}`, `C: ${verb.toLowerCase()} x`]);
  const verbTokens = await Promise.all(lines.map(async (line) => (await renderTokens(line))[0].slice(0, 2)));
  assert.deepEqual(
    verbTokens,
    VERBS.flatMap((verb) => [[C, `${verb} => ${VERB}`], [C, `${verb.toLowerCase()} => ${VERB}`]]),
  );
});
