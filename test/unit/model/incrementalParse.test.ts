import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTranscriptCache, exchangeStartLine, parseTranscript, sessionKey, type Transcript } from '../../../server/src/model';
import { applyEdit, assertEditsParseAsFromScratch, edit, multiSessionTranscript } from './transcriptEdits';

const SEED = 20261128;

describe('parseTranscript with the previous parse', () => {
  test('random edits to random multi-session transcripts: the same model as a parse from scratch', () => {
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(edit, { minLength: 1, maxLength: 6 }), (original, edits) =>
        assertEditsParseAsFromScratch(original, edits.map((e) => () => e)),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  test('random edits in a row, the model read only after the last: the same as a parse from scratch', () => {
    // A session moved by an edit is parsed again only when read: here moved sessions move again before that.
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(edit, { minLength: 2, maxLength: 8 }), (original, edits) => {
        let text = original;
        let transcript = parseTranscript(text);
        for (const e of edits) transcript = parseTranscript((text = applyEdit(text, e)), transcript);
        assert.deepStrictEqual(transcript, parseTranscript(text));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  test('random edits in a row leave every earlier version as a parse from scratch of its text gives it', () => {
    // An edit makes new lists (lines, sessions) and never changes the ones an earlier version holds: a request still
    // reading an earlier version sees it whole, its moved sessions parsed when read.
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(edit, { minLength: 2, maxLength: 6 }), (original, edits) => {
        const versions = [{ text: original, transcript: parseTranscript(original) }];
        for (const e of edits) {
          const text = applyEdit(versions[versions.length - 1].text, e);
          versions.push({ text, transcript: parseTranscript(text, versions[versions.length - 1].transcript) });
        }
        for (const { text, transcript } of versions) assert.deepStrictEqual(transcript, parseTranscript(text));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a session moved twice keeps its cache key and shows only the keys a parse from scratch has', () => {
    const text = '### one\nS: 220 a\n### two\nS: 220 b\nC: QUIT\nS: 221 bye';
    const before = parseTranscript(text);
    const once = parseTranscript(text.replace('S: 220 a', '\nS: 220 a'), before);
    const twice = parseTranscript(text.replace('S: 220 a', '\n\nS: 220 a'), once);
    const moved = twice.sessions[1];
    assert.equal(sessionKey(moved), sessionKey(before.sessions[1]));
    assert.deepStrictEqual(Object.keys(moved), ['index', 'name', 'separator', 'range', 'directives', 'exchanges']);
    assert.deepStrictEqual(
      [moved.range, moved.separator],
      [
        { start: { line: 4, character: 0 }, end: { line: 7, character: 10 } },
        { line: 4, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 7 } }, nameRange: { start: { line: 4, character: 4 }, end: { line: 4, character: 7 } } },
      ],
    );
    assert.deepStrictEqual(moved.exchanges.map(exchangeStartLine), [5, 6]);
    assert.equal(sessionKey(moved), sessionKey(before.sessions[1]));
    assert.equal(JSON.stringify(twice), JSON.stringify(parseTranscript(text.replace('S: 220 a', '\n\nS: 220 a'))));
  });

  test('a session moved down a line and renumbered before it is read: parsed at its new lines with its new index', () => {
    const text = '### one\nS: 220 a\n### two\nS: 220 b\nC: QUIT\nS: 221 bye';
    const moved = parseTranscript(text.replace('S: 220 a', '\nS: 220 a'), parseTranscript(text));
    const renumbered = parseTranscript('###\n' + text.replace('S: 220 a', '\nS: 220 a'), moved);
    assert.deepStrictEqual(renumbered, parseTranscript('###\n' + text.replace('S: 220 a', '\nS: 220 a')));
    assert.deepStrictEqual(renumbered.sessions.map((s) => [s.index, s.range.start.line, s.exchanges.length]), [[0, 0, 0], [1, 1, 1], [2, 4, 2]]);
  });

  test('an edit inside one session keeps every other session object', () => {
    const text = '@user = a\n### one\nS: 220 a\nC: QUIT\n### two\nS: 220 b\nC: QUIT\n### three\nS: 220 c\n';
    const before = parseTranscript(text);
    const after = parseTranscript(text.replace('220 b', '221 b'), before);
    assert.deepStrictEqual(
      after.sessions.map((s, i) => s === before.sessions[i]),
      [true, false, true],
    );
    assert.equal(after.directives, before.directives);
  });

  test('a session added above renumbers the ones below without re-parsing them', () => {
    const text = '### one\nS: 220 a\n### two\nS: 220 b';
    const before = parseTranscript(text);
    const after = parseTranscript('### zero\n' + text.replace('### one\nS: 220 a\n', '### one\n'), before);
    // `### zero` replaced the line `S: 220 a`: session two keeps its lines, its index moves on by one.
    assert.deepStrictEqual(after.sessions.map((s) => [s.index, s.name]), [[0, 'zero'], [1, 'one'], [2, 'two']]);
    assert.notEqual(after.sessions[2], before.sessions[1]);
    assert.equal(sessionKey(after.sessions[2]), sessionKey(before.sessions[1]));
    assert.equal(after.sessions[2].exchanges, before.sessions[1].exchanges);
  });

  test('sessions moved by an inserted line are parsed again at their new lines', () => {
    const text = '### one\nS: 220 a\n### two\nS: 220 b';
    const before = parseTranscript(text);
    const after = parseTranscript(text.replace('S: 220 a', '\nS: 220 a'), before);
    assert.deepStrictEqual(after.sessions.map((s) => s.range.start.line), [0, 3]);
    assert.deepStrictEqual(after, parseTranscript(text.replace('S: 220 a', '\nS: 220 a')));
  });

  test('the same text again: the previous parse as it is', () => {
    const before = parseTranscript('S: 220 a\nC: QUIT');
    assert.equal(parseTranscript('S: 220 a\nC: QUIT', before), before);
  });

  test('a leading byte order mark: the text after it parsed and the mark noted, through edits that add, keep or remove it', () => {
    const text = 'S: 220 a\nC: QUIT\nS: 221 bye';
    const marked = parseTranscript(`\ufeff${text}`);
    assert.deepStrictEqual(marked, { ...parseTranscript(text), byteOrderMark: true });
    const versions = [text, `\ufeff${text}`, `\ufeff${text.replace('QUIT', 'NOOP')}`, `\ufeffS: 220 b\n${text}`, text];
    let previous = parseTranscript(versions[0]);
    for (const version of versions.slice(1)) {
      const incremental = parseTranscript(version, previous);
      assert.deepStrictEqual(incremental, parseTranscript(version));
      previous = incremental;
    }
  });

  test('a transcript not made by parseTranscript is no help, and no harm', () => {
    const text = 'S: 220 a\nC: QUIT';
    const foreign: Transcript = { lines: [], directives: [], sessions: [], comments: [], diagnostics: [] };
    assert.deepStrictEqual(parseTranscript(text, foreign), parseTranscript(text));
  });

  test('the transcript cache parses a new version with the previous one', () => {
    const cache = createTranscriptCache();
    const v1 = cache.get('file:///a.smtp', 1, () => '### one\nS: 220 a\n### two\nS: 220 b');
    const v2 = cache.get('file:///a.smtp', 2, () => '### one\nS: 220 a\n### two\nS: 221 b');
    assert.equal(cache.get('file:///a.smtp', 2, () => 'not read'), v2);
    assert.equal(v2.sessions[0], v1.sessions[0]);
    assert.notEqual(v2.sessions[1], v1.sessions[1]);
  });
});
