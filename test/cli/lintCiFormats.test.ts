// `lint --format github` (workflow commands for annotations on a pull request) and `--format sarif` (SARIF 2.1.0 for
// code scanning), run as a CI job runs them: from the repository's folder, with the paths it names.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, runCli } from '../support/cli';
import { applyReplacements, sarifProblems, type SarifLog } from '../support/sarif';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lint-ci-'));
mkdirSync(path.join(dir, 'sub dir'));
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};
const lint = (args: string[]) => runCli(['lint', ...args], { cwd: dir });
const PACKAGE = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
const VERSION = PACKAGE.version;
// Each rule's row in docs/lint-rules.md, in the repository package.json names (test/unit/lint/ruleCatalog.test.ts
// keeps an anchor per rule there).
const help = (id: string) => `${PACKAGE.repository.url}/blob/main/docs/lint-rules.md#${id}`;

// A hint (HELO), two warnings and an info on the MAIL line (columns after the emoji count its two UTF-16 code
// units), and an error whose message holds a `%`.
const FINDINGS = 'S: 220 ready\nC: HELO a\nS: 250 ok\nC: MAIL FROM:<😀@b.example> FOO=1\nS: 250 ok\nC: QUIT\nS: 221 bye\n221 100% bye\n';
const CLEAN = 'S: 220 ready\nC: EHLO a\nS: 250 ok\nC: QUIT\nS: 221 bye\n';

describe('smtp-transcript lint --format github', () => {
  test('one workflow command per finding on stdout, its path and message escaped; the summary on stderr; exit 1 on an error', async () => {
    const name = file('sub dir/a,b:c.smtp', FINDINGS);
    const where = 'file=sub dir/a%2Cb%3Ac.smtp';
    const run = await lint(['--format', 'github', name]);
    assert.deepEqual(run, {
      code: 1,
      stdout:
        `::notice ${where},line=2,col=4,endLine=2,endColumn=8,title=helo-instead-of-ehlo::HELO opens a session without service extensions (no STARTTLS, AUTH, SIZE, PIPELINING, ...): send EHLO unless the test is about HELO (RFC 5321 §4.1.1.1, Appendix F.3).\n` +
        `::warning ${where},line=4,col=14,endLine=4,endColumn=28,title=address-needs-smtputf8::This address holds non-ASCII characters: the transaction's MAIL FROM must carry \`SMTPUTF8\` (RFC 6531 §3.4), or the server refuses it (553, or 501 5.1.3). Add \` SMTPUTF8\` to line 4, or expect the refusal.\n` +
        `::warning ${where},line=4,col=29,endLine=4,endColumn=34,title=extension-without-ehlo::FOO=1 is a MAIL parameter, but the session was opened with HELO and a server answering HELO offers no service extensions (RFC 5321 §4.1.1.1): send EHLO instead, remove the parameter, or expect the refusal.\n` +
        `::notice ${where},line=4,col=29,endLine=4,endColumn=34,title=parameter-unknown::No registered SMTP extension defines the MAIL parameter FOO; servers that don't know it refuse the command with 555 (RFC 5321 §4.1.1.11). Check the spelling.\n` +
        `::error ${where},line=8,col=1,endLine=8,endColumn=13,title=unknown-line::Expected a line prefix: did you mean \`S: 221 100%25 bye\`?\n`,
      stderr: '1 file checked: 1 error, 2 warnings, 1 info, 1 hint\n',
    });
  });

  test('--quiet lists the errors only; without errors the exit code is 0, as for text; --max-warnings still counts', async () => {
    const name = file('quiet.smtp', FINDINGS);
    assert.deepEqual(await lint(['--format', 'github', '--quiet', name]), {
      code: 1,
      stdout: '::error file=quiet.smtp,line=8,col=1,endLine=8,endColumn=13,title=unknown-line::Expected a line prefix: did you mean `S: 221 100%25 bye`?\n',
      stderr: '1 file checked: 1 error, 2 warnings, 1 info, 1 hint (only errors listed: --quiet)\n',
    });
    const clean = file('clean.smtp', CLEAN);
    assert.deepEqual(await lint(['--format', 'github', clean]), { code: 0, stdout: '', stderr: '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n' });
    const warned = file('warned.smtp', FINDINGS.replace('221 100% bye\n', ''));
    assert.deepEqual(await lint(['--format', 'github', '--quiet', '--max-warnings', '1', warned]), {
      code: 1,
      stdout: '',
      stderr: '1 file checked: 0 errors, 2 warnings, 1 info, 1 hint (only errors listed: --quiet)\nsmtp-transcript lint: 2 warnings, more than --max-warnings 1\n',
    });
  });
});

