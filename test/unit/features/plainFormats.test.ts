// What a client without snippets, Markdown or a nested outline gets: the same answers in the form it takes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/features/languageService';
import { markdownAsPlainText, snippetAsPlainText } from '../../../server/src/features/plainText';
import { parseTranscript } from '../../../server/src/model';
import { withCursor } from '../../support/cursor';
import { lines } from '../../support/text';

const service = getLanguageService();
const URI = 'file:///t.smtp';

describe('snippets as plain text', () => {
  test('each placeholder keeps its default, a choice its first value; escapes are read', () => {
    assert.equal(snippetAsPlainText('EHLO ${1:client.example.com}'), 'EHLO client.example.com');
    assert.equal(snippetAsPlainText('\\$plain ${1:user} ${2:password}}}'), '$plain user password}}');
    assert.equal(snippetAsPlainText('tls = ${1|none,starttls,implicit|}'), 'tls = none');
    assert.equal(snippetAsPlainText('a ${1:outer ${2:inner}} b$0 ${3} \\\\ \\}'), 'a outer inner b  \\ }');
    assert.equal(snippetAsPlainText('${1|a\\,b,c|}'), 'a,b');
  });

  test('completion without snippet support: plain text items', () => {
    const { transcript, position } = withCursor(lines('@u = x', 'S: 220 mx', 'C: |'));
    const ehlo = service.getCompletions({ uri: URI }, transcript, position, { snippets: false }).items.find((i) => i.label === 'EHLO');
    assert.deepEqual([ehlo?.insertTextFormat, ehlo?.textEdit?.newText], [1, 'EHLO client.example.com']);
    const { transcript: t2, position: p2 } = withCursor(lines('@u = x', 'S: 220 mx', 'C: EHLO {{|'));
    assert.deepEqual(
      service.getCompletions({ uri: URI }, t2, p2, { snippets: false }).items.map((i) => [i.insertTextFormat, i.textEdit?.newText]).slice(0, 3),
      [[1, 'u}}'], [1, '$env NAME}}'], [1, '$base64 text}}']],
    );
  });
});

describe('Markdown as plain text', () => {
  test('fences and emphasis dropped, inline code unquoted, links with their address', () => {
    const markdown = ['**220** <domain> Service ready', '```smtp', 'C: EHLO `x`', '```', 'Use ``a `b` c`` or `*` in *rule-id*: [RFC 5321 §4.2](https://x.test/a)'].join('\n');
    assert.equal(markdownAsPlainText(markdown), ['220 <domain> Service ready', 'C: EHLO x', 'Use a `b` c or * in rule-id: RFC 5321 §4.2 (https://x.test/a)'].join('\n'));
  });

  test('hover in plain text for a client whose contentFormat lacks Markdown', () => {
    const hover = service.getHover({ uri: URI }, parseTranscript('S: 220 mx\nC: RSET\nS: 250 ok'), { line: 2, character: 4 }, undefined, 'plaintext');
    assert.deepEqual(hover?.contents, {
      kind: 'plaintext',
      value: [
        '250 Requested mail action okay, completed',
        'Here, as the reply to RSET: any transaction is dropped, with its sender, recipients and content. RFC 5321 §4.1.1.5 (https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.5)',
        'The command succeeded. After the end of DATA content (or BDAT LAST) the server has taken responsibility for delivering the message.',
        '2xx: Positive Completion reply · x5x: Mail system.',
        'Also: "OK, queuing for node <x> started" (RFC 1985)',
        'RFC 5321 §4.2.3 (https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3)',
      ].join('\n\n'),
    });
  });
});

test('the outline as flat SymbolInformation for a client without hierarchical symbols', () => {
  const transcript = parseTranscript(lines('### one', 'S: 220 x', 'C: EHLO a', 'S: 250 ok', 'C: MAIL FROM:<a@b>', 'S: 250 ok'));
  const at = (line: number, start: number, endLine: number, end: number) => ({ uri: URI, range: { start: { line, character: start }, end: { line: endLine, character: end } } });
  assert.deepEqual(service.getSymbolInformation({ uri: URI }, transcript), [
    { name: 'one', kind: 3, location: at(0, 0, 5, 9) },
    { name: 'Greeting', kind: 24, location: at(1, 0, 1, 8), containerName: 'one' },
    { name: 'EHLO a', kind: 6, location: at(2, 0, 3, 9), containerName: 'one' },
    { name: 'MAIL <a@b> → no recipients', kind: 19, location: at(4, 0, 5, 9), containerName: 'one' },
    { name: 'MAIL FROM:<a@b>', kind: 6, location: at(4, 0, 5, 9), containerName: 'MAIL <a@b> → no recipients' },
  ]);
});
