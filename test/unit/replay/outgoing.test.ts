import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { outgoingFor, type OutgoingContext } from '../../../server/src/replay/outgoing';
import { ReplayError } from '../../../server/src/replay/replayError';

/** What the exchange at `index` of the first session sends, as wire text, with the secrets it declared. */
async function send(text: string, index: number, files: Record<string, string> = {}) {
  const exchange = parseTranscript(text).sessions[0].exchanges[index];
  const secrets: string[] = [];
  const context: OutgoingContext = {
    resolve: (t) => t.replace('{{name}}', 'Alice'),
    addSecret: (value) => void secrets.push(value),
    readInclude: async (path) => {
      if (!(path in files)) throw new ReplayError('include', `cannot read ${path}`);
      return Buffer.from(files[path], 'latin1');
    },
  };
  const out = await outgoingFor(exchange, context);
  return { wire: Buffer.concat(out.data).toString('latin1'), shown: out.shown.map((l) => `${l.direction} ${l.text}`), secrets };
}

describe('outgoingFor', () => {
  test('a command goes out with CRLF and substituted variables', async () => {
    assert.deepEqual(await send('S: 220\nC: EHLO {{name}}.test\nS: 250', 1), {
      wire: 'EHLO Alice.test\r\n',
      shown: ['C EHLO Alice.test'],
      secrets: [],
    });
  });

  test('AUTH initial response and AUTH responses are masked and recorded as secrets', async () => {
    assert.deepEqual(await send('S: 220\nC: AUTH PLAIN AGFsaWNlAHMzY3IzdA==\nS: 235', 1), {
      wire: 'AUTH PLAIN AGFsaWNlAHMzY3IzdA==\r\n',
      shown: ['C AUTH PLAIN ****'],
      secrets: ['AGFsaWNlAHMzY3IzdA=='],
    });
    // Blanks before the verb (the transcript's, sent as written) do not unmask it.
    assert.deepEqual(await send('S: 220\nC:   AUTH PLAIN AGFsaWNlAHMzY3IzdA==\nS: 235', 1), {
      wire: '  AUTH PLAIN AGFsaWNlAHMzY3IzdA==\r\n',
      shown: ['C   AUTH PLAIN ****'],
      secrets: ['AGFsaWNlAHMzY3IzdA=='],
    });
    assert.deepEqual((await send('S: 220\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6', 1)).shown, ['C AUTH LOGIN']);
    assert.deepEqual(await send('S: 220\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: YWxpY2U=\nS: 334 UGFzc3dvcmQ6', 2), {
      wire: 'YWxpY2U=\r\n',
      shown: ['C ****'],
      secrets: ['YWxpY2U='],
    });
  });

  test('DATA content: lines as written, includes with CRLF line ends and dot-stuffing, then the final dot', async () => {
    const text = 'S: 220\nC: DATA\nS: 354\nC: Subject: hi\nC:\nC: ..stuffed by hand\n< ./body.txt\nC: .\nS: 250';
    assert.deepEqual(await send(text, 2, { './body.txt': 'one\n.two\r\n.\nlast' }), {
      wire: 'Subject: hi\r\n\r\n..stuffed by hand\r\none\r\n..two\r\n..\r\nlast\r\n.\r\n',
      shown: ['C Subject: hi', 'C ', 'C ..stuffed by hand', 'C one', 'C ..two', 'C ..', 'C last', 'C .'],
      secrets: [],
    });
  });

  test('long content is summarized in what is shown, never in what is sent', async () => {
    const body = Array.from({ length: 250 }, (_, i) => `line ${i}`).join('\n') + '\n' + 'x'.repeat(2000);
    const out = await send('S: 220\nC: DATA\nS: 354\n< ./big.eml\nC: .\nS: 250', 2, { './big.eml': body });
    assert.equal(out.wire, body.replace(/\n/g, '\r\n') + '\r\n.\r\n');
    assert.deepEqual(out.shown.slice(198), ['C line 198', 'C line 199', 'info 51 more lines of ./big.eml sent (4392 octets in all)', 'C .']);
    const oneLong = await send('S: 220\nC: DATA\nS: 354\n< ./long.eml\nC: .\nS: 250', 2, { './long.eml': 'y'.repeat(5000) });
    assert.deepEqual(oneLong.shown, [`C ${'y'.repeat(998)}...`, 'C .']);
  });

  test('a missing include is an include error', async () => {
    await assert.rejects(send('S: 220\nC: DATA\nS: 354\n< ./gone.eml\nC: .\nS: 250', 2), { kind: 'include' });
  });

  test('BDAT sends exactly the declared octets; a chunk may end mid-line', async () => {
    assert.deepEqual(await send('S: 220\nC: BDAT 9 LAST\nC: Hi\nC: there\nS: 250', 1), {
      wire: 'BDAT 9 LAST\r\nHi\r\nthere',
      shown: ['C BDAT 9 LAST', 'C Hi', 'C there'],
      secrets: [],
    });
  });

  test('BDAT * counts the chunk, includes not dot-stuffed', async () => {
    const out = await send('S: 220\nC: BDAT * LAST\nC: Subject: x\n< ./body.txt\nS: 250', 1, { './body.txt': '.dot\n' });
    assert.equal(out.wire, 'BDAT 18 LAST\r\nSubject: x\r\n.dot\r\n');
  });

  test('BDAT whose substituted chunk no longer has the declared size is refused before sending', async () => {
    await assert.rejects(send('S: 220\nC: BDAT 15 LAST\nC: Hi {{name}}!!\nS: 250', 1), {
      kind: 'bdat-size',
      message: 'BDAT declares 15 octets but the chunk holds 12 (after substituting variables and reading includes); write `BDAT * LAST` to have the count computed',
      line: 1,
    });
  });
});
