// A recorded server that closes the connection where it should not: inside DATA content, and in place of a reply.
// The transcript says so with `S: <closed>` where the close came, no `.` the client never sent, and what the client
// sent after the close as comments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordedTranscript } from '../../../server/src/record/transcriptRecorder';
import { ENVELOPE, record, type Step } from '../../support/recording';
import { parseTranscript } from '../../../server/src/model';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';

describe('a server that closes the connection where it should not', () => {
  const opening: Step[] = [...ENVELOPE, ['C', 'DATA\r\n'], ['S', '354 go\r\n']];
  const after = (recorded: RecordedTranscript, line: string) => recorded.text.split('\n').slice(recorded.text.split('\n').indexOf(line));

  test('inside DATA content: `S: <closed>` after the lines sent, under a note, and no `.` the client never sent', () => {
    const recorded = record([...opening, ['C', 'Subject: half\r\n'], ['closed', 'server']]);
    assert.deepEqual(after(recorded, 'C: DATA'), ['C: DATA', 'S: 354 go', 'C: Subject: half', '# the server closed the connection inside the message content, before the final "."', 'S: <closed>', '']);
    assert.deepEqual(recorded.problems, []);
    const message = parseTranscript(recorded.text).sessions[0].exchanges.at(-1)!;
    assert.deepEqual([message.kind, message.kind === 'message' && message.closedByServer, message.reply], ['message', true, undefined]);
  });

  test('its FIN first, then more of the message from the client: the close where it came, the rest as lines sent after it', () => {
    const recorded = record([...opening, ['C', 'Subject: half\r\n'], ['server-ended'], ['C', 'more\r\n.\r\n'], ['closed', 'client']]);
    assert.deepEqual(after(recorded, 'C: Subject: half'), [
      'C: Subject: half',
      '# the server closed the connection inside the message content, before the final "."',
      'S: <closed>',
      '# the client went on after the session ended (the server closed the connection); unanswered, what it sent is kept as comments:',
      '# C: more',
      '# C: .',
      '',
    ]);
  });

  test('inside a BDAT chunk short of its size: `S: <closed>` after the octets sent, the size kept as declared', () => {
    const recorded = record([...ENVELOPE, ['C', 'BDAT 100 LAST\r\nSubject: half\r\n'], ['closed', 'server']]);
    assert.deepEqual(after(recorded, 'C: BDAT 100 LAST'), ['C: BDAT 100 LAST', 'C: Subject: half', '# the server closed the connection inside the BDAT chunk, short of the octets it declares', 'S: <closed>', '']);
    assert.deepEqual(recorded.problems, []);
    const transcript = parseTranscript(recorded.text);
    const chunk = transcript.sessions[0].exchanges.at(-1)!;
    assert.deepEqual([transcript.diagnostics, chunk.kind, chunk.kind === 'bdat' && chunk.closedByServer], [[], 'bdat', true]);
  });

  test('its own 421 inside a BDAT chunk short of its size: the octets sent, then the 421 and the close; the chunk keeps its size', () => {
    const recorded = record([...ENVELOPE, ['C', 'BDAT 100 LAST\r\nSubject: half\r\n'], ['S', '421 4.4.2 mx.test Error: timeout exceeded\r\n'], ['closed', 'server']]);
    assert.deepEqual(after(recorded, 'C: BDAT 100 LAST'), [
      'C: BDAT 100 LAST',
      'C: Subject: half',
      '# the server ended the session inside the BDAT chunk, short of the octets it declares',
      'S: 421 4.4.2 mx.test Error: timeout exceeded',
      'S: <closed>',
      '',
    ]);
    assert.deepEqual(recorded.problems, []);
    const transcript = parseTranscript(recorded.text);
    const chunk = transcript.sessions[0].exchanges.at(-1)!;
    assert.deepEqual([transcript.diagnostics, chunk.kind === 'bdat' && chunk.closedByServer, transcript.sessions[0].closingNotice?.code], [[], true, '421']);
    // A 421 after the whole chunk answers it, as any reply does.
    const whole = record([...ENVELOPE, ['C', 'BDAT 6 LAST\r\nhalf\r\n'], ['S', '421 4.3.0 shutting down\r\n'], ['closed', 'server']]);
    assert.deepEqual(after(whole, 'C: BDAT 6 LAST'), ['C: BDAT 6 LAST', 'C: half', 'S: 421 4.3.0 shutting down', 'S: <closed>', '']);
  });

  test("its own 421 inside DATA content (an idle timeout): the 421 and the close after the lines sent, no `.`", () => {
    const recorded = record([...opening, ['C', 'Subject: half\r\n'], ['S', '421 4.4.2 mx.test Error: timeout exceeded\r\n'], ['closed', 'server']]);
    assert.deepEqual(after(recorded, 'C: Subject: half'), [
      'C: Subject: half',
      '# the server ended the session inside the message content, before the final "."',
      'S: 421 4.4.2 mx.test Error: timeout exceeded',
      'S: <closed>',
      '',
    ]);
    assert.deepEqual(recorded.problems, []);
    const session = parseTranscript(recorded.text).sessions[0];
    assert.deepEqual([session.exchanges.at(-1)?.kind, session.closingNotice?.code], ['message', '421']);
  });

  test('in place of the reply to the final `.`: `S: <closed>` under a note, read as the server closing instead of replying', () => {
    const recorded = record([...opening, ['C', 'Subject: whole\r\n.\r\n'], ['closed', 'server']]);
    assert.deepEqual(after(recorded, 'C: .'), ['C: .', '# the server closed the connection without replying to the line above', 'S: <closed>', '']);
    const transcript = parseTranscript(recorded.text);
    const message = transcript.sessions[0].exchanges.at(-1)!;
    assert.deepEqual([message.kind, message.reply, message.answeredByClose], ['message', undefined, true]);
    assert.deepEqual(lintTranscript(transcript).filter((d) => d.code === 'reply-missing').map((d) => [d.range.start.line, d.severity]), [[message.kind === 'message' ? message.terminator!.line : -1, 'info']]);
  });

  test('in place of the replies to a pipelined group: counted in the note', () => {
    const recorded = record([
      ['S', '220 mx.test ESMTP\r\n'],
      ['C', 'EHLO client.test\r\n'],
      ['S', '250-mx.test\r\n250 PIPELINING\r\n'],
      ['C', 'MAIL FROM:<a@client.test>\r\nRCPT TO:<b@mx.test>\r\n'],
      ['closed', 'server'],
    ]);
    assert.deepEqual(after(recorded, 'C: MAIL FROM:<a@client.test>'), ['C: MAIL FROM:<a@client.test>', 'C: RCPT TO:<b@mx.test>', '# the server closed the connection without replying to the last 2 lines it was sent', 'S: <closed>', '']);
  });
});

