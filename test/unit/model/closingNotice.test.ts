// The server's own 421 (RFC 5321 §3.8): a `421` that answers no command ends the session (`Session.closingNotice`),
// as a server's idle timeout or shutdown sends it; the editor explains it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import type { Transcript } from '../../../server/src/model';
import { getHover } from '../../../server/src/features/hover/getHover';

const text = (...lines: string[]): string => lines.join('\n');
const problems = (t: Transcript): string[] => t.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`);
const notice = (t: Transcript): string[] | undefined => t.sessions[0].closingNotice?.lines.map((l) => `${l.line + 1} ${l.payload.text}`);

describe("the server's own 421", () => {
  test('after a complete reply, with its <delay> and a <closed> below: the session ends with it', () => {
    const t = parseTranscript(text('S: 220 mx', 'C: EHLO a.test', 'S: 250 mx', 'S: <delay 5m>', 'S: 421 4.4.2 mx idle timeout', 'S: <closed>'));
    assert.deepEqual(
      [problems(t), notice(t), t.sessions[0].closingNotice?.markers?.map((m) => `${m.name} ${m.value}`), t.sessions[0].exchanges.length, t.sessions[0].expectsClose?.line],
      [[], ['5 421 4.4.2 mx idle timeout'], ['delay 300000'], 2, 5],
    );
  });

  test('a <delay> between it and <closed> goes with the close (the connection stays open that long); a <drip> there is misplaced', () => {
    const delayed = parseTranscript(text('S: 220 mx', 'S: 421 4.4.2 idle', 'S: <delay 1s>', 'S: <closed>'));
    const dripped = parseTranscript(text('S: 220 mx', 'S: 421 4.4.2 idle', 'S: <drip 10ms>', 'S: <closed>'));
    assert.deepEqual(
      [problems(delayed), delayed.sessions[0].expectsClose?.before?.map((m) => m.name), problems(dripped)],
      [
        [],
        ['delay'],
        [
          "3 line-after-close: The connection is closed at line 2 (the server's `421`): start a new session with `###` to continue.",
          '3 server-marker-misplaced: `<drip 10ms>` is misplaced: it acts on a reply, and `<closed>` follows it.',
        ],
      ],
    );
  });

  test('right after the greeting, and as a multi-line reply', () => {
    const t = parseTranscript(text('S: 220 mx', 'S: 421-mx shutting down', 'S: 421 try later'));
    assert.deepEqual([problems(t), notice(t)], [[], ['2 421-mx shutting down', '3 421 try later']]);
  });

  test('a 421 that a command awaits is its reply, not a notice; a line after the notice is after the close', () => {
    const answered = parseTranscript(text('S: 220 mx', 'C: MAIL FROM:<a@b.test>', 'S: 421 4.3.2 bye'));
    const after = parseTranscript(text('S: 220 mx', 'C: EHLO a.test', 'S: 250 mx', 'S: 421 4.4.2 idle', 'C: QUIT', 'S: 221 bye'));
    assert.deepEqual(
      [notice(answered), answered.sessions[0].exchanges[1].reply?.code, notice(after), problems(after)],
      [undefined, '421', ['4 421 4.4.2 idle'], ["5 line-after-close: The connection is closed at line 4 (the server's `421`): start a new session with `###` to continue."]],
    );
  });

  test('any other reply that answers nothing is still an error', () => {
    const t = parseTranscript(text('S: 220 mx', 'C: EHLO a.test', 'S: 250 mx', 'S: 250 again'));
    assert.deepEqual([notice(t), problems(t)], [undefined, ['4 reply-without-command: No command awaits this reply: every `S:` reply answers the greeting or a `C:` line above it.']]);
  });

  test('hover: the code as any reply code, the text says what the notice is and how replay and the mock play it', () => {
    const t = parseTranscript(text('S: 220 mx', 'S: 421 4.4.2 mx idle timeout'));
    const at = (character: number) => {
      const hover = getHover(t, { line: 1, character });
      return hover && (hover.contents as { value: string }).value.split('\n')[0];
    };
    assert.deepEqual(
      [at(4), at(17)],
      [
        '**421** \\<domain\\> Service not available, closing transmission channel',
        "This reply answers no command: it is the server's own `421`, ending the session (an idle timeout, a shutdown; RFC 5321 §3.8).",
      ],
    );
  });
});
