import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exchangeStartLine, parseTranscript } from '../../../server/src/model';
import { checkpointsOf } from '../../../server/src/model/sessionCheckpoints';
import type { Exchange, Transcript } from '../../../server/src/model/types';
import { fromScratch, getSemanticTokens, joinTokenParts, semanticTokenParts } from '../../../server/src/features/semanticTokens';
import { getDocumentSymbols, partSymbolsOf } from '../../../server/src/features/documentSymbols';
import { sessionStretches } from '../../../server/src/features/sessionStretches';
import { indexTranscript } from '../../../server/src/features/transcriptIndex';
import { initialSessionState, nextState, type SessionState } from '../../../server/src/features/lint';
import { sessionStateBefore } from '../../../server/src/features/sessionStateAt';
import { definitionFor } from '../../../server/src/features/variableNavigation';

/**
 * Each stretch as the text of its first line, of its exchanges' first lines and of its directives. `cut`: 'scanned'
 * cuts a copy of the session, which has no checkpoints of the parser's.
 */
function stretchesOf(text: string, cut: 'scanned' | 'at checkpoints'): { first: string; exchanges: string[]; directives: string[] }[] {
  const lines = text.split('\n');
  const session = parseTranscript(text).sessions[0];
  if (cut === 'at checkpoints') assert.ok(checkpointsOf(session), 'the parser noted checkpoints');
  return sessionStretches(cut === 'scanned' ? { ...session } : session).map((stretch) => ({
    first: lines[stretch.firstLine],
    exchanges: stretch.exchanges.map((exchange: Exchange) => lines[exchangeStartLine(exchange)]),
    directives: stretch.directives.map((directive) => lines[directive.range.start.line]),
  }));
}

/** Lines enough for a stretch of their own (a session is cut only every few dozen lines). */
const PAD = Array.from({ length: 64 }, (_, i) => `# ${i}`);

test('a session is cut before a MAIL that starts below every line of the exchanges before it, every few dozen lines', () => {
  const text = [
    '### one',
    '@a = 1',
    'S: 220 mx',
    'C: EHLO c.test',
    'S: 250 mx',
    ...PAD,
    'C: MAIL FROM:<a@x>', // cut
    'C: RCPT TO:<b@x>',
    'S: 250 ok',
    ...PAD,
    'C: MAIL FROM:<c@x>', // no cut: the RCPT's reply is still to come
    'S: 250 ok',
    'S: 250 ok',
    '@b = 2',
    'C: DATA',
    'S: 354 go',
    'C: Subject: x',
    'C: .',
    'S: 250 queued',
    ...PAD,
    'C: MAIL FROM:<d@x>', // cut
    'S: 250 ok',
    '@c = 3',
    'C: MAIL FROM:<e@x>', // no cut: too close to the last one
    'S: 250 ok',
  ].join('\n');
  assert.deepEqual(stretchesOf(text, 'scanned'), [
    { first: '### one', exchanges: ['S: 220 mx', 'C: EHLO c.test'], directives: ['@a = 1'] },
    { first: 'C: MAIL FROM:<a@x>', exchanges: ['C: MAIL FROM:<a@x>', 'C: RCPT TO:<b@x>', 'C: MAIL FROM:<c@x>', 'C: DATA', 'C: Subject: x'], directives: ['@b = 2'] },
    { first: 'C: MAIL FROM:<d@x>', exchanges: ['C: MAIL FROM:<d@x>', 'C: MAIL FROM:<e@x>'], directives: ['@c = 3'] },
  ]);
  assert.deepEqual(stretchesOf('### only a head\n@a = 1', 'scanned'), [{ first: '### only a head', exchanges: [], directives: ['@a = 1'] }]);
  // The line index is built per stretch: every line is what it is in the session, whichever stretch is asked first.
  const index = indexTranscript(parseTranscript(text));
  const lines = text.split('\n');
  const kinds = [lines.length - 3, 3, lines.indexOf('C: DATA')].map((line) => index.at(line)?.kind);
  assert.deepEqual(kinds, ['directive', 'client', 'client']);
  assert.deepEqual(
    lines.map((_, line) => index.at(line)?.kind).filter((kind) => kind !== 'comment'),
    ['separator', 'directive', 'reply', 'client', 'reply', 'client', 'client', 'reply', 'client', 'reply', 'reply', 'directive',
      'client', 'reply', 'content', 'content', 'reply', 'client', 'reply', 'directive', 'client', 'reply'],
  );
});

