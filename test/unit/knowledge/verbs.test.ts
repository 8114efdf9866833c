import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXTENSIONS,
  REPLY_CODES,
  VERBS,
  VERB_SPECS,
  closestMatch,
  editDistance,
  lookupVerb,
  isRfcRef,
  suggestVerb,
  type SpecRef,
  type VerbSpec,
} from '../../../server/src/knowledge';

function allReplyCodes(spec: VerbSpec): number[] {
  const sets = spec.continuationReplies ? [spec.replies, spec.continuationReplies] : [spec.replies];
  return sets.flatMap((set) => [...set.success, ...set.intermediate, ...set.error]);
}

describe('verb table', () => {
  test('has an entry for every verb, under its own name', () => {
    assert.deepEqual(Object.keys(VERB_SPECS).sort(), [...VERBS].sort());
    for (const verb of VERBS) assert.equal(VERB_SPECS[verb].verb, verb);
  });

  test('every verb has syntax, a summary, an RFC (for XCLIENT and XFORWARD, the Postfix pages) and a success or intermediate reply', () => {
    const named = (ref: SpecRef) => (isRfcRef(ref) ? ref.rfc > 0 : ref.url.startsWith('https://www.postfix.org/'));
    for (const spec of Object.values(VERB_SPECS)) {
      assert.ok(spec.syntax.length > 0, spec.verb);
      assert.ok(spec.summary.length > 0, spec.verb);
      assert.ok(named(spec.rfc) && named(spec.repliesRfc), spec.verb);
      assert.equal(isRfcRef(spec.rfc), !spec.verb.startsWith('X'), spec.verb);
      assert.ok(spec.replies.success.length + spec.replies.intermediate.length > 0, spec.verb);
    }
  });

  test('every reply code a verb lists is in the reply table', () => {
    const missing = Object.values(VERB_SPECS).flatMap((spec) =>
      allReplyCodes(spec)
        .filter((code) => !REPLY_CODES.has(code))
        .map((code) => `${spec.verb} ${code}`),
    );
    assert.deepEqual(missing, []);
  });

  test('every extension keyword a verb names exists and lists the verb', () => {
    for (const spec of Object.values(VERB_SPECS)) {
      if (spec.extension === undefined) continue;
      assert.deepEqual(EXTENSIONS[spec.extension].verbs?.includes(spec.verb), true, spec.verb);
    }
  });

  test('commands outside the RFC 5321 §4.5.1 minimum name their EHLO keyword (LMTP\'s LHLO is no SMTP command)', () => {
    const minimum = ['EHLO', 'HELO', 'MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP', 'QUIT', 'VRFY', 'LHLO'];
    const withoutKeyword = VERBS.filter((verb) => VERB_SPECS[verb].extension === undefined);
    assert.deepEqual([...withoutKeyword].sort(), [...minimum].sort());
  });

  test('the §4.3.2 replies of DATA, including those after the content', () => {
    assert.deepEqual(VERB_SPECS.DATA.replies, { success: [], intermediate: [354], error: [503, 554] });
    assert.deepEqual(VERB_SPECS.DATA.continuationReplies, { success: [250], intermediate: [], error: [552, 554, 451, 452, 450, 550] });
  });

  test('commands that change state end a pipelined group (RFC 2920 §3.1)', () => {
    const anywhere = VERBS.filter((verb) => VERB_SPECS[verb].pipelining === 'anywhere');
    // XFORWARD too: Postfix's own client sends it in one group with MAIL, RCPT and DATA.
    assert.deepEqual([...anywhere].sort(), ['BDAT', 'MAIL', 'RCPT', 'RSET', 'SAML', 'SEND', 'SOML', 'XFORWARD']);
  });

  test('argument rules: DATA, RSET, QUIT and STARTTLS take none; MAIL and RCPT take parameters', () => {
    const forbidden = VERBS.filter((verb) => VERB_SPECS[verb].argumentPresence === 'forbidden');
    assert.deepEqual([...forbidden].sort(), ['DATA', 'QUIT', 'RSET', 'STARTTLS', 'TURN']);
    const withParameters = VERBS.filter((verb) => VERB_SPECS[verb].acceptsParameters);
    assert.deepEqual(withParameters, ['MAIL', 'RCPT']);
  });

  test('deprecated and obsolete verbs say why', () => {
    for (const spec of Object.values(VERB_SPECS)) {
      if (spec.status !== 'current') assert.ok(spec.note, spec.verb);
    }
  });
});

describe('lookupVerb', () => {
  test('is case-insensitive', () => {
    assert.equal(lookupVerb('ehlo')?.verb, 'EHLO');
    assert.equal(lookupVerb('StartTLS')?.verb, 'STARTTLS');
  });

  test('is undefined for unknown verbs', () => {
    assert.equal(lookupVerb('EHOL'), undefined);
    assert.equal(lookupVerb(''), undefined);
  });
});

describe('suggestVerb', () => {
  test('suggests the verb a typo most likely means', () => {
    assert.deepEqual(
      ['EHOL', 'RCTP', 'rcpt', 'QIUT', 'DAAT', 'STARTLS', 'HELLO', 'MIAL'].map(suggestVerb),
      ['EHLO', 'RCPT', undefined, 'QUIT', 'DATA', 'STARTTLS', 'HELO', 'MAIL'],
    );
  });

  test('suggests nothing for words far from every verb', () => {
    assert.deepEqual(['XYZZY', 'X', 'SUBJECT:', 'hello world'].map(suggestVerb), [undefined, undefined, undefined, undefined]);
  });
});

describe('edit distance', () => {
  test('counts a swap of neighbours as one edit', () => {
    assert.deepEqual([editDistance('EHOL', 'EHLO'), editDistance('EHOL', 'HELO'), editDistance('', 'ABC'), editDistance('ABC', 'ABC')], [1, 2, 3, 0]);
  });

  test('equals the whole table computed directly, for short and long words (the rows kept are reused between calls)', () => {
    // Optimal string alignment, every cell kept: what the three rows must give.
    const direct = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    let seed = 11;
    const word = (length: number) => Array.from({ length }, () => 'ABCE'[(seed = (seed * 1103515245 + 12345) % 2147483648) % 4]).join('');
    const pairs: [string, string][] = [['', ''], ['A', ''], ['CA', 'ABC']];
    for (let i = 0; i < 300; i++) pairs.push([word(i % 9), word((i * 7) % 11)]);
    pairs.push([word(40), word(70)], [word(3), word(120)], [word(5), word(2)]);
    assert.deepEqual(pairs.map(([a, b]) => editDistance(a, b)), pairs.map(([a, b]) => direct(a, b)));
  });

  test('closestMatch prefers the earlier of equally close candidates', () => {
    assert.equal(closestMatch('SXML', ['SOML', 'SAML']), 'SOML');
    assert.equal(closestMatch('SXML', ['SAML', 'SOML']), 'SAML');
  });

  test('closestMatch answers a word asked again as the first time, for each list of candidates', () => {
    const verbs = ['EHLO', 'HELO', 'MAIL'];
    const other = ['MAIL', 'HELO'];
    assert.deepEqual(
      ['ehol', 'EHOL', 'ehol', 'XYZZY', 'XYZZY'].map((w) => closestMatch(w, verbs)).concat(['HELP', 'HELP'].map((w) => closestMatch(w, other))),
      ['EHLO', 'EHLO', 'EHLO', undefined, undefined, 'HELO', 'HELO'],
    );
  });
});
