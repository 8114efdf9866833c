import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENHANCED_STATUS_CODES,
  ENHANCED_SUBJECTS,
  REPLY_CODES,
  describeEnhancedCode,
  lookupEnhancedCode,
  parseEnhancedCode,
} from '../../../server/src/knowledge';

describe('enhanced status code table', () => {
  test('every entry has a known subject, a detail and a title, and appears once', () => {
    const keys = ENHANCED_STATUS_CODES.map((spec) => `${spec.subject}.${spec.detail}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const spec of ENHANCED_STATUS_CODES) {
      assert.ok(ENHANCED_SUBJECTS.some((subject) => subject.subject === spec.subject), `X.${spec.subject}.${spec.detail}`);
      assert.ok(Number.isInteger(spec.detail) && spec.detail >= 0 && spec.detail <= 999);
      assert.ok(spec.title.length > 0 && spec.description.length > 0, `X.${spec.subject}.${spec.detail}`);
    }
  });

  test('covers the registry without gaps: X.0.0, X.1.0-10, X.2.0-4, X.3.0-6, X.4.0-7, X.5.0-6, X.6.0-10, X.7.0-30', () => {
    const last: Record<number, number> = { 0: 0, 1: 10, 2: 4, 3: 6, 4: 7, 5: 6, 6: 10, 7: 30 };
    const expected = Object.entries(last).flatMap(([subject, max]) =>
      Array.from({ length: max + 1 }, (_, detail) => `${subject}.${detail}`),
    );
    assert.deepEqual(ENHANCED_STATUS_CODES.map((spec) => `${spec.subject}.${spec.detail}`).sort(), expected.sort());
  });

  test('associated basic codes have three digits from 2 to 5', () => {
    for (const spec of ENHANCED_STATUS_CODES) {
      for (const code of spec.basicCodes ?? []) assert.match(String(code), /^[2-5][0-9]{2}$/);
    }
  });

  test('the AUTH codes of RFC 4954 §6 point at reply codes in the reply table', () => {
    assert.deepEqual([lookupEnhancedCode(7, 8)?.basicCodes, lookupEnhancedCode(7, 9)?.basicCodes], [[535, 554], [534]]);
    assert.ok([535, 534].every((code) => REPLY_CODES.has(code)));
  });

  test('marks the deprecated X.6.10', () => {
    assert.equal(typeof lookupEnhancedCode(6, 10)?.deprecated, 'string');
  });
});

describe('parseEnhancedCode', () => {
  test('reads class, subject and detail', () => {
    assert.deepEqual(parseEnhancedCode('5.1.1'), { class: 5, subject: 1, detail: 1 });
    assert.deepEqual(parseEnhancedCode('4.7.30'), { class: 4, subject: 7, detail: 30 });
    assert.deepEqual(parseEnhancedCode('2.0.0'), { class: 2, subject: 0, detail: 0 });
  });

  test('rejects what RFC 3463 §2 does not allow', () => {
    assert.deepEqual(['3.1.1', '5.01.1', '5.1.1000', '5.1', '5.1.x', ' 5.1.1', '5.1.1.', ''].map(parseEnhancedCode), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('describeEnhancedCode', () => {
  test('describes class, subject and detail', () => {
    const description = describeEnhancedCode('5.1.1');
    assert.deepEqual(
      [description?.class.title, description?.subject?.title, description?.detail?.title, description?.detail?.spec],
      ['Permanent Failure', 'Addressing Status', 'Bad destination mailbox address', { rfc: 3463, section: '3.2' }],
    );
  });

  test('the same detail under another class', () => {
    assert.deepEqual([describeEnhancedCode('4.7.1')?.class.title, describeEnhancedCode('4.7.1')?.detail?.title], [
      'Persistent Transient Failure',
      'Delivery not authorized, message refused',
    ]);
  });

  test('an unregistered detail still has its class and subject', () => {
    const description = describeEnhancedCode('2.1.99');
    assert.deepEqual([description?.class.title, description?.subject?.title, description?.detail], ['Success', 'Addressing Status', undefined]);
  });

  test('is undefined for text that is not a code', () => {
    assert.equal(describeEnhancedCode('5.1.x'), undefined);
  });
});
