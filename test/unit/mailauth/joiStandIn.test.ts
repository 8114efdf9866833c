// The mailauth vendor bundle's stand-in for joi applies mailauth's one schema, `string().base64({ paddingRequired:
// false })` on a DKIM key record's `p=`, as joi itself does: compared with joi (mailauth's unbundled dependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import * as standIn from '../../../server/src/mailauth/joiStandIn';

const joi = createRequire(require.resolve('mailauth'))('joi') as { string(): { base64(options: object): { validate(value: unknown): { error?: Error } } } };
const schema = joi.string().base64({ paddingRequired: false });
const standInSchema = standIn.string().base64({ paddingRequired: false });

const CASES: unknown[] = [
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu',
  'YWJj',
  'YWI=',
  'YWI',
  'YQ==',
  'YQ',
  'YQ=',
  'Y',
  'YWJjZA===',
  'YW Jj',
  ' YWJj',
  'YWJj\n',
  'YW-_',
  'YW+/',
  '',
  '=',
  '==',
  'é',
  42,
  null,
  undefined,
];

test('valid and invalid as joi says, for every sample', () => {
  const verdicts = (validate: (value: unknown) => { error?: Error }) => CASES.map((value) => [value, validate(value).error === undefined]);
  assert.deepEqual(verdicts((v) => standInSchema.validate(v)), verdicts((v) => schema.validate(v)));
});

test('random base64 of any length, cut anywhere, with padding or without: the same verdicts', () => {
  for (let n = 0; n < 300; n++) {
    const encoded = randomBytes(n % 40).toString('base64');
    for (const sample of [encoded, encoded.replace(/=+$/, ''), encoded.slice(0, (n * 7) % (encoded.length + 1)), `${encoded}=`]) {
      assert.equal(standInSchema.validate(sample).error === undefined, schema.validate(sample).error === undefined, JSON.stringify(sample));
    }
  }
});

test('any other use of joi fails at once, saying it is not part of this build', () => {
  assert.throws(() => standIn.string().domain(), /not part of this build/);
  assert.throws(() => standIn.string().base64({ paddingRequired: true }), /not part of this build/);
});
