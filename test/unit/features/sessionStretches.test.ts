import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../server/src/model';
import type { Exchange } from '../../../server/src/model/types';
import { getSemanticTokens, joinTokenParts, semanticTokenParts } from '../../../server/src/features/semanticTokens';
import { getDocumentSymbols, partSymbolsOf } from '../../../server/src/features/documentSymbols';
import { sessionStretches } from '../../../server/src/features/sessionStretches';
import { indexTranscript } from '../../../server/src/features/transcriptIndex';

/** Each stretch as the first lines of its exchanges (0-based) and its directives' lines. */
function stretchesOf(text: string): { first: number; exchanges: number[]; directives: number[] }[] {
  return sessionStretches(parseTranscript(text).sessions[0]).map((stretch) => ({
    first: stretch.firstLine,
    exchanges: stretch.exchanges.map((exchange: Exchange) => exchange.range.start.line),
    directives: stretch.directives.map((directive) => directive.range.start.line),
  }));
}

test('a session is cut before a MAIL that starts below every line of the exchanges before it', () => {
  const text = [
    '### one', // 0
    '@a = 1', // 1
    'S: 220 mx', // 2
    'C: EHLO c.test', // 3
    'S: 250 mx', // 4
    'C: MAIL FROM:<a@x>', // 5: cut
    'C: RCPT TO:<b@x>', // 6
    'S: 250 ok', // 7
    'C: MAIL FROM:<c@x>', // 8: no cut, the RCPT's reply is still to come
    'S: 250 ok', // 9
    'S: 250 ok', // 10
    '@b = 2', // 11
    'C: DATA', // 12
    'S: 354 go', // 13
    'C: Subject: x', // 14
    'C: .', // 15
    'S: 250 queued', // 16
    'C: MAIL FROM:<d@x>', // 17: cut
    'S: 250 ok', // 18
    '@c = 3', // 19
  ].join('\n');
  assert.deepEqual(stretchesOf(text), [
    { first: 0, exchanges: [2, 3], directives: [1] },
    { first: 5, exchanges: [5, 6, 8, 12, 14], directives: [11] },
    { first: 17, exchanges: [17], directives: [19] },
  ]);
  assert.deepEqual(stretchesOf('### only a head\n@a = 1'), [{ first: 0, exchanges: [], directives: [1] }]);
  // The line index is built per stretch: every line is what it is in the session, whichever stretch is asked first.
  const index = indexTranscript(parseTranscript(text));
  const kinds = [19, 3, 12].flatMap((line) => [index.at(line)?.kind]);
  assert.deepEqual(kinds, ['directive', 'client', 'client']);
  assert.deepEqual(
    text.split('\n').map((_, line) => index.at(line)?.kind),
    ['separator', 'directive', 'reply', 'client', 'reply', 'client', 'client', 'reply', 'client', 'reply', 'reply', 'directive',
      'client', 'reply', 'content', 'content', 'reply', 'client', 'reply', 'directive'],
  );
});

const LINES = [
  'S: 220 mx ESMTP',
  'C: EHLO c.test',
  'S: 250-mx',
  'S: 250 CHUNKING',
  'C: MAIL FROM:<a@b> SIZE=10',
  'C: RCPT TO:<{{to}}>',
  'S: 250 ok',
  'C: DATA',
  'S: 354 go',
  'C: Subject: MAIL FROM:<x>',
  'C:',
  'C: body {{v}}',
  'C: .',
  'C: BDAT 5 LAST',
  'C: BDAT 3',
  'C: AUTH PLAIN {{secret}}',
  'S: 334 ',
  'C: {{password}}',
  'S: 235 ok',
  '@v = 1',
  '### two',
  '# note',
  '',
  'C: QUIT',
  'S: 221 bye',
];

test('the tokens kept per stretch are the tokens of the whole document encoded at once', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), (lines) => {
      const text = lines.join('\n');
      const transcript = parseTranscript(text);
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      assert.deepEqual(joinTokenParts(semanticTokenParts(transcript)), getSemanticTokens(transcript, whole).data);
    }),
    { numRuns: 1000 },
  );
});

test("a stretch whose exchanges a new parse of the session kept gives the same run; an edited stretch's is new", () => {
  const text = [
    'S: 220 mx',
    'C: MAIL FROM:<a@x>',
    'S: 250 ok',
    'C: MAIL FROM:<b@x>',
    'S: 250 ok',
    'C: MAIL FROM:<c@x>',
    'S: 250 ok',
  ].join('\n');
  const before = parseTranscript(text);
  const edited = parseTranscript(text.replace('<b@x>', '<e@x>'));
  // As a parser keeping a long session's exchanges above and below an edit makes it: a new session object.
  const old = before.sessions[0];
  const session = { ...old, exchanges: [old.exchanges[0], old.exchanges[1], edited.sessions[0].exchanges[2], old.exchanges[3]] };
  const kept = { ...before, lines: edited.lines, sessions: [session] };
  const partsBefore = semanticTokenParts(before);
  const parts = semanticTokenParts(kept);
  assert.equal(parts.length, 4);
  assert.deepEqual([0, 1, 2, 3].map((i) => parts[i].data === partsBefore[i].data), [false, true, false, true]);
  assert.deepEqual(joinTokenParts(parts), joinTokenParts(semanticTokenParts(edited)));
});

test("a session's outline built stretch by stretch is the one built from all its parts at once", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...LINES, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg=='), { maxLength: 40 }), (lines) => {
      const transcript = parseTranscript(lines.join('\n'));
      const outline = getDocumentSymbols(transcript, Infinity);
      transcript.sessions.forEach((session, i) => assert.deepEqual(outline[i].children ?? [], partSymbolsOf(session)));
    }),
    { numRuns: 1000 },
  );
});

test("a stretch's outline is reused while a new parse keeps its exchanges; the edited one is new, its subject read from its stretch's message", () => {
  const text = ['S: 220 mx', 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: one', 'C: .', 'S: 250 ok', 'C: MAIL FROM:<b@x>', 'S: 250 ok'].join('\n');
  const before = parseTranscript(text);
  const edited = parseTranscript(text.replace('<b@x>', '<e@x>'));
  const old = before.sessions[0];
  const session = { ...old, exchanges: [...old.exchanges.slice(0, 4), edited.sessions[0].exchanges[4]] };
  const [outlineBefore] = getDocumentSymbols(before);
  const [outline] = getDocumentSymbols({ ...before, lines: edited.lines, sessions: [session] });
  assert.deepEqual(outline.children!.map((child, i) => child === outlineBefore.children![i]), [true, true, false]);
  assert.deepEqual(outline, getDocumentSymbols(edited)[0]);
  assert.equal(outline.children![1].name, 'MAIL <a@x> → no recipients · Subject: one');
});
