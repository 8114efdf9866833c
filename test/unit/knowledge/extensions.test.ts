import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXTENSIONS,
  EXTENSION_KEYWORDS,
  MAIL_PARAMETERS,
  VERB_SPECS,
  isAtext,
  isAtom,
  isXtext,
  lookupExtension,
  lookupMailParameter,
  missingExtensions,
  parametersOf,
} from '../../../server/src/knowledge';

describe('extension table', () => {
  test('has one entry per keyword, under its own name', () => {
    assert.deepEqual(Object.keys(EXTENSIONS).sort(), [...EXTENSION_KEYWORDS].sort());
    for (const keyword of EXTENSION_KEYWORDS) {
      assert.equal(EXTENSIONS[keyword].keyword, keyword);
      assert.ok(EXTENSIONS[keyword].summary.length > 0, keyword);
    }
  });

  test('verbs an extension adds are in the verb table', () => {
    const verbs = Object.values(EXTENSIONS).flatMap((spec) => spec.verbs ?? []);
    assert.deepEqual(verbs.filter((verb) => !(verb in VERB_SPECS)), []);
  });

  test('keywords are looked up case-insensitively (RFC 5321 §4.1.1.1)', () => {
    assert.equal(lookupExtension('starttls')?.spec, EXTENSIONS.STARTTLS.spec);
    assert.equal(lookupExtension('X-UNKNOWN'), undefined);
  });

  test('the verbs of the brief need the keywords their RFCs define', () => {
    assert.deepEqual(
      (['STARTTLS', 'AUTH', 'BDAT', 'ETRN'] as const).map((verb) => VERB_SPECS[verb].extension),
      ['STARTTLS', 'AUTH', 'CHUNKING', 'ETRN'],
    );
  });
});

