import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { PARSE_RULES } from '../../../server/src/features/lint/parseRules';
import { brief, diagnostic, lint } from './lintHarness';
import { lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250 mx.example.com'];
const RCPT_FIRST = [...GREET, 'C: RCPT TO:<b@example.com>', 'S: 250 Ok'];

describe('lintTranscript', () => {
  test('a diagnostic carries the rule id, severity, message, source and RFC section', () => {
    assert.deepEqual(diagnostic(lines(...RCPT_FIRST), 'rcpt-before-mail'), {
      range: { start: { line: 3, character: 3 }, end: { line: 3, character: 26 } },
      severity: 'error',
      code: 'rcpt-before-mail',
      message:
        'RCPT TO without an accepted MAIL FROM: no mail transaction is open, so the server must answer 503 (RFC 5321 §3.3). Send MAIL FROM first, or expect `503`.',
      source: 'smtp',
      // Both things the message proposes, as quick fixes.
      fix: [
        {
          title: 'Insert MAIL FROM:<sender@example.com> before this RCPT',
          edits: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: 'C: MAIL FROM:<sender@example.com>\nS: 250 *\n' }],
        },
        {
          title: 'Expect the refusal: S: 503 5.5.1 *',
          edits: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 9 } }, newText: 'S: 503 5.5.1 *' }],
        },
      ],
      rfc: { rfc: 5321, section: '3.3' },
    });
  });

  test('parse problems come first-class, sorted with the rule findings by position', () => {
    const text = lines(...GREET, '250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok');
    assert.deepEqual(
      brief(text).filter((d) => d.code !== 'reply-missing'),
      [
        { line: 4, code: 'unknown-line', severity: 'error' },
        { line: 5, code: 'rcpt-before-mail', severity: 'error' },
      ],
    );
  });

  test('settings change a rule\'s severity or turn it off', () => {
    const text = lines(...RCPT_FIRST);
    assert.deepEqual(brief(text, ['rcpt-before-mail'], { rules: { 'rcpt-before-mail': 'warning' } }), [
      { line: 4, code: 'rcpt-before-mail', severity: 'warning' },
    ]);
    assert.deepEqual(brief(text, ['rcpt-before-mail'], { rules: { 'rcpt-before-mail': 'off' } }), []);
  });

  test('a negative test stays a hint even when its rule is raised', () => {
    const text = lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 503 5.5.1 need MAIL');
    assert.deepEqual(brief(text, ['rcpt-before-mail'], { rules: { 'rcpt-before-mail': 'error' } }), [
      { line: 4, code: 'rcpt-before-mail', severity: 'hint' },
    ]);
  });

  test('parse errors cannot be turned off or suppressed; parse warnings can', () => {
    const broken = lines('# smtp-lint-disable-next-line', '250 ok');
    assert.deepEqual(brief(broken, ['unknown-line'], { rules: { 'unknown-line': 'off' } }), [{ line: 2, code: 'unknown-line', severity: 'error' }]);
    const noReply = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'C: Hi', 'C: .', 'S: 250 Ok');
    assert.deepEqual(brief(noReply, ['data-reply-missing']), [{ line: 8, code: 'data-reply-missing', severity: 'warning' }]);
    assert.deepEqual(brief(noReply, ['data-reply-missing'], { rules: { 'data-reply-missing': 'off' } }), []);
  });
});

describe('messages quote a pathological line in part', () => {
  test('a megabyte-long command with no reply: reply-missing quotes its first 60 characters', () => {
    const long = 'X'.repeat(1 << 20);
    const messages = lint(lines(...GREET, `C: ${long}`)).filter((d) => d.code === 'reply-missing').map((d) => d.message);
    assert.deepEqual(messages, [`\`${'X'.repeat(60)}…\` has no expected reply: write the \`S:\` line the server answers with (e.g. \`S: 250 ...\`), so replay can check it.`]);
  });
});

