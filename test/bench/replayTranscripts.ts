// Transcripts for the replay benchmark, written to say on the wire what Postfix's `smtp-source -d` says: HELO, then
// per message MAIL/RCPT/DATA and smtp-source's default message (four headers, four body lines), then QUIT.

export const SENDER = 'sender@test.local';
export const RECIPIENT = 'alice@example.com';
export const HELO_NAME = 'bench.test.local';

/** smtp-source's default message (no `-l`): the same headers and body, byte for byte but for Date and Message-Id. */
function messageLines(index: number): string[] {
  return [
    `C: From: <${SENDER}>`,
    `C: To: <${RECIPIENT}>`,
    'C: Date: Sat, 28 Nov 2026 16:14:17 +0000 (UTC)',
    `C: Message-Id: <bench.${String(index).padStart(4, '0')}@${HELO_NAME}>`,
    'C:',
    'C: La de da de da 1.',
    'C: La de da de da 2.',
    'C: La de da de da 3.',
    'C: La de da de da 4.',
    'C: .',
  ];
}

/** What each client line of `messageLines` puts on the wire, dot line included: for sizing other clients' messages. */
export function messageText(index: number): string {
  return messageLines(index)
    .slice(0, -1)
    .map((line) => `${line.slice(3)}\r\n`)
    .join('');
}

const MAIL = `C: MAIL FROM:<${SENDER}>`;
const RCPT = `C: RCPT TO:<${RECIPIENT}>`;
const MAIL_OK = 'S: 250 2.1.0 Ok';
const RCPT_OK = 'S: 250 2.1.5 Ok';
const GO_AHEAD = 'S: 354 *';
/** Whose replies the expectations are written for: they differ only in the enhanced code after a message. */
export type ReplyStyle = 'postfix' | 'smtp-server';
// RFC 3463: Postfix answers the final dot with 2.0.0, smtp-server with 2.6.0.
const QUEUED: Record<ReplyStyle, string> = { postfix: 'S: 250 2.0.0 *', 'smtp-server': 'S: 250 2.6.0 *' };
const BYE = 'S: 221 2.0.0 *';

/** One connection, `messages` messages one command at a time (smtp-source has no pipelining). */
export function serialTranscript(messages: number, style: ReplyStyle): string {
  return serialSession(messages, 0, style).join('\n') + '\n';
}

function serialSession(messages: number, firstIndex: number, style: ReplyStyle): string[] {
  const lines = ['S: 220 *', `C: HELO ${HELO_NAME}`, 'S: 250 *'];
  for (let i = firstIndex; i < firstIndex + messages; i++) {
    lines.push(MAIL, MAIL_OK, RCPT, RCPT_OK, 'C: DATA', GO_AHEAD, ...messageLines(i), QUEUED[style]);
  }
  lines.push('C: QUIT', BYE);
  return lines;
}

/** `sessions` connections of one message each: what swaks does per run. */
export function onePerConnectionTranscript(sessions: number, style: ReplyStyle): string {
  const parts: string[] = [];
  for (let i = 0; i < sessions; i++) parts.push(`### message ${i}`, ...serialSession(1, i, style));
  return parts.join('\n') + '\n';
}

/**
 * The same messages pipelined (RFC 2920 §3.1): MAIL, RCPT and DATA in one write, and each message's final `.` written
 * together with the next MAIL/RCPT/DATA (the last one with QUIT). PIPELINING is an ESMTP extension, hence EHLO.
 */
export function pipelinedTranscript(messages: number, style: ReplyStyle): string {
  const lines = ['S: 220 *', `C: EHLO ${HELO_NAME}`, 'S: 250-*', 'S: 250 *', MAIL, RCPT, 'C: DATA', MAIL_OK, RCPT_OK, GO_AHEAD];
  for (let i = 0; i < messages; i++) {
    lines.push(...messageLines(i));
    if (i + 1 < messages) lines.push(MAIL, RCPT, 'C: DATA', QUEUED[style], MAIL_OK, RCPT_OK, GO_AHEAD);
    else lines.push('C: QUIT', QUEUED[style], BYE);
  }
  return lines.join('\n') + '\n';
}

/** `sessions` connections, each `perSession` NOOPs (Postfix counts more than 100 junk commands as errors). */
export function noopTranscript(sessions: number, perSession: number): string {
  const parts: string[] = [];
  for (let s = 0; s < sessions; s++) {
    parts.push(`### noops ${s}`, 'S: 220 *');
    for (let i = 0; i < perSession; i++) parts.push('C: NOOP', 'S: 250 *');
    parts.push('C: QUIT', 'S: 221 *');
  }
  return parts.join('\n') + '\n';
}