describe('a client that closes first', () => {
  const after = (recorded: RecordedTranscript, line: string) => recorded.text.split('\n').slice(recorded.text.split('\n').indexOf(line));

  test("owed nothing: its close where it came, and what the server says after it (Exim's 421) as comments", () => {
    const recorded = record([...ENVELOPE, ['C', 'VRFY b\r\n'], ['S', '501 b: recipient address must contain a domain\r\n'], ['client-ended'], ['S', '421 mx.test lost input connection\r\n'], ['closed', 'client']]);
    assert.deepEqual(after(recorded, 'C: VRFY b'), [
      'C: VRFY b',
      'S: 501 b: recipient address must contain a domain',
      'C: <close>',
      '# the server wrote this after the client had closed the connection, answering no command:',
      '# S: 421 mx.test lost input connection',
      '',
    ]);
    assert.deepEqual(recorded.problems, []);
    const session = parseTranscript(recorded.text).sessions[0];
    assert.deepEqual([session.closingNotice, session.exchanges.at(-1)?.kind], [undefined, 'client-close']);
  });

  test('owed a reply (its QUIT): the 221 after its FIN is still the reply', () => {
    const recorded = record([...ENVELOPE, ['C', 'QUIT\r\n'], ['client-ended'], ['S', '221 bye\r\n'], ['closed', 'client']]);
    assert.deepEqual(after(recorded, 'C: QUIT'), ['C: QUIT', 'S: 221 bye', 'S: <closed>', '']);
    assert.deepEqual(recorded.problems, []);
  });

  // RFC 5321 §3.8, §4.1.1.10: after its 221 or 421 the server closes. A client leaving as it reads the reply races that
  // close; the recording is the same whichever side's FIN the proxy saw first.
  for (const { name, end } of [
    { name: 'the 221 to QUIT', end: [['C', 'QUIT\r\n'], ['S', '221 bye\r\n']] as Step[] },
    { name: "the server's own 421", end: [['S', '421 4.4.2 mx.test timeout\r\n']] as Step[] },
    { name: 'a 421 inside DATA content', end: [['C', 'DATA\r\n'], ['S', '354 go\r\n'], ['C', 'Subject: x\r\n'], ['S', '421 4.4.2 mx.test timeout\r\n']] as Step[] },
    { name: 'a 421 inside a BDAT chunk', end: [['C', 'BDAT 100 LAST\r\nSubject: x\r\n'], ['S', '421 4.4.2 mx.test timeout\r\n']] as Step[] },
  ]) {
    test(`after ${name}: the same recording whichever side closes first`, () => {
      const serverFirst = record([...ENVELOPE, ...end, ['server-ended'], ['closed', 'server']]);
      const clientFirst = record([...ENVELOPE, ...end, ['client-ended'], ['closed', 'client']]);
      assert.equal(clientFirst.text, serverFirst.text);
      assert.deepEqual(serverFirst.text.split('\n').slice(-2), ['S: <closed>', '']);
      assert.deepEqual([serverFirst.problems, clientFirst.problems], [[], []]);
    });
  }
});
