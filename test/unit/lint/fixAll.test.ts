// Fix-all (`lint --fix`, the editor's `source.fixAll`): the safe fixes applied, pass after pass; the fixes that change
// what a session sends or expects left for the user to choose.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixText, lintTranscript, MAX_FIX_PASSES, safeFixEdits, type Fix, type LintDiagnostic } from '../../../server/src/features/lint';
import { parseTranscript } from '../../../server/src/model';
import { lines } from '../../support/text';

const lint = (text: string): LintDiagnostic[] => lintTranscript(parseTranscript(text));
const codes = (found: readonly LintDiagnostic[]) => found.map((d) => `${d.range.start.line + 1} ${d.code}`);

describe('fixText', () => {
  test('every safe fix, in as many passes as it takes; what is left is linted again', () => {
    const text = lines(
      'S: 220 mx.example.com ESMTP',
      'C: ehlo client.example.org',
      'S: 250 mx.example.com',
      'C:  mail FROM: a@example.org',
      'S: 250 ok',
      'C: RCPT\tTO:<@relay.example:b@example.org>',
      'S: 250 ok',
      'C: RCPT <c@example.org>',
      'S: 250 ok',
      'C: DATA',
      'S: 354 go',
      'C: Subject : hi',
      'C: From: <a@example.org>',
      'C: Date: {{$date}}',
      'C:',
      'C: .hidden',
      'C: .',
      'S: 250 queued',
      'C: quit',
      'S: 221 bye',
    );
    const fixed = fixText(text, lint);
    assert.equal(
      fixed.text,
      lines(
        'S: 220 mx.example.com ESMTP',
        'C: EHLO client.example.org',
        'S: 250 mx.example.com',
        'C: MAIL FROM:<a@example.org>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.org>',
        'S: 250 ok',
        'C: RCPT TO:<c@example.org>',
        'S: 250 ok',
        'C: DATA',
        'S: 354 go',
        'C: Subject: hi',
        'C: From: <a@example.org>',
        'C: Date: {{$date}}',
        'C:',
        'C: ..hidden',
        'C: .',
        'S: 250 queued',
        'C: QUIT',
        'S: 221 bye',
      ),
    );
    assert.deepEqual([fixed.fixes, codes(fixed.remaining)], [11, []]);
  });

  test('a fix that guesses or changes what the session sends or expects is not applied', () => {
    const text = lines('S: 220 mx', 'C: HELO client.example.org', 'S: 250 mx', 'C: NOOOP', 'S: 250 ok', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C: .', 'S: 250 ok');
    const fixed = fixText(text, lint);
    assert.deepEqual([fixed.text, fixed.fixes], [text, 0]);
    // Each of them has a quick fix all the same: HELO to EHLO, the verb's spelling, the missing Date: and From: fields.
    assert.deepEqual(
      fixed.remaining.filter((d) => d.fix).map((d) => `${d.range.start.line + 1} ${d.code}`),
      ['2 helo-instead-of-ehlo', '4 unknown-verb', '12 missing-date-header', '12 missing-from-header'],
    );
  });

  const bdatSession = (...chunks: string[][]) =>
    lines(
      'S: 220 mx',
      'C: EHLO c.test',
      'S: 250-mx',
      'S: 250 CHUNKING',
      'C: MAIL FROM:<a@example.org>',
      'S: 250 ok',
      'C: RCPT TO:<b@example.org>',
      'S: 250 ok',
      ...chunks.flatMap((content, i) => {
        const octets = content.reduce((sum, line) => sum + line.length + 2, 0);
        return [`C: BDAT ${octets}${i === chunks.length - 1 ? ' LAST' : ''}`, ...content.map((line) => (line === '' ? 'C:' : `C: ${line}`)), 'S: 250 ok'];
      }),
      'C: QUIT',
      'S: 221 bye',
    );

  test('fixes in one BDAT chunk each rewrite its count: taken together, the count once with all they take, the lines still framed', () => {
    const fixed = fixText(bdatSession(['From : a@example.org', 'Date: Thu, 1 Jan 2026 00:00:00 +0000', 'Subject : hi', '', 'Hi']), lint);
    assert.equal(fixed.text, bdatSession(['From: a@example.org', 'Date: Thu, 1 Jan 2026 00:00:00 +0000', 'Subject: hi', '', 'Hi']));
    assert.deepEqual([fixed.fixes, codes(fixed.remaining)], [2, []]);
  });

  test('twelve header fixes in one chunk (more than MAX_FIX_PASSES) and two in the next: all in one pass, each count its own', () => {
    const names = ['From', 'Date', 'Subject', 'To', 'Cc', 'Reply-To', 'Message-ID', 'X-One', 'X-Two', 'X-Three', 'X-Four', 'X-Five'];
    const values = ['a@example.org', 'Thu, 1 Jan 2026 00:00:00 +0000', 'hi', 'b@example.org', 'c@example.org', 'a@example.org', '<1@example.org>', '1', '2', '3', '4', '5'];
    const header = (separator: string) => names.map((name, i) => `${name}${separator}${values[i]}`);
    const text = bdatSession([...header(' : ')], ['X-Six  : 6', 'X-Seven : 7', '', 'Hi']);
    assert.ok(names.length > MAX_FIX_PASSES);
    let lints = 0;
    const fixed = fixText(text, (t) => (lints++, lint(t)));
    assert.equal(fixed.text, bdatSession([...header(': ')], ['X-Six: 6', 'X-Seven: 7', '', 'Hi']));
    // One pass fixed them all: linted before it, after it, and nothing was left.
    assert.deepEqual([fixed.fixes, codes(fixed.remaining), lints], [14, [], 2]);
    const firstPass = safeFixEdits(lint(text));
    assert.deepEqual(
      firstPass.edits.filter((e) => e.newText !== '').map((e) => `${e.range.start.line + 1}:${e.range.start.character} ${e.newText}`),
      [`9:8 ${header(': ').reduce((sum, line) => sum + line.length + 2, 0)}`, '23:8 28'],
    );
  });

  test('a path it cannot read whole is left as it is written, never bracketed in part', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM=<a@example.org>', 'S: 250 ok', 'C: RCPT TO:"john doe"@example.org', 'S: 250 ok', 'C: RSET', 'S: 250 ok', 'C: MAIL FROMAGE:<a@example.org>', 'S: 250 ok');
    assert.deepEqual([fixText(text, lint).text, fixText(text, lint).fixes], [text, 0]);
  });

  test('a source route the server is expected to refuse stays: removing it could make the server accept', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<@mx.example.org:b@example.org>', 'S: 550 5.7.1 Source routes are not accepted', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual([fixText(text, lint).text, fixText(text, lint).fixes], [text, 0]);
  });

  test('a CRLF file keeps its line ends', () => {
    const text = ['S: 220 mx', 'C: ehlo a.test', 'S: 250 ok', 'C: quit', 'S: 221 bye', ''].join('\r\n');
    assert.equal(fixText(text, lint).text, ['S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''].join('\r\n'));
  });

  test('a fix that keeps finding itself stops after the last pass', () => {
    const insertion: Fix = { title: 'x', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }], safe: true };
    let calls = 0;
    const fixed = fixText('', () => (calls++, [{ fix: insertion }]));
    assert.deepEqual([fixed.text, fixed.fixes, calls], ['x'.repeat(MAX_FIX_PASSES), MAX_FIX_PASSES, MAX_FIX_PASSES + 1]);
  });
});

