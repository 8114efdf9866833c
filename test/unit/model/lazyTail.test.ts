// A line break typed inside a message of a long session: the exchanges below it are a lazy tail (model/lazyTail.ts),
// copied only when something reads the whole list. Parse and lint must not copy it, and what any reader sees is what
// a parse (and a lint) from scratch gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeStartLine, parseTranscript, type Transcript } from '../../../server/src/model';
import { exchangeCount, headExchanges, lazyTailOf } from '../../../server/src/model/lazyTail';
import { takeMovedFrom } from '../../../server/src/model/shiftedParse';
import { checkpointsOf } from '../../../server/src/model/sessionCheckpoints';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { createLintCache } from '../../../server/src/features/lint/lintCache';

/** One session of `transactions` transactions, each a message with a `Hello n` line (no `Date:`: a finding each). */
function longSession(transactions: number): string {
  const lines = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 PIPELINING'];
  for (let n = 0; n < transactions; n++) {
    lines.push('C: MAIL FROM:<a@x.test>', 'S: 250 2.1.0 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 2.1.5 ok', 'C: DATA', 'S: 354 go');
    lines.push('C: From: <a@x.test>', 'C:', `C: Hello ${n}`, 'C: .', 'S: 250 2.0.0 queued', 'C: RSET', 'S: 250 ok');
  }
  lines.push('C: QUIT', 'S: 221 bye', '');
  return lines.join('\n');
}

const TEXT = longSession(400);
/** Where a line break goes: the start of transaction 100's `Hello` line. */
const AT = TEXT.indexOf('C: Hello 100\n');
const withBreaks = (count: number) => TEXT.slice(0, AT) + 'C:\n'.repeat(count) + TEXT.slice(AT);

/** Each version parsed with the previous one's parse and linted with one cache, as the language server does. */
function edited(versions: string[]): { parses: Transcript[]; lints: ReturnType<typeof lintTranscript>[] } {
  const cache = createLintCache();
  const rules = {};
  const parses: Transcript[] = [];
  const lints: ReturnType<typeof lintTranscript>[] = [];
  for (const text of versions) {
    const parse = parseTranscript(text, parses.at(-1));
    parses.push(parse);
    lints.push(lintTranscript(parse, { rules, cache }));
  }
  return { parses, lints };
}