describe('suppression comments', () => {
  test('the named rule is silenced on the next line only', () => {
    // RSET between: lint reads an accepted RCPT as opening the transaction the transcript assumes (one slip, one finding).
    const text = lines(...GREET, '# smtp-lint-disable-next-line rcpt-before-mail', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: RSET', 'S: 250 Ok', 'C: RCPT TO:<c@example.com>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ['rcpt-before-mail']), [{ line: 9, code: 'rcpt-before-mail', severity: 'error' }]);
  });
  test('other rules on that line still report', () => {
    const text = lines(...GREET, '# smtp-lint-disable-next-line mail-before-helo', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ['rcpt-before-mail']), [{ line: 5, code: 'rcpt-before-mail', severity: 'error' }]);
  });
  test('no id silences every rule; several ids and stacked comments combine', () => {
    const line = ['C: RCPT TO:<b@example.com> NOTIFY=NEVER', 'S: 250 Ok'];
    const ehlo = ['S: 220 mx', 'C: EHLO client.example.com', 'S: 250-mx', 'S: 250 SIZE'];
    const mine = ['rcpt-before-mail', 'extension-not-advertised'];
    assert.deepEqual(brief(lines(...ehlo, ...line), mine).length, 2);
    assert.deepEqual(brief(lines(...ehlo, '# smtp-lint-disable-next-line', ...line), mine), []);
    assert.deepEqual(brief(lines(...ehlo, '# smtp-lint-disable-next-line rcpt-before-mail, extension-not-advertised', ...line), mine), []);
    assert.deepEqual(
      brief(lines(...ehlo, '# smtp-lint-disable-next-line rcpt-before-mail', '# smtp-lint-disable-next-line extension-not-advertised', ...line), mine),
      [],
    );
  });
  test('an unknown id is reported where it is written', () => {
    const text = lines(...GREET, '# smtp-lint-disable-next-line rcpt-before-mial', 'C: NOOP', 'S: 250 Ok');
    const d = diagnostic(text, 'suppression-unknown-rule');
    assert.deepEqual([d.severity, d.range], ['warning', { start: { line: 3, character: 30 }, end: { line: 3, character: 46 } }]);
    assert.deepEqual(brief(lines(...GREET, '# smtp-lint-disable-next-line rcpt-before-mail', 'C: NOOP', 'S: 250 Ok'), ['suppression-unknown-rule']), []);
  });
  test('a parse error\'s id silences nothing, and says so where it is written', () => {
    const text = lines(...GREET, '# smtp-lint-disable-next-line reply-code-expected', 'S: abc');
    const d = diagnostic(text, 'suppression-unknown-rule');
    assert.deepEqual([d.severity, d.range, d.message], [
      'warning',
      { start: { line: 3, character: 30 }, end: { line: 3, character: 49 } },
      '`reply-code-expected` is a parse error: the line cannot be read as written, and no comment silences that. Fix the line instead.',
    ]);
    assert.ok(lint(text).some((x) => x.code === 'reply-code-expected'), 'the parse error is still reported');
  });
});

describe('every rule group', () => {
  test('a transcript without problems lints clean', () => {
    const text = lines(
      '@user = alice',
      '@password = {{$env SMTP_PASSWORD}}',
      '### submit',
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.com',
      'S: 250-mx.example.com',
      'S: 250-PIPELINING',
      'S: 250-STARTTLS',
      'S: 250 8BITMIME',
      'C: STARTTLS',
      'S: 220 2.0.0 Ready',
      'C: EHLO client.example.com',
      'S: 250-mx.example.com',
      'S: 250-PIPELINING',
      'S: 250-AUTH PLAIN LOGIN',
      'S: 250 8BITMIME',
      'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
      'S: 235 2.7.0 Authentication successful',
      'C: MAIL FROM:<alice@example.org> BODY=8BITMIME',
      'C: RCPT TO:<bob@example.com>',
      'C: DATA',
      'S: 250 2.1.0 Ok',
      'S: 250 2.1.5 Ok',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      'C: From: <alice@example.org>',
      'C: To: <bob@example.com>',
      'C: Date: {{$date}}',
      'C: Subject: hello',
      'C:',
      'C: Hello.',
      'C: .',
      'S: 250 2.0.0 Ok: queued',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    );
    assert.deepEqual(lint(text, { context: { env: { SMTP_PASSWORD: 'secret' } } }), []);
  });
});

describe('parse problems', () => {
  test('a binary file: one not-a-transcript error, nothing else', () => {
    // Every byte value, spread, read as UTF-8 the way an editor or the CLI reads a file.
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 151 + 7) % 256)).toString('utf8');
    assert.deepEqual(brief(bytes), [{ line: 1, code: 'not-a-transcript', severity: 'error' }]);
  });

  test('every problem the parser reports is a registered rule with its severity', () => {
    const inputs = [
      '250 ok',
      '@1x = y',
      'S: 2',
      'S: 220-x',
      'S: 220 x\nS: 250 y',
      'S: 220 x\nC:',
      'S: 220 x\nC: DATA\nS: 354 go\nC: hi\nS: 250 ok',
      'S: 220 x\nC: DATA\nC: hi\nC: .\nS: 250 ok',
      'S: 220 x\nC: BDAT x',
      'S: 220 x\nC: BDAT 3\nC: hello\nS: 250 ok',
      '< ./a.eml',
      'S: 220 x\nS: <closed>\nC: NOOP',
      'S: <later>',
      'S: <delay soon>',
      'S: <drip 1s>\nC: NOOP',
      'C: {{a',
      'C: {{a b}}',
      '\u0000\u0001'.repeat(8),
      'S: 220 x\nC: DATA\nS: 354 go\nC: a\rb\nC: .\nS: 250 ok',
    ];
    const rules = new Map(PARSE_RULES.map((rule) => [rule.id, rule.defaultSeverity]));
    const reported = inputs.flatMap((text) => parseTranscript(text).diagnostics.map((d) => [d.code, d.severity] as const));
    assert.deepEqual(reported.filter(([code, severity]) => rules.get(code) !== severity), []);
    assert.deepEqual(new Set(reported.map(([code]) => code)), new Set(rules.keys()));
  });
});
