// lintText (the CLI's lint, one session at a time) finds what lintTranscript finds in the whole parse, in the same order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lintText } from '../../../server/src/features/lint/lintText';
import { lintTranscript, type LintOptions } from '../../../server/src/features/lint/lintTranscript';
import { allRules } from '../../../server/src/features/lint/ruleCatalog';
import type { LintContext, NamedFileStatus } from '../../../server/src/features/lint/rule';
import type { RuleSettings } from '../../../server/src/features/lint/ruleSettings';
import { parseTranscript } from '../../../server/src/model';
import { longSession } from '../model/longSessionEdits';
import { multiSessionTranscript } from '../model/transcriptEdits';

const ROOT = join(__dirname, '../../../..');
const SEED = 20261203;

/** As the CLI stats files: `ca.pem` and `message.eml` exist, `outside.eml` lies outside, the rest is missing. */
function readInclude(path: string): NamedFileStatus {
  if (path.endsWith('ca.pem')) return { kind: 'file', size: 30 };
  if (path.endsWith('message.eml')) return { kind: 'file', size: 4000 };
  if (path.endsWith('outside.eml')) return { kind: 'outside', throughLink: false };
  return { kind: 'missing' };
}

const CLI_CONTEXT: LintContext = { env: { PW: 'set' }, readInclude, environment: { name: 'staging', variables: new Map([['host', 'mx.test']]) } };

function same(text: string, options: LintOptions): void {
  assert.deepStrictEqual(lintText(text, options), lintTranscript(parseTranscript(text), options));
}

function smtpFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : smtpFiles(path);
    return name.endsWith('.smtp') ? [path] : [];
  });
}

// Lines the shared generator lacks, for the whole-file checks: DKIM settings, files, secrets, a U+FFFD, suppressions.
const EXTRA_LINES = [
  '@dkim-domain = example.test', '@dkim-selector = s1', '@dkim-key = ./dkim.pem', '@ca = ./ca.pem', '@ca = ./nothing.pem',
  '< ./message.eml', '< ./missing.eml', '< ./outside.eml', '< {{$env PW}}', 'C: BDAT 10 LAST', 'C: BDAT 99999 LAST',
  '@password = hunter2', '@user = {{host}}', 'C: AUTH PLAIN {{$plain u hunter2}}', 'C: {{password}}', 'S: 235 ok', 'S: 535 5.7.8 no',
  'C: body \ufffd', '@big = {{$repeat 9999999 x}}', '@server = mx.test', '@port = 465', '@tls = none', '@tls = starttls',
  '# smtp-lint-disable-next-line reply-missing', '# smtp-lint-disable-next-line no-such-rule variable-unused', '# plain comment',
  '@requires = PIPELINING', 'C: MAIL FROM:<a@x.test>', 'S: 354 go', 'C: DATA', 'C: .',
];

/** A transcript from the shared generator with extra lines put in at random places, its lines ended by LF, CRLF or CR. */
const transcript = fc
  .tuple(multiSessionTranscript, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...EXTRA_LINES)), { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([text, extras, eol]) => {
    const lines = text.split(/\r\n|\n/);
    for (const [at, line] of extras) lines.splice(at % (lines.length + 1), 0, line);
    return lines.join(eol);
  });

const ruleIds = allRules().map((rule) => rule.id);
const settings: fc.Arbitrary<RuleSettings> = fc
  .array(fc.tuple(fc.constantFrom(...ruleIds), fc.constantFrom('off', 'hint', 'info', 'warning', 'error') as fc.Arbitrary<'off' | 'hint' | 'info' | 'warning' | 'error'>), { maxLength: 6 })
  .map((pairs) => Object.fromEntries(pairs));
const context: fc.Arbitrary<LintContext> = fc.constantFrom<LintContext>({}, CLI_CONTEXT, { ...CLI_CONTEXT, invalidUtf8Lines: [0, 3, 40] });

