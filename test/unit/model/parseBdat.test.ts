import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { outline, problems } from './transcriptOutline';

// BDAT chunks are framed by their declared octet count, not by lines (RFC 3030 §2).
describe('parseTranscript: BDAT', () => {
  test('BDAT chunks are framed by their octet count (RFC 3030 §2)', () => {
    const t = parseTranscript('S: 220 x\nC: BDAT 13\nC: Subject: hi\nC: BDAT 3 LAST\nC: abc\nS: 250 a\nS: 250 b');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'bdat BDAT g0 2-6 250', 'bdat BDAT g0 4-7 250']);
    const [, first, last] = t.sessions[0].exchanges;
    assert.ok(first.kind === 'bdat' && last.kind === 'bdat');
    if (first.kind !== 'bdat' || last.kind !== 'bdat') return;
    assert.deepEqual([first.declaredSize, first.last, first.chunkOctets, first.endsMidLine], [13, false, 13, false]);
    assert.deepEqual([last.declaredSize, last.last, last.chunkOctets, last.endsMidLine], [3, true, 3, true]);
  });

  test('a BDAT count that does not fit the chunk is reported', () => {
    const t = parseTranscript('S: 220 x\nC: BDAT 10 LAST\nC: abc\nS: 250 ok');
    assert.deepEqual(problems(t), ['2:9 bdat-size-mismatch']);
    assert.match(t.diagnostics[0].message, /declares 10 octets but the chunk written below holds 5/);
  });

  test('a chunk counts the octets sent: `\\{{` goes out as `{{` (RFC 3030 §2)', () => {
    // `a \{{x}}` is sent as `a {{x}}`: 7 octets and CRLF.
    const t = parseTranscript('S: 220 x\nC: BDAT 9 LAST\nC: a \\{{x}}\nS: 250 ok');
    const bdat = t.sessions[0].exchanges[1];
    assert.deepEqual([problems(t), bdat.kind === 'bdat' && bdat.chunkOctets], [[], 9]);
  });

  test('the BDAT count message names the form that counts for itself, with LAST only where the command has it', () => {
    const message = (command: string) => parseTranscript(`S: 220 x\nC: ${command}\nC: abc\nS: 250 ok`).diagnostics[0].message;
    assert.equal(
      message('BDAT 10 LAST'),
      'BDAT declares 10 octets but the chunk written below holds 5 (each line counts its text plus CRLF; RFC 3030 §2). Use `BDAT * LAST` to have the count computed.',
    );
    assert.equal(
      message('BDAT 10'),
      'BDAT declares 10 octets but the chunk written below holds 5 (each line counts its text plus CRLF; RFC 3030 §2). Use `BDAT *` to have the count computed.',
    );
  });

  test('BDAT * runs to the next S: line', () => {
    const t = parseTranscript('S: 220 x\nC: BDAT * LAST\nC: a\nC: b\nS: 250 ok');
    const bdat = t.sessions[0].exchanges[1];
    assert.ok(bdat.kind === 'bdat' && bdat.declaredSize === '*' && bdat.parts.length === 2 && bdat.reply?.code === '250');
  });


  test('BDAT without a readable count: its chunk runs to the next reply', () => {
    const t = parseTranscript(['S: 220 mx', 'C: BDAT LAST', 'C: Subject: x', 'C:', 'C: hi', 'S: 250 ok'].join('\n'));
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'bdat BDAT g0 2-6 250']);
    assert.deepEqual(problems(t), ['2:9 bdat-size-unreadable']);
  });
});