describe('smtp-transcript lint --format github: what stops the run or leaves a file out', () => {
  test('a file that cannot be read is an ::error on that file beside its stderr line, exit 2; the others are linted', async () => {
    const clean = file('readable.smtp', CLEAN);
    mkdirSync(path.join(dir, 'empty'));
    assert.deepEqual(await lint(['--format', 'github', clean, 'gone,1.smtp', 'empty']), {
      code: 2,
      stdout:
        '::error file=gone%2C1.smtp,title=smtp-transcript lint::gone,1.smtp: no such file or directory\n' +
        '::error file=empty,title=smtp-transcript lint::empty: no .smtp files in this directory\n',
      stderr: 'smtp-transcript lint: gone,1.smtp: no such file or directory\nsmtp-transcript lint: empty: no .smtp files in this directory\n1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n',
    });
  });

  test('--fix leaving a file unwritten (bytes that are not UTF-8) is a ::warning at that line, before the findings left', async () => {
    writeFileSync(path.join(dir, 'latin1.smtp'), Buffer.concat([Buffer.from('S: 220 mx\nC: EHLO a\nS: 250 ok\nC: NOOP '), Buffer.from([0xff]), Buffer.from('\nS: 250 ok\n')]));
    const run = await lint(['--fix', '--format', 'github', 'latin1.smtp']);
    assert.deepEqual([run.code, run.stdout.split('\n').map((line) => line.split('::')[1])], [1, ['warning file=latin1.smtp,line=4,title=smtp-transcript lint', 'error file=latin1.smtp,line=4,col=1,endLine=4,endColumn=10,title=invalid-utf8', undefined]]);
    assert.match(run.stdout, /^::warning [^:]*::latin1\.smtp: not fixed: line 4 holds bytes that are not UTF-8, which writing the file back would replace\n/);
  });

  test('a usage mistake is an ::error about the run (its first line: the help stays on stderr), however github was asked for', async () => {
    const clean = file('usage.smtp', CLEAN);
    assert.deepEqual(await lint(['--format=github', '--max-warnings', 'many', clean]), {
      code: 2,
      stdout: "::error title=smtp-transcript lint::--max-warnings takes a number of warnings (0 or more), not 'many'\n",
      stderr: "smtp-transcript lint: --max-warnings takes a number of warnings (0 or more), not 'many'\n",
    });
    // Found by the option parser, before any option's value is known.
    assert.deepEqual(await lint(['-f', 'github', '--frmat', 'json', clean]), {
      code: 2,
      stdout: '::error title=smtp-transcript lint::unknown option --frmat: did you mean --format? (--help lists the options)\n',
      stderr: 'smtp-transcript lint: unknown option --frmat: did you mean --format? (--help lists the options)\n',
    });
    const noFiles = await lint(['--format', 'github']);
    assert.deepEqual([noFiles.code, noFiles.stdout, noFiles.stderr.split('\n')[0]], [2, '::error title=smtp-transcript lint::no files given\n', 'smtp-transcript lint: no files given']);
    // The last --format wins, as for the parser: text output gets no annotation.
    assert.deepEqual(await lint(['-fgithub', '--format', 'text', '--max-warnings', 'many', clean]), {
      code: 2,
      stdout: '',
      stderr: "smtp-transcript lint: --max-warnings takes a number of warnings (0 or more), not 'many'\n",
    });
  });
});