describe('lintText', () => {
  const files = ['examples', 'test'].flatMap((dir) => smtpFiles(join(ROOT, dir)));

  test('the repository has .smtp files to compare on', () => assert.ok(files.length >= 80, `${files.length} files`));

  test('every .smtp file of the repository: the same diagnostics as lintTranscript, with and without the CLI context and settings', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      same(text, {});
      same(text, { context: CLI_CONTEXT });
      same(text, { context: CLI_CONTEXT, rules: { 'variable-unused': 'error', 'reply-missing': 'off', 'missing-date-header': 'hint' } });
    }
  });

  test('random transcripts with random rule settings and contexts: the same diagnostics as lintTranscript', () => {
    fc.assert(
      fc.property(transcript, settings, context, (text, rules, ctx) => same(text, { rules, context: ctx })),
      { seed: SEED, numRuns: 3000 },
    );
  });

  test('long sessions (hundreds of lines, past the parser\'s checkpoints): the same diagnostics as lintTranscript', () => {
    fc.assert(
      fc.property(longSession, context, (text, ctx) => same(text, { context: ctx })),
      { seed: SEED, numRuns: 100 },
    );
  });

  test('a file with no `###` line, one that is only `###` lines, an empty one and a binary one', () => {
    for (const text of ['S: 220 a\nC: NOOP {{x}}\nS: 250 ok', '###\n###\n###', '', '\u0000'.repeat(20)]) same(text, { context: CLI_CONTEXT });
  });
});

/** The diagnostics as `line:character code severity` (1-based lines), after checking lintTranscript agrees. */
function found(text: string, options: LintOptions = {}): string[] {
  const diagnostics = lintText(text, options);
  assert.deepStrictEqual(diagnostics, lintTranscript(parseTranscript(text), options));
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${d.code} ${d.severity}`);
}

describe('lintText across session boundaries', () => {
  test('a suppression comment right before `###` targets the `###` line, not the first line of the next session', () => {
    const text = [
      '### one', 'S: 220 a', '# smtp-lint-disable-next-line no-such-rule', '### two', 'S: 220 {{y}}',
      '# smtp-lint-disable-next-line', '# a comment between', 'C: NOOP {{z}}', 'S: 250 ok',
    ].join('\n');
    // Line 8 (an undefined variable) is silenced by the comment two lines above it.
    assert.deepStrictEqual(found(text), ['3:30 suppression-unknown-rule warning', '5:9 variable-undefined error']);
  });

  test('file-level directives serve every session; a session\'s definitions serve only that session', () => {
    const text = ['@user = alice', '### one', '@local = a', 'S: 220 {{user}} {{later}}', '### two', '@later = b', 'S: 220 {{local}}'].join('\n');
    assert.deepStrictEqual(found(text), ['4:18 variable-undefined error', '7:9 variable-undefined error']);
  });

  test('a definition used in any session is used; unused ones are reported at the head and in a later session', () => {
    const text = ['@unused = 1', '@user = alice', '### one', 'S: 220 ok', '### two', 'S: 220 {{user}}', '### three', '@dead = 1', 'S: 220 ok'].join('\n');
    assert.deepStrictEqual(found(text), ['1:1 variable-unused hint', '8:1 variable-unused hint']);
  });

  test('a file-level DKIM setting is judged at a message in a later session', () => {
    const message = ['S: 220 a', 'C: EHLO x', 'S: 250 ok', 'C: MAIL FROM:<a@example.test>', 'S: 250 ok', 'C: RCPT TO:<b@example.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Date: Thu, 3 Dec 2026 10:00:00 +0000', 'C: From: <a@example.test>', 'C:', 'C: hi', 'C: .', 'S: 250 ok'];
    const text = ['@dkim-domain = example.test', '### no message', 'S: 220 a', '### message', ...message].join('\n');
    assert.deepStrictEqual(found(text), ['1:0 setting-value error']);
  });

  test('included files and `@ca` in several sessions, with file access', () => {
    const text = ['@ca = ./ca.pem', '### one', 'S: 220 a', 'C: DATA', 'S: 354 go', '< ./gone.eml', 'C: .', 'S: 250 ok', '### two', '@ca = ./other.pem', 'S: 220 a'].join('\n');
    assert.deepStrictEqual(found(text, { context: { readInclude } }), ['4:3 data-without-recipient error', '6:2 include-missing error', '10:6 setting-value error']);
  });

  test('a secret defined in a later session and used only in an AUTH expected to fail there: a negative test (hint)', () => {
    const text = ['### one', 'S: 220 a', 'C: EHLO x', 'S: 250 AUTH PLAIN', 'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'S: 535 5.7.8 no', '### two', '@user = u', '@password = hunter2', 'S: 220 ok'].join('\n');
    assert.deepStrictEqual(found(text).filter((d) => d.includes('literal')), ['9:12 auth-literal-password hint']);
    // Used outside that AUTH too: a literal secret (a warning).
    assert.deepStrictEqual(found(`${text}\nC: NOOP {{password}}\nS: 250 ok`).filter((d) => d.includes('literal')), ['9:12 auth-literal-password warning']);
  });
});