describe('safeFixEdits', () => {
  const at = (line: number, start: number, end: number, newText: string) => ({ range: { start: { line, character: start }, end: { line, character: end } }, newText });
  const safe = (...edits: ReturnType<typeof at>[]): { fix: Fix } => ({ fix: { title: 't', edits, safe: true } });

  test('overlapping fixes: the first is taken, the other waits; fixes that only meet go together', () => {
    const found = [safe(at(0, 5, 9, 'B')), safe(at(0, 2, 6, 'A')), safe(at(0, 6, 8, 'C')), safe(at(0, 8, 8, 'D'))];
    assert.deepEqual(safeFixEdits(found), { edits: [at(0, 2, 6, 'A'), at(0, 6, 8, 'C'), at(0, 8, 8, 'D')], fixes: 3 });
  });

  test('two insertions at one place: the second waits (they would go in either order); a replacement there goes after', () => {
    const found = [safe(at(1, 3, 3, 'x')), safe(at(1, 3, 3, 'y')), safe(at(1, 3, 4, 'z'))];
    assert.deepEqual(safeFixEdits(found), { edits: [at(1, 3, 3, 'x'), at(1, 3, 4, 'z')], fixes: 2 });
  });

  test('a fix that is not marked safe, or a choice of fixes, is left to the user', () => {
    const unsafe = { fix: { title: 'u', edits: [at(0, 0, 1, 'u')] } };
    const choice = { fix: [{ title: 'a', edits: [at(1, 0, 1, 'a')], safe: true as const }, { title: 'b', edits: [at(1, 0, 1, 'b')], safe: true as const }] };
    assert.deepEqual(safeFixEdits([unsafe, choice, {}]), { edits: [], fixes: 0 });
  });

  test("a fix's edits are taken all or none, in document order", () => {
    const found = [safe(at(3, 0, 1, 'late'), at(0, 0, 1, 'early')), safe(at(1, 0, 1, 'between'))];
    assert.deepEqual(safeFixEdits(found), { edits: [at(0, 0, 1, 'early'), at(3, 0, 1, 'late')], fixes: 1 });
  });

  test('a BDAT count is added up only with counts of its chunk; an edit of the count itself, or one it meets, makes them wait', () => {
    const count = (added: number) => ({ ...at(2, 5, 7, String(40 + added)), octetCount: { declared: 40, added } });
    const header = (line: number, added: number) => safe(count(added), at(line, 7, 7 - added, ''));
    // Two fixes in the chunk of `BDAT 40` (line 3), each taking a blank: one count edit with both.
    assert.deepEqual(safeFixEdits([header(3, -1), header(4, -2)]), { edits: [at(2, 5, 7, '37'), at(3, 7, 8, ''), at(4, 7, 9, '')], fixes: 2 });
    // A fix rewriting the count itself comes first (it starts first): the chunk's fixes wait for the next pass.
    assert.deepEqual(safeFixEdits([header(3, -1), safe(at(2, 5, 7, '39')), header(4, -2)]), { edits: [at(2, 5, 7, '39')], fixes: 1 });
    // A fix on the BDAT line beside the count (the verb's case) goes with them.
    assert.deepEqual(safeFixEdits([header(3, -1), safe(at(2, 0, 4, 'BDAT'))]), { edits: [at(2, 0, 4, 'BDAT'), at(2, 5, 7, '39'), at(3, 7, 8, '')], fixes: 2 });
  });
});
