import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SelectionRange } from 'vscode-languageserver-types';
import { getSelectionRanges } from '../../../server/src/features/selectionRanges';
import { getLanguageService } from '../../../server/src/features/languageService';
import { withCursor } from '../../support/cursor';

/** The chain at the cursor, innermost first, as `line:character-line:character`. */
const chain = (range: SelectionRange | undefined): string[] => {
  const out: string[] = [];
  for (let r = range; r; r = r.parent) out.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
  return out;
};
const at = (marked: string): string[] => {
  const { transcript, position } = withCursor(marked);
  return chain(getSelectionRanges(transcript, [position])[0]);
};

const SESSION = ['### s', 'S: 220 mx', 'C: EHLO c', 'S: 250-mx', 'S: 250 SIZE', 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x>', 'S: 250 2.1.5 ok', 'C: DATA', 'S: 354 go', 'C: hi', 'C: .', 'S: 250 queued'];
const marked = (line: number, character: number) => SESSION.map((text, i) => (i === line ? `${text.slice(0, character)}|${text.slice(character)}` : text)).join('\n');

describe('expand selection', () => {
  test('a reply code: the code, the text after `S: `, the line, the exchange, the mail transaction, the session', () => {
    assert.deepEqual(at(marked(8, 4)), ['8:3-8:6', '8:3-8:15', '8:0-8:15', '7:0-8:15', '5:0-13:13', '0:0-13:13']);
  });

  test('an enhanced code, and a line of a multi-line reply: the whole reply before the exchange', () => {
    assert.deepEqual(at(marked(8, 8)), ['8:7-8:12', '8:3-8:15', '8:0-8:15', '7:0-8:15', '5:0-13:13', '0:0-13:13']);
    assert.deepEqual(at(marked(3, 8)), ['3:7-3:9', '3:3-3:9', '3:0-3:9', '3:0-4:11', '2:0-4:11', '0:0-13:13']);
  });

  test("LMTP: a further recipient's multi-line reply, then the message with all its replies (RFC 2033 §4.2)", () => {
    const lmtp = ['S: 220 store', 'C: LHLO c', 'S: 250 store', 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x>', 'S: 250 ok', 'C: RCPT TO:<c@x>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: hi', 'C: .', 'S: 250 b', 'S: 452-c is', 'S: 4|52 over quota'].join('\n');
    assert.deepEqual(at(lmtp), ['15:3-15:6', '15:3-15:17', '15:0-15:17', '14:0-15:17', '11:0-15:17', '3:0-15:17', '0:0-15:17']);
  });

  test('a verb, then its argument and the command; a content line, then the message with its reply', () => {
    assert.deepEqual(at(marked(2, 4)), ['2:3-2:7', '2:3-2:9', '2:0-2:9', '2:0-4:11', '0:0-13:13']);
    assert.deepEqual(at(marked(7, 12)), ['7:8-7:16', '7:3-7:16', '7:0-7:16', '7:0-8:15', '5:0-13:13', '0:0-13:13']);
    assert.deepEqual(at(marked(11, 4)), ['11:3-11:5', '11:0-11:5', '11:0-13:13', '5:0-13:13', '0:0-13:13']);
  });

  test('pipelined (RFC 2920): the command with its reply below the group; an AUTH response within its dialogue', () => {
    assert.deepEqual(at('C: MAIL FROM:<a@x>\nC: RCPT TO:<|b@x>\nC: DATA\nS: 250 ok\nS: 250 ok\nS: 354 go'), ['1:8-1:16', '1:3-1:16', '1:0-1:16', '1:0-4:9', '0:0-5:9']);
    assert.deepEqual(at('S: 220 mx\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dX|Nlcg==\nS: 334 UGFzc3dvcmQ6\nC: cGFzcw==\nS: 235 ok'), [
      '3:3-3:11',
      '3:0-3:11',
      '3:0-4:19',
      '1:0-6:9',
      '0:0-6:9',
    ]);
  });

  test('a directive, a comment, a blank line in a session and one above every session', () => {
    assert.deepEqual(at('@server = lo|calhost\nS: 220 x'), ['0:10-0:19', '0:0-0:19']);
    assert.deepEqual(at('# a com|ment\nS: 220 x'), ['0:0-0:11']);
    assert.deepEqual(at('S: 220 x\n|\nC: QUIT'), ['1:0-1:0', '0:0-2:7']);
    assert.deepEqual(at('# top\n|\n### a\nS: 220 x'), ['1:0-1:0']);
  });

  test('one chain per position, each range holding the one before; in the editor\'s positions after a byte order mark', () => {
    const { transcript } = withCursor(`${SESSION.join('\n')}|`);
    const chains = getSelectionRanges(transcript, [{ line: 8, character: 4 }, { line: 2, character: 4 }, { line: 13, character: 13 }]).map(chain);
    assert.deepEqual(chains, [at(marked(8, 4)), at(marked(2, 4)), ['13:7-13:13', '13:3-13:13', '13:0-13:13', '11:0-13:13', '5:0-13:13', '0:0-13:13']]);
    // LSP 3.15: a parent range contains its child; none equals it.
    for (const line of SESSION.keys()) {
      for (const character of [0, 3, 5, 9]) {
        for (let r: SelectionRange | undefined = getSelectionRanges(transcript, [{ line, character }])[0]; r?.parent; r = r.parent) {
          const [inner, outer] = [r.range, r.parent.range];
          const holds = (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) && (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
          assert.ok(holds && JSON.stringify(inner) !== JSON.stringify(outer), `line ${line}:${character}: ${JSON.stringify(inner)} in ${JSON.stringify(outer)}`);
        }
      }
    }
    const service = getLanguageService();
    const bom = withCursor('\uFEFFS: 2|20 mx\nC: QUIT\nS: 221 bye');
    // The editor's line 0 holds the mark at character 0: its positions are one further on than the parse's.
    const editorPosition = { line: 0, character: bom.position.character };
    assert.deepEqual(chain(service.getSelectionRanges({ uri: 'file:///b.smtp' }, bom.transcript, [editorPosition])[0]), ['0:4-0:7', '0:4-0:10', '0:1-0:10', '0:1-2:10']);
  });
});
