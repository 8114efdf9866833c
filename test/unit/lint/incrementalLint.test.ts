// Incremental lint: the findings kept per session, and the groups split by session, give what a lint from scratch does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintInSteps, lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { allRuleGroups } from '../../../server/src/features/lint/ruleCatalog';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { applyEdit, edit, multiSessionTranscript } from '../model/transcriptEdits';
import { assertEditsLintAsFromScratch } from './lintEdits';

const SEED = 20261128;
const context = { env: { PW: 'set' } };

describe('incremental lint', () => {
  test('random edits to random multi-session transcripts: the same diagnostics as a lint from scratch', () => {
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(edit, { minLength: 1, maxLength: 6 }), (original, edits) =>
        assertEditsLintAsFromScratch(original, edits.map((e) => () => e), context),
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('lints dropped part-way (as the language server drops one an edit outdated): the next finds what a lint from scratch does', () => {
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(fc.tuple(edit, fc.nat({ max: 12 })), { minLength: 1, maxLength: 6 }), (original, edits) => {
        const cache = createLintCache();
        let text = original;
        let previous: Transcript = parseTranscript(text);
        lintTranscript(previous, { context, cache });
        for (const [e, steps] of edits) {
          text = applyEdit(text, e);
          previous = parseTranscript(text, previous);
          const lint = lintInSteps(previous, { context, cache });
          for (let step = 0; step < steps; step++) lint.next();
          lint.return([]);
        }
        assert.deepStrictEqual(lintTranscript(previous, { context, cache }), lintTranscript(parseTranscript(text), { context }));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('every split group finds, session by session and then over the file, what its check finds', () => {
    fc.assert(
      fc.property(multiSessionTranscript, (text) => {
        const transcript = parseTranscript(text);
        for (const group of allRuleGroups()) {
          if (!group.split) continue;
          const split = [
            ...transcript.sessions.flatMap((session) => group.split!.bySession(session, transcript, context)),
            ...(group.split.wholeFile?.(transcript, context) ?? []),
          ];
          assert.deepStrictEqual(split, group.check(transcript, context));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a file-level definition edited: the sessions that use it are checked again', () => {
    const text = '@user = a\n### one\nS: 220 {{user}}\n### two\nS: 220 {{user}}';
    const cache = createLintCache();
    const before = parseTranscript(text);
    assert.deepStrictEqual(lintTranscript(before, { cache }), []);
    const after = parseTranscript(text.replace('@user', '@usr'), before);
    assert.deepStrictEqual(
      lintTranscript(after, { cache }).map((d) => `${d.range.start.line + 1} ${d.code}`),
      ['1 variable-unused', '3 variable-undefined', '5 variable-undefined'],
    );
  });

  test('a secret used in another session: the whole-file part sees the edit', () => {
    const text = '@password = hunter2\n### one\nS: 220 x\nC: NOOP\n### two\nS: 220 x\nC: AUTH LOGIN\nS: 334 UGFzc3dvcmQ6\nC: {{$base64 {{password}}}}\nS: 535 5.7.8 no';
    const cache = createLintCache();
    const before = parseTranscript(text);
    const severity = (t: Transcript) => lintTranscript(t, { cache }).find((d) => d.code === 'auth-literal-password')?.severity;
    assert.equal(severity(before), 'hint');
    const after = parseTranscript(text.replace('C: NOOP', 'C: NOOP {{password}}'), before);
    assert.equal(after.sessions[1], before.sessions[1]);
    assert.equal(severity(after), 'warning');
  });

  test('another environment: the kept findings are not reused', () => {
    const transcript = parseTranscript('### one\nS: 220 x\nC: AUTH PLAIN {{$env PW}}\nS: 235 ok');
    const cache = createLintCache();
    const codes = (env: Record<string, string>) => lintTranscript(transcript, { cache, context: { env } }).map((d) => d.code).filter((c) => c === 'env-unset');
    assert.deepStrictEqual(codes({}), ['env-unset']);
    assert.deepStrictEqual(codes({ PW: 'set' }), []);
  });

  test('a session moved down by a line added above: findings move with it, a message naming a line is made again', () => {
    const text = '### one\nS: 220 a\n### two\nS: 220 b\nC: EHLO x\nS: 250 ok\nC: MAIL FROM:<a@b.c>\nS: 250 ok\nC: MAIL FROM:<a@b.c>\nS: 250 ok\nC: HELO x\nS: 250 ok';
    const cache = createLintCache();
    const before = parseTranscript(text);
    const brief = (t: Transcript) => lintTranscript(t, { cache }).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message.slice(0, 30)}`);
    assert.deepStrictEqual(brief(before), [
      '9 mail-in-transaction: A mail transaction is already ',
      '11 helo-instead-of-ehlo: HELO opens a session without s',
    ]);
    const after = parseTranscript(text.replace('S: 220 a', 'S: 220 a\n'), before);
    assert.deepStrictEqual(brief(after), [
      '10 mail-in-transaction: A mail transaction is already ',
      '12 helo-instead-of-ehlo: HELO opens a session without s',
    ]);
    assert.match(lintTranscript(after, { cache })[0].message, /on line 8\)/);
  });

  test('a line break typed above and removed again, back and forth: each time what a lint from scratch finds', () => {
    const text = '### one\nS: 220 a\n### two\nS: 220 b\nC: EHLO x\nS: 250 ok\nC: MAIL FROM:<a@b.c> NOTIFY=NEVER\nS: 250 ok\n### three\nC: DATA';
    const cache = createLintCache();
    let previous = parseTranscript(text);
    lintTranscript(previous, { cache });
    for (const edited of [text.replace('S: 220 a', '\nS: 220 a'), text, text.replace('S: 220 a', '\nS: 220 a'), text.replace('S: 220 a', '\n\nS: 220 a'), text]) {
      previous = parseTranscript(edited, previous);
      assert.deepStrictEqual(lintTranscript(previous, { cache }), lintTranscript(parseTranscript(edited)));
    }
  });

  test('lines added and removed above the file-level directives (all of it moves): each time what a lint from scratch finds', () => {
    const top = fc.oneof(fc.constant({ insert: '\n' }), fc.constant({ insert: '# note\n' }), fc.constant({ remove: true }));
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(top, { minLength: 1, maxLength: 6 }), (original, edits) => {
        const cache = createLintCache();
        let text = original;
        let previous = parseTranscript(text);
        lintTranscript(previous, { context, cache });
        for (const e of edits) {
          text = 'insert' in e ? e.insert + text : text.slice(text.indexOf('\n') + 1);
          previous = parseTranscript(text, previous);
          assert.deepStrictEqual(lintTranscript(previous, { context, cache }), lintTranscript(parseTranscript(text), { context }));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a line added at the top moves the directives and every session: their findings move along, unparsed', () => {
    // Comments below the directives: a message's small numbers (`RFC 5321 §4.1.1.1`) may be the lines of a session
    // near the top, and its findings are then made again (movedFindings.ts), not moved.
    const text = '@user = a\n@tls = implicit\n' + '# note\n'.repeat(10) + '### one\nS: 220 {{user}}\nC: HELO x\nS: 250 ok\n### two\nS: 220 b\nC: EHLO y\nS: 250 ok\nC: RCPT TO:<a@b.c>\nS: 250 ok';
    const cache = createLintCache();
    // With file access, as in the editor: the include check runs on every lint.
    const files = { context: { readInclude: () => ({ kind: 'missing' as const }) }, cache };
    const before = parseTranscript(text);
    const brief = (t: Transcript) => lintTranscript(t, files).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message.slice(0, 40)}`);
    assert.deepStrictEqual(brief(before), [
      '15 helo-instead-of-ehlo: HELO opens a session without service ext',
      '21 rcpt-before-mail: RCPT TO without an accepted MAIL FROM: n',
    ]);
    const after = parseTranscript(`\n${text}`, before);
    // A session that only moved is parsed again when something reads its exchanges (model/movedSession.ts).
    const unparsed = () => after.sessions.map((s) => Object.getOwnPropertyDescriptor(s, 'exchanges')?.get !== undefined);
    assert.deepStrictEqual(unparsed(), [true, true]);
    assert.deepStrictEqual(brief(after), [
      '16 helo-instead-of-ehlo: HELO opens a session without service ext',
      '22 rcpt-before-mail: RCPT TO without an accepted MAIL FROM: n',
    ]);
    assert.deepStrictEqual(unparsed(), [true, true]);
    assert.deepStrictEqual(lintTranscript(after, files), lintTranscript(parseTranscript(`\n${text}`), { context: files.context }));
  });

  test("a kept session's diagnostics are the same objects on the next lint while the settings are the same object, for a list of 8 findings or more", () => {
    // Session one: eight findings in one list (one rule group); session two: one.
    const one = `### one\nS: 220 a\n${Array.from({ length: 8 }, (_, i) => `C: HELO x${i}\nS: 250 ok`).join('\n')}`;
    const text = `${one}\n### two\nS: 220 b\nC: HELO y\nS: 250 ok\n### three\nS: 220 c\nC: HELO w\nS: 250 ok`;
    const cache = createLintCache();
    const rules = {};
    const before = parseTranscript(text);
    const first = lintTranscript(before, { cache, rules });
    assert.deepStrictEqual(first.map((d) => `${d.range.start.line + 1} ${d.code}`), [3, 5, 7, 9, 11, 13, 15, 17, 21, 25].map((line) => `${line} helo-instead-of-ehlo`));
    // An edit in session two: the other sessions' findings are kept; session one's diagnostics are too, session
    // three's single one is made again (cheaper than an entry for it), equal to the one before.
    const editedText = text.replace('HELO y', 'HELO z');
    const after = parseTranscript(editedText, before);
    const second = lintTranscript(after, { cache, rules });
    assert.deepStrictEqual(second.slice(0, 8).map((d, i) => d === first[i]), Array(8).fill(true));
    assert.notEqual(second[8], first[8]);
    assert.notEqual(second[9], first[9]);
    assert.deepStrictEqual(second[9], first[9]);
    assert.deepStrictEqual(second, lintTranscript(parseTranscript(editedText)));
    // Other settings: made again under them.
    const strict = { 'helo-instead-of-ehlo': 'error' } as const;
    assert.deepStrictEqual(new Set(lintTranscript(after, { cache, rules: strict }).map((d) => d.severity)), new Set(['error']));
    assert.deepStrictEqual(lintTranscript(after, { cache, rules: { 'helo-instead-of-ehlo': 'off' } }), []);
  });
});