test("a session the parser noted checkpoints in is cut at them: quiet MAIL lines a hundred-odd lines apart", () => {
  const transaction = (to: string) => ['C: MAIL FROM:<a@x>', 'S: 250 ok', `C: RCPT TO:<${to}>`, 'S: 250 ok', ...PAD];
  const text = ['S: 220 mx', ...['b', 'c', 'd', 'e', 'f'].flatMap((to) => transaction(`${to}@x`))].join('\n');
  assert.deepEqual(
    stretchesOf(text, 'at checkpoints').map((stretch) => stretch.exchanges),
    [
      ['S: 220 mx', 'C: MAIL FROM:<a@x>', 'C: RCPT TO:<b@x>', 'C: MAIL FROM:<a@x>', 'C: RCPT TO:<c@x>'],
      ['C: MAIL FROM:<a@x>', 'C: RCPT TO:<d@x>', 'C: MAIL FROM:<a@x>', 'C: RCPT TO:<e@x>'],
      ['C: MAIL FROM:<a@x>', 'C: RCPT TO:<f@x>'],
    ],
  );
});

/** A whole transaction, answered: a quiet point follows it. */
const TRANSACTION = ['C: MAIL FROM:<a@b>', 'S: 250 ok', 'C: RCPT TO:<c@d>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C: .', 'S: 250 ok'];

/** Random transcripts, mostly of whole transactions and padding, so that long sessions with quiet points come up. */
const blocks = (lines: readonly string[]) =>
  fc.array(fc.oneof({ arbitrary: fc.constantFrom(PAD, TRANSACTION), weight: 2 }, { arbitrary: fc.constantFrom(...lines.map((line) => [line])), weight: 1 }), { maxLength: 40 });

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
  let cut = false;
  fc.assert(
    fc.property(blocks(LINES), (blocks) => {
      const lines = blocks.flat();
      const text = lines.join('\n');
      const transcript = parseTranscript(text);
      cut ||= transcript.sessions.some((session) => sessionStretches(session).length > 1);
      assert.deepEqual(joinTokenParts(semanticTokenParts(transcript)), fromScratch(transcript));
    }),
    { numRuns: 1000 },
  );
  assert.ok(cut, 'some random sessions were cut into stretches');
});

/** `[line, start, length, type, modifiers]` for every token of the standard relative encoding. */
function absoluteTokens(data: readonly number[]): number[][] {
  const tokens: number[][] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    tokens.push([line, start, data[i + 2], data[i + 3], data[i + 4]]);
  }
  return tokens;
}

test("a range request's tokens, read from the kept runs, are the whole document's tokens on the lines it touches", () => {
  let some = false;
  fc.assert(
    fc.property(blocks(LINES), fc.nat(), fc.nat(), (blocks, a, b) => {
      const lines = blocks.flat();
      const transcript = parseTranscript(lines.join('\n'));
      const [first, last] = [a % (lines.length + 2), b % (lines.length + 2)].sort((x, y) => x - y);
      const range = { start: { line: first, character: 3 }, end: { line: last, character: 0 } };
      const expected = absoluteTokens(fromScratch(transcript)).filter(([line]) => line >= first && line <= last);
      some ||= expected.length > 0 && first > 0;
      assert.deepEqual(absoluteTokens(getSemanticTokens(transcript, range).data), expected);
    }),
    { numRuns: 1000 },
  );
  assert.ok(some, 'some ranges below the first line held tokens');
});

