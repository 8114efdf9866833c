// Random long sessions (no `###`, or few) and edits to them, for the property tests of re-parsing and re-linting a
// session from its checkpoints: blocks of exchanges as transcripts have them, repeated past several checkpoints.
import fc from 'fast-check';
import type { Edit } from './transcriptEdits';

const BLOCKS: string[][] = [
  ['C: MAIL FROM:<a@x.test>', 'S: 250 2.1.0 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 2.1.5 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 2.0.0 queued'],
  ['C: MAIL FROM:<a@x.test> BODY=8BITMIME', 'C: RCPT TO:<b@y.test>', 'C: DATA', 'S: 250 ok', 'S: 250 ok', 'S: 354 go', 'C: From: <a@x.test>', 'C: é', 'C: .', 'S: 250 ok'],
  ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 550 5.1.1 no', 'C: RSET', 'S: 250 ok'],
  ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: BDAT 6 LAST', 'C: hello', 'S: 250 ok'],
  ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: BDAT * LAST', 'C: line {{name}}', 'S: 250 ok'],
  ['C: MAIL FROM:<{{from}}>', 'S: <delay 1s>', 'S: 250 ok', 'C: RCPT TO:<b@y.test> NOTIFY=NEVER', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: ..stuffed', 'C: .', 'S: 250 ok'],
  ['C: NOOP', 'S: 250 ok'],
  ['C: RSET', 'S: 250 ok'],
  ['C: NOOP'],
  ['C: EHLO again.test', 'S: 250-mx.test', 'S: 250-PIPELINING', 'S: 250 SIZE 100'],
  ['C: STARTTLS', 'S: 220 ready'],
  // Postfix's XCLIENT: its 220 starts the session over, and lint's message after it names its line.
  ['C: XCLIENT ADDR=192.0.2.1', 'S: 220 mx.test ESMTP'],
  ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg==', 'S: 334 UGFzc3dvcmQ6', 'C: c2VjcmV0', 'S: 235 ok'],
  ['# a comment', ''],
  ['# smtp-lint-disable-next-line reply-missing', 'C: VRFY x'],
  ['@name = bob'],
  ['S: 250 stray'],
  ['C: MAIL FROM:<a@x.test>', 'C: DATA', 'S: 250 ok', 'S: 354 go', 'C: unterminated'],
  ['S: <closed>'],
  ['S: <reset>'],
  ['C: QUIT', 'S: 221 bye'],
];

const OPENING = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250-PIPELINING', 'S: 250-CHUNKING', 'S: 250-LIMITS MAILMAX=30 RCPTMAX=5', 'S: 250 8BITMIME'];

/** Mostly plain transactions, now and then anything else. */
const block = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(BLOCKS[0], BLOCKS[1], BLOCKS[2]) }, { weight: 3, arbitrary: fc.constantFrom(...BLOCKS) });

/** Blocks that leave a session checked in segments by lint (no directive of its own, no `<reset>` fault). */
const segmentableBlock = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(BLOCKS[0], BLOCKS[1], BLOCKS[2]) },
  { weight: 3, arbitrary: fc.constantFrom(...BLOCKS.filter((b) => !b.some((line) => line.startsWith('@') || line === 'S: <reset>'))) },
);

/** One session of some hundreds of lines (many checkpoints apart), maybe after a head and before another session. */
export const longSession = sessionOf(block);
/** The same, with no block that makes lint check the session whole. */
export const segmentableLongSession = sessionOf(segmentableBlock);

function sessionOf(block: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc
  .tuple(
    fc.constantFrom('', '@from = a@x.test\n', '### long\n'),
    fc.array(block, { minLength: 40, maxLength: 90 }),
    fc.constantFrom('', '\n### next\nS: 220 x\nC: QUIT'),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([head, blocks, after, eol]) => (head + [...OPENING, ...blocks.flat()].join('\n') + after).replaceAll('\n', eol));
}

/**
 * One session of some hundreds of lines with no quiet point: one message whose content holds the blocks' lines
 * (`C:` lines are content there; an `S:` line or a `C: .` among them ends it early, as an edit may).
 */
