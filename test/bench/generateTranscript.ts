// A realistic large transcript for benchmarks: many sessions with EHLO, STARTTLS, AUTH, pipelined envelopes and DATA.
const SESSION = (i: number): string => `### delivery ${i}
S: 220 mx.example.com ESMTP Postfix
C: EHLO client${i}.example.org
S: 250-mx.example.com
S: 250-PIPELINING
S: 250-SIZE 10240000
S: 250-STARTTLS
S: 250-AUTH PLAIN LOGIN
S: 250-ENHANCEDSTATUSCODES
S: 250-8BITMIME
S: 250 SMTPUTF8
C: MAIL FROM:<sender${i}@example.org> SIZE=512 BODY=8BITMIME
C: RCPT TO:<alice${i}@example.com>
C: RCPT TO:<bob${i}@example.com> NOTIFY=SUCCESS,FAILURE
C: DATA
S: 250 2.1.0 Ok
S: 250 2.1.5 Ok
S: 250 2.1.5 Ok
S: 354 End data with <CR><LF>.<CR><LF>
C: From: Sender <sender${i}@example.org>
C: To: Alice <alice${i}@example.com>
C: Subject: Report number ${i}
C: Date: Sat, 28 Nov 2026 10:00:00 +0000
C: Message-ID: <${i}@example.org>
C:
C: Hello Alice,
C: ..this line starts with a dot and is stuffed.
C: Regards, {{sender}}
C: .
S: 250 2.0.0 Ok: queued as ABC${i}
C: QUIT
S: 221 2.0.0 Bye
`;

// A shorter session of the same shape, with two findings (BODY=8BITMIME not advertised, no `Date:`): 20,000 of them
// are the document of the hover report, 360,000 lines and 40,000 diagnostics.
const SHORT_SESSION = (i: number): string => `### delivery ${i}
S: 220 mx.example.com ESMTP Postfix
C: EHLO client${i}.example.org
S: 250-mx.example.com
S: 250 PIPELINING
C: MAIL FROM:<sender${i}@example.org> BODY=8BITMIME
C: RCPT TO:<bob${i}@example.com>
C: DATA
S: 250 2.1.0 Ok
S: 250 2.1.5 Ok
S: 354 End data with <CR><LF>.<CR><LF>
C: From: <sender${i}@example.org>
C:
C: Regards, {{sender}}
C: .
S: 250 2.0.0 Ok: queued as ABC${i}
C: QUIT
S: 221 2.0.0 Bye
`;

/** `sessions` short sessions (18 lines each) below the same head as `generateTranscript`'s, whose `@sender` they use. */
export function generateShortSessions(sessions: number): string {
  const parts = ['# generated benchmark transcript\n@sender = Sender\n'];
  for (let i = 0; i < sessions; i++) parts.push(SHORT_SESSION(i));
  return parts.join('');
}

/** About `targetBytes` of transcript text. */
export function generateTranscript(targetBytes: number): string {
  const parts = ['# generated benchmark transcript\n@sender = Sender\n'];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    const session = SESSION(i);
    parts.push(session);
    size += session.length;
  }
  return parts.join('');
}

/** About `lines` lines of transcript text. */
export function generateTranscriptLines(lines: number): string {
  const perSession = SESSION(0).split('\n').length - 1;
  return generateTranscript(Math.ceil(lines / perSession) * SESSION(0).length);
}

const TRANSACTION = (i: number): string => `C: MAIL FROM:<sender${i}@example.org> SIZE=512
S: 250 2.1.0 Ok
C: RCPT TO:<alice${i}@example.com>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: From: Sender <sender${i}@example.org>
C: To: Alice <alice${i}@example.com>
C: Subject: Report number ${i}
C: Message-ID: <${i}@example.org>
C:
C: Hello Alice,
C: ..this line starts with a dot and is stuffed.
C: .
S: 250 2.0.0 Ok: queued as ABC${i}
C: RSET
S: 250 2.0.0 Ok
`;

/** About `lines` lines with no `###` line: one long session (greeting, EHLO, then transaction after transaction). */
export function generateSingleSession(lines: number): string {
  const parts = ['S: 220 mx.example.com ESMTP\nC: EHLO client.example.org\nS: 250-mx.example.com\nS: 250-PIPELINING\nS: 250 SIZE 10240000\n'];
  const perTransaction = TRANSACTION(0).split('\n').length - 1;
  for (let i = 0; i * perTransaction < lines; i++) parts.push(TRANSACTION(i));
  parts.push('C: QUIT\nS: 221 2.0.0 Bye\n');
  return parts.join('');
}

/**
 * About `lines` lines with no `###` line, nearly all of them one message: a recorded delivery of a large base64
 * attachment (76-character lines, RFC 2045 §6.8), where no quiet point divides the session. Sent by DATA, or in one
 * `BDAT * LAST` chunk with MAIL and RCPT pipelined before it and answered after it (RFC 3030 §4).
 */
export function generateAttachmentSession(lines: number, via: 'DATA' | 'BDAT' = 'DATA'): string {
  const bdat = via === 'BDAT';
  const parts = [
    `S: 220 mx.example.com ESMTP\nC: EHLO client.example.org\nS: 250-mx.example.com\nS: 250${bdat ? '-PIPELINING\nS: 250-CHUNKING\nS: 250' : ''} 8BITMIME\n`,
    bdat
      ? 'C: MAIL FROM:<sender@example.org>\nC: RCPT TO:<alice@example.com>\nC: BDAT * LAST\n'
      : 'C: MAIL FROM:<sender@example.org>\nS: 250 2.1.0 Ok\nC: RCPT TO:<alice@example.com>\nS: 250 2.1.5 Ok\nC: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\n',
    'C: From: Sender <sender@example.org>\nC: To: Alice <alice@example.com>\nC: Subject: The archive\nC: MIME-Version: 1.0\n',
    'C: Content-Type: multipart/mixed; boundary="b1"\nC:\nC: --b1\nC: Content-Type: text/plain\nC:\nC: The archive is attached.\n',
    'C: --b1\nC: Content-Type: application/octet-stream\nC: Content-Transfer-Encoding: base64\nC:\n',
  ];
  for (let i = 0; i < lines; i++) parts.push(`C: ${Buffer.from(String(i).repeat(57)).toString('base64').slice(0, 76)}\n`);
  parts.push(bdat ? 'C: --b1--\nS: 250 2.1.0 Ok\nS: 250 2.1.5 Ok\n' : 'C: --b1--\nC: .\n', 'S: 250 2.0.0 Ok: queued as ABC1\nC: QUIT\nS: 221 2.0.0 Bye\n');
  return parts.join('');
}