test("a stretch whose exchanges a new parse of the session kept gives the same run; an edited stretch's is new", () => {
  const text = ['S: 220 mx', ...PAD, 'C: MAIL FROM:<a@x>', 'S: 250 ok', ...PAD, 'C: MAIL FROM:<b@x>', 'S: 250 ok', ...PAD, 'C: MAIL FROM:<c@x>', 'S: 250 ok'].join('\n');
  // Copies of the sessions, cut by the scan (the parser's checkpoints, kept with the parsed sessions, cut elsewhere).
  const scanned = (transcript: Transcript): Transcript => ({ ...transcript, sessions: transcript.sessions.map((session) => ({ ...session })) });
  const before = scanned(parseTranscript(text));
  const edited = scanned(parseTranscript(text.replace('<b@x>', '<e@x>')));
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
  let cut = false;
  let cutAtCheckpoints = false;
  fc.assert(
    fc.property(blocks([...LINES, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg==']), (blocks) => {
      const transcript = parseTranscript(blocks.flat().join('\n'));
      cut ||= transcript.sessions.some((session) => sessionStretches(session).length > 1);
      cutAtCheckpoints ||= transcript.sessions.some((session) => checkpointsOf(session) && sessionStretches(session).length > 1);
      const outline = getDocumentSymbols(transcript, Infinity);
      transcript.sessions.forEach((session, i) => assert.deepEqual(outline[i].children ?? [], partSymbolsOf(session)));
    }),
    { numRuns: 1000 },
  );
  assert.ok(cut, 'some random sessions were cut into stretches');
  assert.ok(cutAtCheckpoints, "some at the parser's checkpoints");
});

test("a stretch's outline is reused while a new parse keeps its exchanges; the edited one is new, its subject read from its stretch's message", () => {
  const text = ['S: 220 mx', ...PAD, 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: one', 'C: .', 'S: 250 ok', ...PAD, 'C: MAIL FROM:<b@x>', 'S: 250 ok'].join('\n');
  const scanned = (transcript: Transcript): Transcript => ({ ...transcript, sessions: transcript.sessions.map((session) => ({ ...session })) });
  const before = scanned(parseTranscript(text));
  const edited = scanned(parseTranscript(text.replace('<b@x>', '<e@x>')));
  const old = before.sessions[0];
  const session = { ...old, exchanges: [...old.exchanges.slice(0, 4), edited.sessions[0].exchanges[4]] };
  const [outlineBefore] = getDocumentSymbols(before);
  const [outline] = getDocumentSymbols({ ...before, lines: edited.lines, sessions: [session] });
  assert.deepEqual(outline.children!.map((child, i) => child === outlineBefore.children![i]), [true, true, false]);
  assert.deepEqual(outline, getDocumentSymbols(edited)[0]);
  assert.equal(outline.children![1].name, 'MAIL <a@x> → no recipients · Subject: one');
});

/** The state before `line` as walked over the whole session at once (what the stretches must add up to). */
function stateWalkedWhole(transcript: Transcript, session: Transcript['sessions'][number], line: number): SessionState {
  const firstLine = session.exchanges.length > 0 ? exchangeStartLine(session.exchanges[0]) : session.range.end.line + 1;
  const tls = definitionFor(transcript, session, 'tls', firstLine)?.value.text.trim().toLowerCase();
  let state = initialSessionState({ implicitTls: tls === 'implicit', serverClosesAtLine: session.expectsClose?.line });
  let before = state;
  for (const exchange of session.exchanges) {
    state = nextState(state, exchange);
    if (exchangeStartLine(exchange) < line) before = state;
  }
  return before;
}

test('the session state before each line, walked stretch by stretch and kept across a new parse, is the one walked whole', () => {
  let cut = false;
  fc.assert(
    fc.property(blocks([...LINES, '@tls = implicit', 'C: STARTTLS', 'S: 220 go ahead']), fc.nat(), (chosen, seed) => {
      const lines = chosen.flat();
      const transcript = parseTranscript(lines.join('\n'));
      cut ||= transcript.sessions.some((session) => sessionStretches(session).length > 1);
      const check = (t: Transcript) => {
        for (const session of t.sessions) {
          for (let line = session.range.start.line; line <= session.range.end.line + 1; line += 7) {
            assert.deepEqual(sessionStateBefore(t, session, line), stateWalkedWhole(t, session, line));
          }
        }
      };
      check(transcript);
      // A letter typed into one line: the new parse keeps the long sessions' exchanges above and below it.
      if (lines.length === 0) return;
      const at = seed % lines.length;
      check(parseTranscript([...lines.slice(0, at), `${lines[at]}x`, ...lines.slice(at + 1)].join('\n'), transcript));
    }),
    { numRuns: 300 },
  );
  assert.ok(cut, 'some random sessions were cut into stretches');
});

test("a session a new parse keeps is walked again when the file's @tls above it changed", () => {
  const session = ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@b>', 'S: 250 ok'];
  const text = ['@tls = implicit', '### one', ...session, '### two', ...session].join('\n');
  const before = parseTranscript(text);
  const last = text.split('\n').length - 1;
  assert.equal(sessionStateBefore(before, before.sessions[1], last).tls, 'implicit');
  const after = parseTranscript(text.replace('@tls = implicit', '@tls = none'), before);
  assert.equal(after.sessions[1], before.sessions[1], 'the parse kept the second session');
  assert.deepEqual(sessionStateBefore(after, after.sessions[1], last), stateWalkedWhole(after, after.sessions[1], last));
  assert.equal(sessionStateBefore(after, after.sessions[1], last).tls, 'none');
});

test('a kept stretch is walked again when the state it starts from changed above it (an EHLO reply edited)', () => {
  const transaction = ['C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x>', 'S: 250 ok', ...PAD];
  const lines = ['S: 220 mx', 'C: EHLO c.test', 'S: 250-mx', 'S: 250 SIZE 1000', ...PAD, ...Array.from({ length: 6 }, () => transaction).flat()];
  const before = parseTranscript(lines.join('\n'));
  const last = lines.length - 1;
  sessionStateBefore(before, before.sessions[0], last);
  const after = parseTranscript(lines.join('\n').replace('SIZE 1000', 'SIZE 2000'), before);
  assert.ok(sessionStretches(after.sessions[0]).length > 2);
  assert.equal(after.sessions[0].exchanges.at(-1), before.sessions[0].exchanges.at(-1), 'the parse kept the exchanges below');
  const state = sessionStateBefore(after, after.sessions[0], last);
  assert.deepEqual(state, stateWalkedWhole(after, after.sessions[0], last));
  assert.notDeepEqual(state, stateWalkedWhole(before, before.sessions[0], last));
});

test("a line break above a long session's stretches moves their kept token runs along: the same arrays, the document's tokens", () => {
  const plain = (i: number) => [`C: MAIL FROM:<a${i}@x.test>`, 'S: 250 2.1.0 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: {{s}}', 'C:', 'C: body', 'C: .', 'S: 250 queued'];
  const text = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 8BITMIME', ...Array.from({ length: 80 }, (_, i) => plain(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');
  const at = text.indexOf('C: MAIL FROM:<a40@');
  const before = parseTranscript(text);
  const partsBefore = semanticTokenParts(before);
  for (const inserted of ['\n', '\n\n\n# moved\n']) {
    const edited = text.slice(0, at) + inserted + text.slice(at);
    const after = parseTranscript(edited, before);
    const parts = semanticTokenParts(after);
    assert.deepEqual(joinTokenParts(parts), getSemanticTokens(parseTranscript(edited)).data);
    // Encoded anew: the first stretch (always, with the session's head) and the one the edit is in; the others, above
    // the edit and below it, are the arrays encoded before.
    assert.equal(parts.length, partsBefore.length);
    const anew = parts.flatMap((part, i) => (part.data === partsBefore[i].data ? [] : [i]));
    assert.deepEqual(anew, [0, 3], `${parts.length} runs`);
  }
});