describe('MAIL and RCPT parameters', () => {
  test('every parameter names extensions that exist', () => {
    for (const spec of MAIL_PARAMETERS) {
      const keywords = [spec.extension, ...(spec.alsoDefinedBy ?? []), ...Object.values(spec.valueExtensions ?? {}).flat()];
      assert.deepEqual(keywords.filter((keyword) => !(keyword in EXTENSIONS)), [], spec.name);
    }
  });

  test('BODY: the value decides the keyword (RFC 6152 §2, RFC 3030 §3)', () => {
    const body = lookupMailParameter('MAIL', 'BODY')!;
    const missing = (value: string | undefined, ...advertised: string[]) => missingExtensions(body, value, (k) => advertised.includes(k));
    assert.deepEqual(missing('BINARYMIME', 'BINARYMIME', 'CHUNKING'), []);
    assert.deepEqual(missing('binarymime', '8BITMIME'), ['BINARYMIME', 'CHUNKING']);
    assert.deepEqual(missing('BINARYMIME', 'BINARYMIME'), ['CHUNKING']);
    assert.deepEqual(missing('8BITMIME', 'BINARYMIME', 'CHUNKING'), ['8BITMIME']);
    assert.deepEqual(missing('8BITMIME', '8BITMIME'), []);
    assert.deepEqual(missing('7BIT', 'BINARYMIME'), []);
    assert.deepEqual(missing('7BIT'), ['8BITMIME']);
  });

  test('lists each name once per command', () => {
    const keys = MAIL_PARAMETERS.map((spec) => `${spec.command} ${spec.name}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  test('splits parameters between MAIL and RCPT', () => {
    assert.deepEqual(parametersOf('RCPT').map((spec) => spec.name), ['NOTIFY', 'ORCPT', 'RRVS']);
    assert.equal(lookupMailParameter('MAIL', 'body')?.extension, '8BITMIME');
    assert.equal(lookupMailParameter('RCPT', 'SIZE'), undefined);
  });

  test('offered values pass their own check', () => {
    for (const spec of MAIL_PARAMETERS) {
      for (const value of spec.values ?? []) assert.equal(spec.validate(value), undefined, `${spec.name}=${value}`);
    }
  });
});

function problems(command: 'MAIL' | 'RCPT', name: string, values: readonly (string | undefined)[]): (string | undefined)[] {
  const spec = lookupMailParameter(command, name);
  assert.ok(spec, name);
  return values.map((value) => spec.validate(value));
}

function accepted(command: 'MAIL' | 'RCPT', name: string, values: readonly (string | undefined)[]): void {
  assert.deepEqual(problems(command, name, values), values.map(() => undefined), name);
}

function rejected(command: 'MAIL' | 'RCPT', name: string, values: readonly (string | undefined)[]): void {
  const found = problems(command, name, values);
  assert.deepEqual(found.map((problem, i) => (problem === undefined ? values[i] : 'rejected')), values.map(() => 'rejected'), name);
}

describe('parameter values', () => {
  test('SIZE', () => {
    accepted('MAIL', 'SIZE', ['0', '1048576', '12345678901234567890']);
    rejected('MAIL', 'SIZE', ['abc', '-1', '1.5', '', undefined, '123456789012345678901']);
    assert.equal(problems('MAIL', 'SIZE', ['abc'])[0], 'SIZE must be a number of octets, not "abc".');
  });

  test('BODY', () => {
    accepted('MAIL', 'BODY', ['7BIT', '8BITMIME', 'binarymime']);
    rejected('MAIL', 'BODY', ['8BIT', 'BINARY', undefined]);
  });

  test('parameters without a value', () => {
    accepted('MAIL', 'SMTPUTF8', [undefined]);
    accepted('MAIL', 'REQUIRETLS', [undefined]);
    rejected('MAIL', 'SMTPUTF8', ['yes', '']);
    assert.equal(problems('MAIL', 'REQUIRETLS', ['1'])[0], 'REQUIRETLS takes no value.');
  });

  test('RET', () => {
    accepted('MAIL', 'RET', ['FULL', 'HDRS', 'hdrs']);
    rejected('MAIL', 'RET', ['BOTH', 'HEADERS', undefined]);
  });

  test('ENVID', () => {
    accepted('MAIL', 'ENVID', ['QQ314159', 'id+2Bplus', 'x'.repeat(100)]);
    rejected('MAIL', 'ENVID', ['has=equals', 'bad+ZZ', 'x'.repeat(101), undefined]);
  });

  test('NOTIFY', () => {
    accepted('RCPT', 'NOTIFY', ['NEVER', 'SUCCESS', 'FAILURE,DELAY', 'success,failure,delay']);
    rejected('RCPT', 'NOTIFY', ['NEVER,SUCCESS', 'ALWAYS', 'SUCCESS,SUCCESS', 'SUCCESS,', undefined]);
    assert.equal(problems('RCPT', 'NOTIFY', ['NEVER,SUCCESS'])[0], 'NOTIFY=NEVER cannot be combined with other values.');
  });

  test('ORCPT', () => {
    accepted('RCPT', 'ORCPT', ['rfc822;user@example.com', 'rfc822;e+3Dmc2@example.com', 'utf-8;user@example.com']);
    rejected('RCPT', 'ORCPT', ['user@example.com', 'rfc822;', ';user@example.com', 'rfc822;a b', 'rfc822;' + 'a'.repeat(494)]);
    assert.equal(problems('RCPT', 'ORCPT', ['user@example.com'])[0], 'ORCPT must be addr-type;address, e.g. ORCPT=rfc822;user@example.com.');
  });

  test('AUTH (RFC 4954 §5)', () => {
    accepted('MAIL', 'AUTH', ['<>', 'e+3Dmc2@example.com', 'john@example.org']);
    rejected('MAIL', 'AUTH', ['e=mc2@example.com', 'nobody', '', undefined]);
  });

  test('MT-PRIORITY', () => {
    accepted('MAIL', 'MT-PRIORITY', ['0', '9', '-9', '+3']);
    rejected('MAIL', 'MT-PRIORITY', ['12', '-10', 'high', '', undefined]);
  });

  test('BY', () => {
    accepted('MAIL', 'BY', ['120;R', '600;NT', '-5;N', '+999999999;r']);
    rejected('MAIL', 'BY', ['120', '120;X', ';R', '1234567890;R', undefined]);
  });

  test('HOLDFOR and HOLDUNTIL', () => {
    accepted('MAIL', 'HOLDFOR', ['0', '3600']);
    rejected('MAIL', 'HOLDFOR', ['1h', '-1', undefined]);
    accepted('MAIL', 'HOLDUNTIL', ['2030-01-31T12:00:00Z', '2030-01-31T12:00:00.25+05:30']);
    rejected('MAIL', 'HOLDUNTIL', ['2030-13-01T00:00:00Z', '2030-01-31', '2030-01-31 12:00:00Z', undefined]);
  });

  test('RRVS', () => {
    accepted('RCPT', 'RRVS', ['2014-04-03T23:01:00Z', '2014-04-03T23:01:00Z;C', '2014-04-03T23:01:00-07:00;R']);
    rejected('RCPT', 'RRVS', ['yesterday', '2014-04-03T23:01:00Z;X', '2014-04-03T23:01:00Z;R;C', undefined]);
  });
});

describe('xtext', () => {
  test('allows printable ASCII except "+", "=" and space, and +HH escapes', () => {
    assert.deepEqual(['abc', 'a+2Bb', 'a+2bb', '', 'a=b', 'a b', 'a+', 'a+G0', 'é'].map(isXtext), [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('atext', () => {
  test('letters, digits and the RFC 5322 symbols; a non-ASCII character only where UTF-8 is allowed', () => {
    const codes = [...'aZ09!#~`{'].map((c) => c.charCodeAt(0));
    assert.deepEqual(codes.map((c) => isAtext(c, false)), [true, true, true, true, true, true, true, true, true]);
    assert.deepEqual([...' .@"(),:;<>[\\]'].map((c) => isAtext(c.charCodeAt(0), true)), [false, false, false, false, false, false, false, false, false, false, false, false, false, false]);
    assert.deepEqual([isAtext(0xe9, false), isAtext(0xe9, true)], [false, true]);
  });

  test('an atom is one or more ASCII atext characters', () => {
    assert.deepEqual(['rfc822', "x-o'neil", '', 'a.b', 'a b', 'é'].map(isAtom), [true, true, false, false, false, false]);
  });
});

