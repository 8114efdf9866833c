// What the recording proxy follows of the dialogue it relays: a line of any length is one command, so the reply
// that answers a STARTTLS after it is still known as STARTTLS's (RFC 3207 §4), and the proxy keeps only a line's start.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RelayedDialogue, type ServerLineEnd } from '../../../server/src/record/relayedDialogue';

/** Feeds the server's bytes as the proxy does, one line at a time; what each line ended. */
function serverSaid(dialogue: RelayedDialogue, text: string): Array<ServerLineEnd | undefined> {
  return text.split(/(?<=\n)/).map((piece) => dialogue.serverSent(Buffer.from(piece)));
}

describe('the dialogue the proxy follows', () => {
  test('a NOOP of 2 MiB, read in 64 KiB pieces, is one command: the 220 after STARTTLS is still its answer', () => {
    const dialogue = new RelayedDialogue();
    const ends = serverSaid(dialogue, '220 mx ESMTP\r\n');
    dialogue.clientSent(Buffer.from('EHLO c\r\n'));
    ends.push(...serverSaid(dialogue, '250-mx\r\n250 STARTTLS\r\n'));
    const giant = `NOOP ${'x'.repeat(2 * 1024 * 1024)}\r\n`;
    for (let at = 0; at < giant.length; at += 64 * 1024) dialogue.clientSent(Buffer.from(giant.slice(at, at + 64 * 1024)));
    const owedForNoop = dialogue.owed;
    ends.push(...serverSaid(dialogue, '250 2.0.0 Ok\r\n'));
    dialogue.clientSent(Buffer.from('STARTTLS\r\n'));
    ends.push(...serverSaid(dialogue, '220 2.0.0 Ready to start TLS\r\n'));
    assert.deepEqual([owedForNoop, ends, dialogue.owed], [1, ['final', undefined, 'final', 'final', 'starttls-accepted'], 0]);
  });

  test('a command pipelined after STARTTLS is owed a reply of its own, not counted before STARTTLS\'s', () => {
    const dialogue = new RelayedDialogue();
    serverSaid(dialogue, '220 mx ESMTP\r\n');
    dialogue.clientSent(Buffer.from('STARTTLS\r\nEHLO c\r\n'));
    assert.deepEqual([serverSaid(dialogue, '220 2.0.0 Go ahead\r\n'), dialogue.owed], [['starttls-accepted'], 1]);
  });
});