describe('a lazy tail below a line typed inside a message', () => {
  test('parse and lint leave the tail uncopied; read, the session is what a parse from scratch gives', () => {
    const { parses, lints } = edited([TEXT, withBreaks(1)]);
    const session = parses[1].sessions[0];
    const tail = lazyTailOf(session);
    assert.ok(tail, 'the exchanges below the edit are a lazy tail');
    assert.ok(tail.source.items === parses[0].sessions[0].exchanges, "the tail's exchanges are the previous parse's");
    assert.equal(tail.source.shift, 1);
    const scratch = parseTranscript(withBreaks(1));
    assert.equal(exchangeCount(session), scratch.sessions[0].exchanges.length);
    assert.ok(headExchanges(session).length < exchangeCount(session));
    // Lint moved the findings below along: the Date finding of the last message is a line further down.
    assert.deepStrictEqual(lints[1], lintTranscript(scratch));
    assert.ok(lazyTailOf(session), 'lint did not copy the tail');
    assert.deepStrictEqual(parses[1], scratch);
    assert.equal(lazyTailOf(session), undefined, 'read whole, the tail is copied once');
  });

  test('lines typed on at the same place, then a letter: the tail moves on from the first parse, uncopied', () => {
    const letter = withBreaks(3).replace('C: Hello 100\n', 'C: Hallo 100\n');
    const versions = [TEXT, withBreaks(1), withBreaks(2), withBreaks(3), letter, withBreaks(2)];
    const { parses, lints } = edited(versions);
    for (let v = 1; v < versions.length; v++) {
      const tail = lazyTailOf(parses[v].sessions[0]);
      assert.ok(tail && tail.source.items === parses[0].sessions[0].exchanges, `version ${v}: a tail of the first parse's exchanges`);
      assert.equal(tail.source.shift, [0, 1, 2, 3, 3, 2][v]);
    }
    for (let v = 1; v < versions.length; v++) {
      const scratch = parseTranscript(versions[v]);
      assert.deepStrictEqual(lints[v], lintTranscript(scratch), `lint of version ${v}`);
      assert.deepStrictEqual(parses[v], scratch, `parse of version ${v}`);
    }
  });

  test("a copy where a stretch starts names its original, moved by every line typed since (the tokens' cache reads it)", () => {
    const { parses } = edited([TEXT, withBreaks(1), withBreaks(2)]);
    const original = parses[0].sessions[0];
    const session = parses[2].sessions[0];
    const boundary = headExchanges(session).length;
    const stretch = checkpointsOf(session)!.find((c) => c.exchanges > boundary)!.exchanges;
    const copy = session.exchanges[stretch];
    assert.deepStrictEqual(takeMovedFrom(copy), { from: original.exchanges[stretch], by: 2, fromEdits: 0 });
  });

  test('a line typed between exchanges, then one inside a message above: the session is parsed again around each, the tail kept', () => {
    const rset = TEXT.indexOf('C: RSET\n', AT);
    const between = TEXT.slice(0, rset) + '\n' + TEXT.slice(rset);
    const above = between.replace('C: Hello 90\n', 'C: Hello 90\nC: more\n');
    const versions = [TEXT, between, above, between];
    const { parses, lints } = edited(versions);
    for (let v = 1; v < versions.length; v++) {
      const tail = lazyTailOf(parses[v].sessions[0]);
      assert.ok(tail && tail.source.items === parses[0].sessions[0].exchanges, `version ${v}: a tail of the first parse's exchanges`);
      assert.equal(tail.source.shift, [0, 1, 2, 1][v]);
    }
    for (let v = 1; v < versions.length; v++) {
      const scratch = parseTranscript(versions[v]);
      assert.deepStrictEqual(lints[v], lintTranscript(scratch), `lint of version ${v}`);
      assert.deepStrictEqual(parses[v], scratch, `parse of version ${v}`);
    }
  });

  test('a command typed where the parse rejoins only further down: the tail moves on past the head, uncopied', () => {
    const first = edited([TEXT, withBreaks(1)]).parses[1];
    const head = lazyTailOf(first.sessions[0])!.head;
    // An unanswered NOOP above the head's last exchange (a RSET) pipelines it: the quiet point after it is not one.
    const lines = withBreaks(1).split('\n');
    lines.splice(exchangeStartLine(head[head.length - 1]), 0, 'C: NOOP');
    const versions = [TEXT, withBreaks(1), lines.join('\n')];
    const { parses, lints } = edited(versions);
    const [before, after] = [lazyTailOf(parses[1].sessions[0])!, lazyTailOf(parses[2].sessions[0])!];
    assert.ok(after.source.items === parses[0].sessions[0].exchanges);
    assert.ok(after.source.from > before.source.from && after.head.length > before.head.length);
    const scratch = parseTranscript(versions[2]);
    assert.deepStrictEqual(lints[2], lintTranscript(scratch));
    assert.deepStrictEqual(parses[2], scratch);
  });

  test('an exchange added between exchanges, its reply typed, another added, all removed: the groups below are numbered on in the tail, uncopied', () => {
    const rset = TEXT.indexOf('C: RSET\n', AT);
    const added = (text: string) => TEXT.slice(0, rset) + text + TEXT.slice(rset);
    // An unanswered NOOP is pipelined with the RSET below it: the groups stay. Answered, it is a group of its own.
    const versions = [TEXT, added('C: NOOP\n'), added('C: NOOP\nS: 250 ok\n'), added('C: NOOP\nS: 250 ok\nC: NOOP\nS: 250 ok\n'), TEXT];
    const { parses, lints } = edited(versions);
    for (let v = 1; v < versions.length; v++) {
      const tail = lazyTailOf(parses[v].sessions[0]);
      assert.ok(tail && tail.source.items === parses[0].sessions[0].exchanges, `version ${v}: a tail of the first parse's exchanges, not copied by lint`);
      assert.deepStrictEqual([tail.source.shift, tail.source.groupShift], [[0, 0], [1, 0], [2, 1], [4, 2], [0, 0]][v]);
    }
    for (let v = 1; v < versions.length; v++) {
      const scratch = parseTranscript(versions[v]);
      assert.deepStrictEqual(lints[v], lintTranscript(scratch), `lint of version ${v}`);
      assert.deepStrictEqual(parses[v], scratch, `parse of version ${v}`);
    }
  });

  test('an edit inside the tail reads it: the session is what a parse from scratch gives', () => {
    const below = withBreaks(1).replace('C: Hello 300\n', 'C: Hello 300\nC: more\n');
    const { parses, lints } = edited([TEXT, withBreaks(1), below]);
    const scratch = parseTranscript(below);
    assert.deepStrictEqual(lints[2], lintTranscript(scratch));
    assert.deepStrictEqual(parses[2], scratch);
  });

  test('a finding that names a line of the tail cannot move: lint reads the tail and finds it again', () => {
    // The unterminated message at the end: its finding names where the session ends, below the edit.
    const open = TEXT.replace('C: QUIT\nS: 221 bye\n', 'C: MAIL FROM:<a@x.test>\nS: 250 ok\nC: RCPT TO:<b@y.test>\nS: 250 ok\nC: DATA\nS: 354 go\nC: never ended\n');
    const breakIn = (text: string) => text.slice(0, AT) + 'C:\n' + text.slice(AT);
    const { parses, lints } = edited([open, breakIn(open)]);
    const scratch = parseTranscript(breakIn(open));
    assert.deepStrictEqual(lints[1], lintTranscript(scratch));
    assert.deepStrictEqual(parses[1], scratch);
  });
});
