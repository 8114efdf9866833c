// Real captures (test/unit/import/fixtures/*.txt, made against the servers of test/servers/servers.sh, see the
// README there) import to exactly the `.expected.smtp` beside them, with exactly these problems; the results parse
// and lint without errors and hold no credential. curl's: the message's `.` and (when curl kept the connection) the
// QUIT it sends as it exits are in no capture, and are in the imports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTranscript, type ImportFormat } from '../../../server/src/import';
import { parseTranscript } from '../../../server/src/model';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';

const FIXTURES = join(__dirname, '../../../../test/unit/import/fixtures');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const plainHeuristic: Row = [
  undefined,
  'info',
  'read as a plain log, a heuristic: lines starting with a three-digit code are server replies, the others client lines, and everything between a 354 reply and the "." line, or in the octets a BDAT command declares, is message content',
];
const noServer: Row = [undefined, 'info', 'the capture does not name the server: add @server and @port, or give them to replay'];
const noGreeting: Row = [1, 'info', 'the capture shows no greeting before the first command; "S: 220 *" was added'];
const smtplibLate: Row = [
  1,
  'info',
  'smtplib connected before set_debuglevel() was called, so the output does not tell whether the connection used SMTP_SSL; if it did, add @tls = implicit',
];

type Row = [line: number | undefined, severity: string, message: string];

const cases: Array<{ name: string; format: ImportFormat; problems: Row[] }> = [
  { name: 'swaks-postfix-starttls-auth-plain', format: 'swaks', problems: [] },
  { name: 'swaks-postfix-pipeline', format: 'swaks', problems: [] },
  { name: 'swaks-postfix-relay-denied', format: 'swaks', problems: [] },
  { name: 'swaks-exim-rejected-550', format: 'swaks', problems: [] },
  { name: 'swaks-postfix-implicit-tls', format: 'swaks', problems: [] },
  { name: 'swaks-postfix-auth-login', format: 'swaks', problems: [] },
  { name: 'swaks-postfix-auth-cram-md5', format: 'swaks', problems: [] },
  { name: 'swaks-postfix-auth-plaintext', format: 'swaks', problems: [] },
  {
    name: 'swaks-postfix-auth-failed',
    format: 'swaks',
    problems: [[35, 'warning', 'AUTH failed in the capture (535); the transcript sends {{password}} from SMTP_PASSWORD, so with the right password a replay gets 235 instead']],
  },
  { name: 'smtplib-postfix-connect-auth-plain', format: 'smtplib', problems: [] },
  { name: 'smtplib-postfix-implicit-tls', format: 'smtplib', problems: [] },
  { name: 'smtplib-postfix-starttls-cram-md5', format: 'smtplib', problems: [smtplibLate, noGreeting, noServer] },
  { name: 'smtplib-postfix-ssl-auth-login', format: 'smtplib', problems: [smtplibLate, noGreeting, noServer] },
  { name: 'smtplib-smtp-server-debuglevel-2', format: 'smtplib', problems: [smtplibLate, noGreeting, noServer] },
  {
    name: 'smtplib-exim-rejected-550',
    format: 'smtplib',
    problems: [smtplibLate, noGreeting, [23, 'warning', 'not smtplib debug output; skipped'], noServer],
  },
  {
    name: 'curl-postfix-starttls-cram-md5-verbose',
    format: 'curl',
    problems: [[86, 'warning', 'curl -v does not print the message it sends: the transcript sends an empty message; write the content above its "C: ." line, or capture with --trace-ascii FILE, which shows it']],
  },
  { name: 'curl-postfix-starttls-plain-trace', format: 'curl', problems: [] },
  { name: 'curl-postfix-implicit-tls-trace', format: 'curl', problems: [] },
  { name: 'curl-postfix-relay-denied-verbose', format: 'curl', problems: [] },
  { name: 'telnet-postfix', format: 'plain', problems: [plainHeuristic] },
  { name: 'telnet-postfix-bdat', format: 'plain', problems: [plainHeuristic] },
  {
    name: 'openssl-postfix-implicit-tls',
    format: 'plain',
    problems: [
      [113, 'warning', 'openssl s_client took "QUIT" for its own command Q (quit) and did not send it, so it was left out; run s_client with -ign_eof or -nocommands, or type commands in lower case'],
      plainHeuristic,
      noServer,
    ],
  },
  {
    name: 'openssl-postfix-starttls',
    format: 'plain',
    problems: [
      [1, 'info', 'openssl s_client -starttls smtp exchanged the greeting, EHLO and STARTTLS before printing anything; they were added as "S: 220 *", "C: EHLO client.test", "S: 250 *", "C: STARTTLS", "S: 220 *"'],
      [52, 'info', 'a reply s_client printed after its handshake, to none of the typed commands; left out'],
      plainHeuristic,
      noServer,
    ],
  },
];

/** Every form the test servers' password could take on the wire or in a log. */
const secretForms = ['testpass', 'wrongpass', 'dGVzdHBhc3M', 'AHRlc3R1c2VyAHRlc3RwYXNz', 'AHRlc3R1c2VyAHdyb25ncGFzcw'];

describe('captured sessions import exactly', () => {
  for (const { name, format, problems } of cases) {
    test(name, () => {
      const result = importTranscript(read(`${name}.txt`));
      assert.equal(result.format, format);
      assert.deepEqual(result.problems.map((p): Row => [p.line, p.severity, p.message]), problems);
      assert.equal(result.text, read(`${name}.expected.smtp`));
    });
  }

  test('a run that could not connect: no transcript, and what swaks said about it', () => {
    const result = importTranscript(read('swaks-connection-refused.txt'));
    assert.deepEqual(result, {
      format: 'swaks',
      text: '',
      problems: [
        { line: 2, severity: 'info', message: 'swaks: Error connecting to 127.0.0.1:2599:' },
        { line: 3, severity: 'info', message: 'swaks: IO::Socket::INET: connect: Connection refused' },
        { severity: 'error', message: 'no SMTP exchange found in the text read as swaks output' },
      ],
    });
  });
});

describe('imported captures are sound', () => {
  for (const { name } of cases) {
    test(`${name}: no parse or lint error, no credential`, () => {
      const { text } = importTranscript(read(`${name}.txt`));
      const errors = lintTranscript(parseTranscript(text)).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
      for (const secret of secretForms) assert.ok(!text.includes(secret), `${secret} in the output`);
    });
  }

  test('the captures themselves do hold the credentials the imports leave out', () => {
    const captured = cases.map(({ name }) => read(`${name}.txt`)).join('\n');
    for (const secret of ['testpass', 'AHRlc3R1c2VyAHRlc3RwYXNz', 'dGVzdHBhc3M=', 'AHRlc3R1c2VyAHdyb25ncGFzcw==']) {
      assert.ok(captured.includes(secret), secret);
    }
  });
});
