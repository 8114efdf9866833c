// The transcripts the README's screenshots show.

const SUBMISSION_LINES = [
  '# Submission: STARTTLS, AUTH PLAIN with the password from the environment, one message.',
  '@tls = starttls',
  '@user = testuser',
  '@password = {{$env SMTP_PASSWORD}}',
  '',
  '### submit a message',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250-localhost Nice to meet you, [127.0.0.1]',
  'S: 250-PIPELINING',
  'S: 250-AUTH PLAIN LOGIN',
  'S: 250 STARTTLS',
  'C: STARTTLS',
  'S: 220 2.0.0 Ready to start TLS',
  'C: EHLO client.test',
  'S: 250 *',
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
  'S: 235 2.7.0 Authentication successful',
  'C: MAIL FROM: <testuser@client.test>',
  'S: 250 2.1.0 Accepted',
  'C: RCPT TO:<bob@example.com>',
  'S: 250 2.1.5 Accepted',
  'C: DATA',
  'S: 354 End data with <CR><LF>.<CR><LF>',
  'C: From: <testuser@client.test>',
  'C: To: <bob@example.com>',
  'C: Subject: Submitted over TLS',
  'C: Date: {{$date}}',
  'C:',
  'C: Hello Bob.',
  'C: .',
  'S: 250 2.6.0 Message stored as *',
  'C: QUIT',
  'S: 221 2.0.0 Bye',
  '',
];
const MAIL_LINE = SUBMISSION_LINES.indexOf('C: MAIL FROM: <testuser@client.test>');

export const SUBMISSION = {
  text: SUBMISSION_LINES.join('\n'),
  /** `MAIL FROM: <...>`: a space after the colon. */
  diagnosticCode: 'path-space-after-colon',
  hoverAt: { line: MAIL_LINE, character: 13 },
  /** The same session cut after AUTH, with an empty `C: ` line where the next command goes. */
  completionText: [...SUBMISSION_LINES.slice(0, MAIL_LINE), 'C: ', ''].join('\n'),
  completionAt: { line: MAIL_LINE, character: 3 },
};

export function wrongReply(port: number): string {
  return [
    '# The file expects 251 for MAIL; the server says 250.',
    '@server = 127.0.0.1',
    `@port = ${port}`,
    '',
    '### plain delivery',
    'S: 220 localhost ESMTP *',
    'C: EHLO client.test',
    'S: 250-*',
    'S: 250 SIZE 10485760',
    'C: MAIL FROM:<sender@client.test>',
    'S: 251 2.1.0 Accepted',
    'C: RCPT TO:<alice@example.com>',
    'S: 250 2.1.5 Accepted',
    'C: DATA',
    'S: 354 *',
    'C: From: <sender@client.test>',
    'C: To: <alice@example.com>',
    'C: Subject: hello',
    'C: Date: {{$date}}',
    'C:',
    'C: Hello Alice.',
    'C: .',
    'S: 250 2.6.0 Message stored as *',
    'C: QUIT',
    'S: 221 2.0.0 Bye',
    '',
  ].join('\n');
}

/** Three environments over shared variables; the password stays an `{{$env}}` reference in every one. */
export const ENVIRONMENTS = JSON.stringify(
  {
    $shared: { from: 'reports@client.test', to: 'alice@example.com', user: 'reports' },
    local: { server: 'local' },
    staging: { server: 'smtp.staging.example.com', port: '587', tls: 'starttls' },
    production: { server: 'smtp.example.com', port: '587', tls: 'starttls' },
  },
  null,
  2,
);

export const USES_ENVIRONMENT = [
  '# The target and the addresses come from the active environment (smtp-environments.json).',
  '@password = {{$env SMTP_PASSWORD}}',
  '',
  '### nightly report',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250-*',
  'S: 250 STARTTLS',
  'C: STARTTLS',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250-*',
  'S: 250 AUTH PLAIN LOGIN',
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
  'S: 235 *',
  'C: MAIL FROM:<{{from}}>',
  'S: 250 *',
  'C: RCPT TO:<{{to}}>',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');
