// Names every JavaScript object inherits (`constructor`, `toString`, `__proto__`, `hasOwnProperty`) written wherever a
// transcript names something: a built-in, a variable, a setting and its value, a header field, an Authentication-
// Results method, an AUTH mechanism. The tables those names are looked up in are plain objects; an inherited method
// taken for an entry crashed `smtp-transcript lint` ("internal error: i.size is not a function") and completion.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exportSession } from '../../../server/src/export';
import { parseTranscript } from '../../../server/src/model';
import { resolveText } from '../../../server/src/model/variables';
import { lines } from '../../support/text';
import { checkAllFeatures } from '../features/featureInvariants';
import { brief, lint } from './lintHarness';

const INHERITED = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

const transcript = (name: string): string =>
  lines(
    `@${name} = x`,
    `@tls = ${name}`,
    `@timeout = 5 ${name}`,
    `@dkim-algorithm = ${name}`,
    'S: 220 mx.test ESMTP',
    `C: EHLO {{${name}}}`,
    'S: 250-mx.test',
    `S: 250 AUTH PLAIN ${name}`,
    `C: AUTH PLAIN {{$plain {{${name}}} {{$${name} a}}}}`,
    'S: 235 ok',
    'C: MAIL FROM:<a@b.test>',
    'S: 250 ok',
    'C: RCPT TO:<c@d.test>',
    'S: 250 ok',
    'C: DATA',
    'S: 354 go',
    'C: From: <a@b.test>',
    'C: Date: Mon, 7 Dec 2026 10:00:00 +0000',
    `C: Authentication-Results: mx.test; ${name}=pass`,
    `C: ${name}: {{$date}}`,
    'C:',
    'C: hi',
    'C: .',
    'S: 250 ok',
    'C: QUIT',
    'S: 221 bye',
  );

describe('names every object inherits, written in a transcript', () => {
  for (const name of INHERITED) {
    test(`\`${name}\`: lint, every editor feature at every position, and the exports read it as the name it is`, () => {
      const text = transcript(name);
      const found = lint(text);
      // An unknown built-in, a refused setting value with no inherited method for a suggestion; no file setting.
      assert.deepEqual(
        brief(text, ['builtin-unknown', 'setting-value']).map((d) => `${d.line} ${d.code}`),
        ['2 setting-value', '3 setting-value', '4 setting-value', '4 setting-value', '9 builtin-unknown'],
      );
      for (const diagnostic of found) assert.doesNotMatch(diagnostic.message, /function|native code|\[object/, diagnostic.message);
      checkAllFeatures(text, { everyOffset: true });
      const parsed = parseTranscript(text);
      for (const target of ['swaks', 'openssl', 'python', 'nodemailer'] as const) {
        assert.doesNotMatch(exportSession(parsed, 0, target, { server: '127.0.0.1:2525' }), /native code|\[object/);
      }
    });
  }

  test('replay resolves `{{$constructor}}` as an unknown built-in, not a crash', () => {
    const resolved = resolveText('{{$constructor x}} {{$toString}}', { definitions: new Map(), env: {} });
    assert.deepEqual(resolved.errors.map((e) => e.split(' (')[0]), ['unknown built-in `$constructor`', 'unknown built-in `$toString`']);
  });
});