export const longMessage = fc
  .tuple(
    fc.array(fc.constantFrom(...BLOCKS), { minLength: 40, maxLength: 90 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([blocks, eol]) => {
    const content = blocks.flat().filter((line) => line.startsWith('C: ') && line !== 'C: .');
    const lines = [...OPENING, 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...content, 'C: .', 'S: 250 ok'];
    return lines.join('\n').replaceAll('\n', eol);
  });

const INSERTS = [
  'x', '\n', '\r', ' ', '.', '3', '-', 'C: DATA\nS: 354 go\n', 'C: .\n', 'S: 354 go\n', 'S: 250-SIZE 5\n', 'C: MAIL FROM:<c@x.test>\n',
  'S: 250 ok\n', 'C: NOOP\n', '###\n', '\n### mid\n', 'S: <closed>\n', 'S: <delay 1s>\n', 'C: QUIT\n', 'S: 250-', '{{', 'C: BDAT 3\n',
];

/** An edit anywhere, at the very start or at the very end; often a keystroke, sometimes a line that opens or closes something. */
export const sessionEdit = (text: string): fc.Arbitrary<Edit> =>
  fc.record({
    at: fc.oneof({ weight: 6, arbitrary: fc.nat({ max: text.length }) }, { weight: 1, arbitrary: fc.constantFrom(0, text.length) }),
    remove: fc.oneof(fc.constant(0), fc.constant(1), fc.nat({ max: 30 })),
    insert: fc.oneof(fc.constant(''), fc.constantFrom(...INSERTS)),
  });

/** Replaces the EHLO reply's SIZE line, or the first `S: 250 8BITMIME`, with another: an edit that changes what the session may do. */
export function ehloReplyEdit(text: string): Edit | undefined {
  const at = text.indexOf('S: 250 8BITMIME');
  return at < 0 ? undefined : { at, remove: 'S: 250 8BITMIME'.length, insert: 'S: 250 SMTPUTF8' };
}

const BASE64_LINES = ['C: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0', 'C: NTY3ODkrLw==', 'C: SGVsbG8gd29ybGQ='];
const MIME_PARTS: string[][] = [
  ['C: --b1', 'C: Content-Type: text/plain; charset=utf-8', 'C: Content-Transfer-Encoding: quoted-printable', 'C:', 'C: caf=C3=A9 soft=', 'C: line'],
  ['C: --b1', 'C: Content-Type: application/octet-stream', 'C: Content-Transfer-Encoding: base64', 'C:', ...Array.from({ length: 40 }, (_, i) => BASE64_LINES[i % 3])],
  ['C: --b1', 'C: Content-Type: text/plain', 'C:', 'C: plain text', 'C: ..stuffed', 'C: {{name}} wrote', '# a comment in the content'],
];

/**
 * One session that is nearly all one MIME message of some hundreds of lines (base64, quoted-printable and plain
 * parts): what the content rules keep per line is kept across edits inside it (features/lint/syntax/sentMessages.ts).
 */
export const longMimeMessage = fc
  .tuple(fc.array(fc.constantFrom(...MIME_PARTS), { minLength: 8, maxLength: 14 }), fc.constantFrom('\n', '\r\n'))
  .map(([parts, eol]) => {
    const head = ['C: From: <a@x.test>', 'C: To: <b@y.test>', 'C: Subject: report', 'C: Date: Sat, 28 Nov 2026 10:00:00 +0000', 'C: Message-ID: <1@x.test>', 'C: MIME-Version: 1.0', 'C: Content-Type: multipart/mixed; boundary="b1"', 'C:'];
    const lines = [...OPENING, 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...head, ...parts.flat(), 'C: --b1--', 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'];
    return lines.join('\n').replaceAll('\n', eol);
  });

/**
 * The same kind of message sent in a `BDAT *` chunk (RFC 3030 §2: it runs to the reply), its MAIL and RCPT either
 * answered before it or pipelined with it and answered after the chunk (RFC 2920 §3.1); sometimes a second, counted
 * chunk ends the message.
 */
export const longBdatMessage = fc
  .tuple(fc.array(fc.constantFrom(...MIME_PARTS), { minLength: 8, maxLength: 14 }), fc.boolean(), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([parts, pipelined, counted, eol]) => {
    const head = ['C: From: <a@x.test>', 'C: To: <b@y.test>', 'C: Subject: report', 'C: Date: Sat, 28 Nov 2026 10:00:00 +0000', 'C: Message-ID: <1@x.test>', 'C: MIME-Version: 1.0', 'C: Content-Type: multipart/mixed; boundary="b1"', 'C:'];
    const chunk = [counted ? 'C: BDAT *' : 'C: BDAT * LAST', ...head, ...parts.flat(), 'C: --b1--'];
    const envelope = pipelined
      ? ['C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', ...chunk, 'S: 250 ok', 'S: 250 ok', 'S: 250 ok']
      : ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', ...chunk, 'S: 250 ok'];
    const rest = counted ? ['C: BDAT 5 LAST', 'C: end', 'S: 250 ok'] : [];
    return [...OPENING, ...envelope, ...rest, 'C: QUIT', 'S: 221 bye'].join('\n').replaceAll('\n', eol);
  });

const MIME_INSERTS = ['é', '=', '!', 'A', '\0', '-', 'C: --b1\n', 'C: --b1--\n', `C: ${'QUJD'.repeat(20)}\n`, 'C: Content-Transfer-Encoding: 7bit\n', 'C:\n', '{{x}}', 'C: <close>\n'];

const OPENINGS = ['C: DATA\nS: 354 go', 'C: DATA', 'C: BDAT * LAST', 'C: BDAT *', 'C: BDAT 100 LAST'];

/** An edit inside or around the message: mostly a character that changes what a content line holds. */
export const mimeEdit = (text: string): fc.Arbitrary<Edit> => {
  const typed = fc.record({
    at: fc.nat({ max: text.length }),
    remove: fc.oneof(fc.constant(0), fc.constant(1), fc.nat({ max: 30 })),
    insert: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MIME_INSERTS) }, { weight: 1, arbitrary: fc.constantFrom('', ...INSERTS) }),
  });
  // Sometimes the command that opens the content becomes another (DATA into BDAT, and back): the same lines below it
  // then read as the other kind of content.
  const opening = /C: (DATA\r?\nS: 354 go|BDAT \* LAST|BDAT \*)/.exec(text);
  if (!opening) return typed;
  const swapped = fc.constantFrom(...OPENINGS).map((insert) => ({ at: opening.index, remove: opening[0].length, insert }));
  return fc.oneof({ weight: 15, arbitrary: typed }, { weight: 1, arbitrary: swapped });
};