describe('smtp-transcript lint --format sarif', () => {
  test('SARIF 2.1.0: the rules the results name, each result at its region; exit code as for text', async () => {
    const name = file('sub dir/s.smtp', FINDINGS.replace('C: HELO a', 'C: EHLO a'));
    const run = await lint(['--format', 'sarif', '--rule', 'parameter-unknown=warning', name]);
    assert.deepEqual([run.code, run.stderr], [1, '']);
    const log = JSON.parse(run.stdout) as unknown;
    assert.deepEqual(sarifProblems(log), []);
    const at = (startLine: number, startColumn: number, endColumn: number) => [
      { physicalLocation: { artifactLocation: { uri: 'sub%20dir/s.smtp' }, region: { startLine, startColumn, endLine: startLine, endColumn } } },
    ];
    assert.deepEqual(log, {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'smtp-transcript',
              version: VERSION,
              rules: [
                {
                  id: 'address-needs-smtputf8',
                  helpUri: help('address-needs-smtputf8'),
                  shortDescription: { text: 'A MAIL FROM or RCPT TO address with non-ASCII characters in a transaction whose MAIL does not carry `SMTPUTF8`.' },
                  defaultConfiguration: { level: 'warning' },
                },
                {
                  id: 'parameter-unknown',
                  helpUri: help('parameter-unknown'),
                  shortDescription: { text: 'A MAIL/RCPT parameter no registered extension defines (`X-` parameters are local and accepted).' },
                  // The rule's default (info), while --rule made this run's result a warning.
                  defaultConfiguration: { level: 'note' },
                },
                {
                  id: 'unknown-line',
                  helpUri: help('unknown-line'),
                  shortDescription: { text: 'A line that is none of `C:`, `S:`, `#` comment, `###` separator, `@` directive, `<` include or blank.' },
                  defaultConfiguration: { level: 'error' },
                },
              ],
            },
          },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'address-needs-smtputf8',
              ruleIndex: 0,
              level: 'warning',
              message: { text: "This address holds non-ASCII characters: the transaction's MAIL FROM must carry `SMTPUTF8` (RFC 6531 §3.4), or the server refuses it (553, or 501 5.1.3). Add ` SMTPUTF8` to line 4, or expect the refusal." },
              locations: at(4, 14, 28),
              // Inserted after FOO=1: an empty region at line 4's column 34 (1-based, the character after the range).
              fixes: [
                {
                  description: { text: 'Add SMTPUTF8 to MAIL FROM' },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: 'sub%20dir/s.smtp' },
                      replacements: [{ deletedRegion: { startLine: 4, startColumn: 34, endLine: 4, endColumn: 34 }, insertedContent: { text: ' SMTPUTF8' } }],
                    },
                  ],
                },
              ],
            },
            {
              ruleId: 'parameter-unknown',
              ruleIndex: 1,
              level: 'warning',
              message: { text: "No registered SMTP extension defines the MAIL parameter FOO; servers that don't know it refuse the command with 555 (RFC 5321 §4.1.1.11). Check the spelling." },
              locations: at(4, 29, 34),
            },
            {
              ruleId: 'unknown-line',
              ruleIndex: 2,
              level: 'error',
              message: { text: 'Expected a line prefix: did you mean `S: 221 100% bye`?' },
              locations: at(8, 1, 13),
              // A parse problem's quick fixes too: the prefix its message suggests, then the line as a comment.
              fixes: [
                { description: { text: 'Add the S: prefix (a server reply)' }, artifactChanges: [{ artifactLocation: { uri: 'sub%20dir/s.smtp' }, replacements: [{ deletedRegion: { startLine: 8, startColumn: 1, endLine: 8, endColumn: 13 }, insertedContent: { text: 'S: 221 100% bye' } }] }] },
                { description: { text: 'Turn the line into a comment' }, artifactChanges: [{ artifactLocation: { uri: 'sub%20dir/s.smtp' }, replacements: [{ deletedRegion: { startLine: 8, startColumn: 1, endLine: 8, endColumn: 13 }, insertedContent: { text: '# 221 100% bye' } }] }] },
              ],
            },
          ],
        },
      ],
    });
  });

  test('no findings: an empty result list, exit 0; an absolute path is a file URI; --quiet keeps the errors only', async () => {
    const clean = await lint(['--format', 'sarif', file('clean.smtp', CLEAN)]);
    assert.equal(clean.code, 0);
    const cleanLog = JSON.parse(clean.stdout) as { runs: Array<{ tool: { driver: { rules: unknown[] } }; results: unknown[] }> };
    assert.deepEqual(sarifProblems(cleanLog), []);
    assert.deepEqual([cleanLog.runs[0].tool.driver.rules, cleanLog.runs[0].results], [[], []]);

    const absolute = path.join(dir, 'sub dir', 'q.smtp');
    writeFileSync(absolute, FINDINGS);
    const quiet = await lint(['--format', 'sarif', '--quiet', absolute]);
    assert.equal(quiet.code, 1);
    const quietLog = JSON.parse(quiet.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    assert.deepEqual(sarifProblems(quietLog), []);
    const run = quietLog.runs[0];
    assert.deepEqual(
      [run.tool.driver.rules.map((r) => r.id), run.results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])],
      [['unknown-line'], [['unknown-line', pathToFileURL(absolute).href]]],
    );
    assert.match(pathToFileURL(absolute).href, /^file:\/\/\/.*\/sub%20dir\/q\.smtp$/);
  });

  test('fixes: applied as a SARIF consumer applies them, they fix the file, its CRLF line ends kept', async () => {
    // A greeting to insert (a whole line), a verb's case to replace and a blank to delete.
    const text = 'C: ehlo a\r\nS: 250 ok\r\nC: MAIL FROM: <a@b.example>\r\nS: 250 ok\r\nC: QUIT\r\nS: 221 bye\r\n';
    const run = await lint(['--format', 'sarif', file('crlf.smtp', text)]);
    assert.equal(run.stderr, '');
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.deepEqual(sarifProblems(log), []);
    const results = log.runs[0].results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.fixes?.map((f) => f.description.text)]),
      [
        ['greeting-missing', ['Insert S: 220 *']],
        ['lowercase-verb', ['Write EHLO']],
        ['path-space-after-colon', ['Remove the space after FROM:']],
      ],
    );
    assert.deepEqual(results[2].fixes?.[0].artifactChanges, [
      // A deletion: no inserted content.
      { artifactLocation: { uri: 'crlf.smtp' }, replacements: [{ deletedRegion: { startLine: 3, startColumn: 14, endLine: 3, endColumn: 15 } }] },
    ]);
    const replacements = results.flatMap((r) => r.fixes ?? []).flatMap((f) => f.artifactChanges).flatMap((c) => c.replacements);
    assert.equal(
      applyReplacements(text, replacements),
      'S: 220 *\r\nC: EHLO a\r\nS: 250 ok\r\nC: MAIL FROM:<a@b.example>\r\nS: 250 ok\r\nC: QUIT\r\nS: 221 bye\r\n',
    );
  });

  test('the shape check itself finds what SARIF 2.1.0 requires and a log lacks', () => {
    const broken = {
      version: '2.0.0',
      runs: [
        {
          tool: { driver: { rules: [{ shortDescription: {}, helpUri: 'docs/lint-rules.md#x' }] } },
          results: [
            {
              ruleId: 'x',
              ruleIndex: 0,
              level: 'info',
              message: {},
              locations: [{ physicalLocation: { artifactLocation: { uri: 'a b.smtp' }, region: { startLine: 0, startColumn: 1 } } }],
              fixes: [{ artifactChanges: [] }, { artifactChanges: [{ artifactLocation: {}, replacements: [{ deletedRegion: { startLine: 1, startColumn: 0 }, insertedContent: { text: 1 } }] }] }],
            },
          ],
        },
      ],
    };
    assert.deepEqual(sarifProblems(broken), [
      'version is not "2.1.0"',
      'runs[0].tool.driver.name is not a string',
      'runs[0].tool.driver.rules[0].id is not a string',
      'runs[0].tool.driver.rules[0].shortDescription.text is not a string',
      'runs[0].tool.driver.rules[0].helpUri is not an absolute URI',
      'runs[0].results[0].level is not one of none, note, warning, error',
      'runs[0].results[0].message has neither text nor id',
      'runs[0].results[0].ruleIndex names a rule whose id is not its ruleId',
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri is not a URI reference',
      'runs[0].results[0].locations[0].physicalLocation.region.startLine is not an integer of at least 1',
      'runs[0].results[0].fixes[0].artifactChanges is not a non-empty array',
      'runs[0].results[0].fixes[1].artifactChanges[0].artifactLocation.uri is not a URI reference',
      'runs[0].results[0].fixes[1].artifactChanges[0].replacements[0].deletedRegion.startColumn is not an integer of at least 1',
      'runs[0].results[0].fixes[1].artifactChanges[0].replacements[0].insertedContent.text is not a string',
    ]);
  });
});
