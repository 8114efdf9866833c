import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterKeyword, parameterValue, readPathArgument } from '../../../server/src/dialogue';

/** The framing in one line each: `prefix|blanks|path|junk|parameters`, `-` where absent. */
const framed = (verb: 'MAIL' | 'RCPT', argument: string): string => {
  const read = readPathArgument(verb, argument);
  const path = read.path ? `${read.path.text}${read.path.closed ? '' : ' (open)'}${read.path.bracketed ? '' : ' (bare)'} inner ${read.path.inner}@${read.path.innerStart}` : '-';
  const junk = read.junkAfterPath ? argument.slice(read.junkAfterPath.start, read.junkAfterPath.end) : '-';
  const parameters = read.parameters.map((p) => `${p.text}@${p.start}-${p.end}`).join(' ') || '-';
  return `${read.keyword}:${read.prefixEnd ?? '-'}|${read.spacesAfterColon}|${path}|${junk}|${parameters}`;
};

describe('MAIL and RCPT arguments framed (RFC 5321 §4.1.1.2-3, §4.1.2)', () => {
  test('keyword in any case, the path, the parameters with their offsets', () => {
    assert.deepEqual(
      [
        framed('MAIL', 'FROM:<a@example.org> SIZE=100 BODY=8BITMIME'),
        framed('MAIL', 'from:<> size=1'),
        framed('RCPT', 'TO:<b@example.org> NOTIFY=NEVER'),
        framed('RCPT', 'To:<Postmaster>'),
      ],
      [
        'FROM:5|0|<a@example.org> inner a@example.org@6|-|SIZE=100@21-29 BODY=8BITMIME@30-43',
        'FROM:5|0|<> inner @6|-|size=1@8-14',
        'TO:3|0|<b@example.org> inner b@example.org@4|-|NOTIFY=NEVER@19-31',
        'TO:3|0|<Postmaster> inner Postmaster@4|-|-',
      ],
    );
  });

  test('a quoted local part may hold `>` and spaces; a backslash quotes the next character', () => {
    assert.deepEqual(
      [framed('MAIL', 'FROM:<"a>b c"@example.org> SIZE=1'), framed('MAIL', 'FROM:<"a\\"> x"@example.org>')],
      ['FROM:5|0|<"a>b c"@example.org> inner "a>b c"@example.org@6|-|SIZE=1@27-33', 'FROM:5|0|<"a\\"> x"@example.org> inner "a\\"> x"@example.org@6|-|-'],
    );
  });

  test('blanks (spaces, tabs) after the colon are counted; parameters are separated by blanks, nothing else', () => {
    assert.deepEqual(
      [framed('MAIL', 'FROM: <a@x>'), framed('MAIL', 'FROM:\t<a@x>'), framed('MAIL', 'FROM:<a@x>\tSIZE=1  BODY=7BIT'), framed('MAIL', 'FROM:<a@x> SIZE=1\u00a0BODY=7BIT')],
      [
        'FROM:5|1|<a@x> inner a@x@7|-|-',
        'FROM:5|1|<a@x> inner a@x@7|-|-',
        'FROM:5|0|<a@x> inner a@x@6|-|SIZE=1@11-17 BODY=7BIT@19-28',
        'FROM:5|0|<a@x> inner a@x@6|-|SIZE=1\u00a0BODY=7BIT@11-27',
      ],
    );
  });

  test('what is not a well-formed path: no keyword, the wrong one, no path, a bare path, junk after it, a `<` never closed', () => {
    assert.deepEqual(
      [
        framed('MAIL', '<a@x>'),
        framed('RCPT', 'FROM:<a@x>'),
        framed('MAIL', 'FROM:'),
        framed('MAIL', 'FROM:a@x SIZE=1'),
        framed('MAIL', 'FROM:<a@x>junk SIZE=1'),
        framed('MAIL', 'FROM:<a@x SIZE=1'),
      ],
      [
        'FROM:-|0|-|-|-',
        'TO:-|0|-|-|-',
        'FROM:5|0|-|-|-',
        'FROM:5|0|a@x (bare) inner a@x@5|-|SIZE=1@9-15',
        'FROM:5|0|<a@x> inner a@x@6|junk|SIZE=1@15-21',
        'FROM:5|0|<a@x SIZE=1 (open) inner a@x SIZE=1@6|-|-',
      ],
    );
  });

  test("a parameter's keyword and value: the value after the first `=`, none without one", () => {
    const parameters = readPathArgument('MAIL', 'FROM:<> SIZE=100 SMTPUTF8 ENVID=a=b X=').parameters;
    assert.deepEqual(
      parameters.map((p) => [parameterKeyword(p), parameterValue(p)]),
      [
        ['SIZE', '100'],
        ['SMTPUTF8', undefined],
        ['ENVID', 'a=b'],
        ['X', ''],
      ],
    );
  });
});
