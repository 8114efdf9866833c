// Hover that reads where it stands: a reply code by the step it answers, DATA content's framing, BDAT's arguments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, md, RFC5321_3_3 } from './hoverHelpers';

describe('hover in context', () => {
  test('a reply code says what it does where it stands: the step it answers and its class', () => {
    const here = (marked: string): string | undefined => hoverAt(marked)?.[2].split('\n\n')[1];
    const link = (rfc: number, section: string) => `[RFC ${rfc} §${section}](https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section})`;
    const transaction = 'S: 220 mx\nC: EHLO c\nS: 250 mx\nC: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 250 ok\nC: RCPT TO:<c@x>\n';
    assert.equal(here('S: 2|20 mx'), `**Here**, as the greeting: the client names itself with EHLO (or HELO) next. ${link(5321, '3.2')}`);
    assert.equal(here('S: 5|54 go away'), `**Here**, as the greeting: the server turns the session down; it waits for QUIT and answers other commands 503. ${link(5321, '3.1')}`);
    assert.equal(here(`${transaction}S: 2|50 ok`), `**Here**, as the reply to \`RCPT\`: the recipient is added to the transaction. ${RFC5321_3_3}`);
    assert.equal(
      here(`${transaction}S: 4|52 too many`),
      `**Here**, as the reply to \`RCPT\`: this recipient is not added; the transaction goes on with those accepted (DATA needs at least one). ${RFC5321_3_3}`,
    );
    // Pipelined (RFC 2920): the second reply answers the RCPT, whichever lines stand between.
    assert.equal(here('C: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\nC: DATA\nS: 250 ok\nS: 2|50 ok\nS: 354 go'), `**Here**, as the reply to \`RCPT\`: the recipient is added to the transaction. ${RFC5321_3_3}`);
    const message = `${transaction}S: 250 ok\nC: DATA\nS: 354 go\nC: Subject: hi\nC:\nC: hi\nC: .\n`;
    assert.equal(here(`${message}S: 2|50 queued`), `**Here**, as the reply to the message's final \`.\`: the server takes full responsibility for the message; the transaction is over. ${link(5321, '4.1.1.4')}`);
    assert.equal(here(`${message}S: 4|51 later`)?.split(': ')[1], `the message is not taken for now; the transaction is over, and the client may send it again later. ${link(5321, '4.2.1')}`);
    assert.equal(here(`${message}S: 5|54 spam`)?.split(': ')[1], `the message is refused; the transaction is over, and the client should not send it again as it is. ${link(5321, '4.2.1')}`);
    assert.equal(here('C: BDAT 2\nC: hi\nS: 2|50 2 octets'), `**Here**, as the reply to a \`BDAT\` chunk: the chunk is taken; more follow, the last one sent with BDAT LAST. ${link(3030, '2')}`);
    assert.match(here('C: BDAT 2 LAST\nC: hi\nS: 2|50 queued')!, /^\*\*Here\*\*, as the reply to `BDAT LAST`: the server takes full responsibility/);
    // 354's own meaning says how the content is sent: this says what it does to the transaction, not the same again.
    assert.equal(here('C: DATA\nS: 3|54 go'), `**Here**, as the reply to \`DATA\`: the recipients are settled and the content follows; the reply to its final \`.\` accepts or refuses the message as a whole. ${RFC5321_3_3}`);
    assert.match(here('C: STARTTLS\nS: 2|20 go ahead')!, /as the reply to `STARTTLS`: the TLS handshake starts at once; after it the client sends EHLO again/);
    assert.match(here('C: AUTH LOGIN\nS: 3|34 VXNlcm5hbWU6')!, /as the reply to `AUTH`: the exchange goes on: each 334 gets one line from the client, until the server answers 235 or a refusal\./);
    assert.match(here('C: QUIT\nS: 2|21 bye')!, /as the reply to `QUIT`: the session ends, and a mail transaction not completed by its final `\.` is abandoned\./);
    assert.match(here('C: AUTH PLAIN\nS: 334 \nC: AGEAYg==\nS: 5|35 no')!, /as the reply to an AUTH response: the client is not authenticated; it may try AUTH again/);
    // 421 closes the connection whatever it answers (RFC 5321 §3.8).
    assert.equal(here('C: NOOP\nS: 4|21 shutting down'), `**Here**, as the reply to \`NOOP\`: the server is closing the connection, and the session ends here. ${link(5321, '3.8')}`);
    // Nothing to say: a NOOP's 250, an unknown command, a wildcard class; the paragraph after the title is the meaning.
    assert.equal(here('C: NOOP\nS: 2|50 ok'), 'The command succeeded. After the end of DATA content (or BDAT LAST) the server has taken responsibility for delivering the message.');
    assert.doesNotMatch(hoverAt('C: FOO\nS: 5|00 what')![2], /Here/);
    assert.doesNotMatch(hoverAt('C: RCPT TO:<a@x>\nS: x|xx any')![2], /Here/);
  });

  test("DATA content's framing: the final `.`, and the doubled period of a dot-stuffed line (not in a BDAT chunk, which has none)", () => {
    const message = (line4: string, line5 = 'C: .') => `C: DATA\nS: 354 go\nC: Subject: x\nC:\n${line4}\n${line5}\nS: 250 ok`;
    assert.deepEqual(hoverAt(message('C: ..signature', 'C: |.')), [
      3,
      4,
      md(
        '**`.`** ends the message content: a line holding only a period. The reply below it answers the whole message; a content line that itself starts with a period is sent with the period doubled (RFC 5321 §4.5.2).',
        '[RFC 5321 §4.1.1.4](https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.4)',
      ),
    ]);
    assert.deepEqual(hoverAt(message('C: .|.signature')), [
      3,
      5,
      md(
        '**Dot-stuffed**: the line starts with a period, so the client sends it with one more; the server removes it, and the message holds `.signature`.',
        '[RFC 5321 §4.5.2](https://www.rfc-editor.org/rfc/rfc5321#section-4.5.2)',
      ),
    ]);
    // The rest of the line, a line of one period in a BDAT chunk, and a stuffed-looking one there: no framing to explain.
    assert.equal(hoverAt(message('C: ..sign|ature')), undefined);
    assert.equal(hoverAt('C: BDAT 12 LAST\nC: .|.signature\nS: 250 ok'), undefined);
  });

  test("BDAT's size beside the octets written below it, `*`, and LAST", () => {
    const link = '[RFC 3030 §2](https://www.rfc-editor.org/rfc/rfc3030#section-2)';
    const sized = "the chunk's size in octets; they follow the command line at once, with no dot-stuffing and no final `.`.";
    assert.deepEqual(hoverAt('C: BDAT |5 LAST\nC: hi\nS: 250 ok'), [8, 9, md(`**5**: ${sized} The lines written below it hold 4 octets.`, link)]);
    // A chunk that ends inside a line: its last line's CRLF is not sent (nor counted).
    assert.equal(hoverAt('C: BDAT 1|0 LAST\nC: Subject: x\nS: 250 ok')?.[2], md(`**10**: ${sized} The lines written below it hold 10 octets (the last one without its CRLF).`, link));
    assert.equal(
      hoverAt('C: BDAT |* LAST\nC: hi\nS: 250 ok')?.[2],
      md('**`*`**: the chunk size, counted when the transcript is sent (a transcript shorthand; the wire carries the number). The lines written below it hold 4 octets.', link),
    );
    assert.deepEqual(hoverAt('C: BDAT 4 LA|ST\nC: hi\nS: 250 ok'), [10, 14, md("**LAST**: the message's final chunk. The reply to it answers the whole message, and a further BDAT needs a new MAIL.", link)]);
    assert.equal(hoverAt('C: BDAT 4 |LAST\nC: hi\nS: 250 ok')?.[1], 14);
    assert.equal(hoverAt('C: BDAT x|yz\nC: hi\nS: 250 ok'), undefined);
  });
});
