import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolRuleGroups } from '../../../server/src/features/lint/protocol';
import { brief } from './lintHarness';

const ROOT = join(__dirname, '../../../..');
const EXAMPLES = join(ROOT, 'examples');
/** Sessions recorded from Postfix, Exim, aiosmtpd and Nodemailer's smtp-server. */
const CAPTURED = join(ROOT, 'test/fixtures/captured');
const PROTOCOL_RULES = protocolRuleGroups.flatMap((group) => group.rules.map((rule) => rule.id));

const transcripts = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.smtp')) : []);

describe('examples lint without errors', () => {
  for (const name of transcripts(EXAMPLES)) {
    test(name, () => {
      const errors = brief(readFileSync(join(EXAMPLES, name), 'utf8')).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
    });
  }

  test('the classic transcript: no error; the syntax warnings about `FROM: <...>` and its message without Date:', () => {
    const found = brief(readFileSync(join(EXAMPLES, 'classic.smtp'), 'utf8')).filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(found, [
      { line: 4, code: 'path-space-after-colon', severity: 'warning' },
      { line: 6, code: 'path-space-after-colon', severity: 'warning' },
      { line: 10, code: 'missing-date-header', severity: 'warning' },
    ]);
  });
});

describe('sessions captured from real servers: no error, no protocol warning', () => {
  for (const name of transcripts(CAPTURED)) {
    test(name, () => {
      const loud = brief(readFileSync(join(CAPTURED, name), 'utf8')).filter(
        (d) => d.severity === 'error' || (d.severity === 'warning' && PROTOCOL_RULES.includes(d.code)),
      );
      assert.deepEqual(loud, []);
    });
  }
});
