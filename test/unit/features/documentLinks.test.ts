// Document links: each file a transcript names, resolved as replay resolves it (relative to the transcript).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { getLanguageService } from '../../../server/src/features/languageService';
import { lines } from '../../support/text';

const service = getLanguageService();
const links = (text: string, uri = 'file:///work/tests/send.smtp') =>
  service.getDocumentLinks({ uri }, parseTranscript(text)).map((l) => `${l.range.start.line + 1}:${l.range.start.character}-${l.range.end.character} ${l.target} (${l.tooltip})`);

const MESSAGE = (...content: string[]) => ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...content, 'C: .', 'S: 250 ok'];

test('includes (MIME ones too), @ca and @dkim-key paths link to the file, relative to the transcript', () => {
  const text = lines(
    '@ca = ../certs/ca.pem',
    '@dkim-domain = example.org',
    '@dkim-selector = s1',
    '@dkim-key =  /etc/keys/dkim.pem',
    ...MESSAGE('< body.eml', '< attach application/pdf ./files/a report#1.pdf'),
  );
  assert.deepEqual(links(text), [
    '1:6-21 file:///work/certs/ca.pem (Open ../certs/ca.pem)',
    '4:13-31 file:///etc/keys/dkim.pem (Open /etc/keys/dkim.pem)',
    '14:2-10 file:///work/tests/body.eml (Open body.eml)',
    '15:25-47 file:///work/tests/files/a%20report%231.pdf (Open ./files/a report#1.pdf)',
  ]);
});

test('no link for a path made with {{...}}, a PEM written in the setting, other settings, or a document without a folder', () => {
  const text = lines('@ca = {{$env CA_FILE}}', '@dkim-key = -----BEGIN PRIVATE KEY-----', '@server = ./not-a-path', '@user = ./neither', ...MESSAGE('< {{file}}'));
  assert.deepEqual(links(text), []);
  assert.deepEqual(links(lines(...MESSAGE('< body.eml')), 'untitled:Untitled-1'), []);
});

test('a session\'s own settings and a BDAT chunk\'s include link too; a web workspace\'s URI is resolved the same way', () => {
  const text = lines('### one', '@ca = ca.pem', 'S: 220 mx', 'C: EHLO c.test', 'S: 250-mx', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: BDAT * LAST', '< ../message.eml', 'S: 250 ok');
  assert.deepEqual(links(text, 'vscode-vfs://github/owner/repo/tests/send.smtp'), [
    '2:6-12 vscode-vfs://github/owner/repo/tests/ca.pem (Open ca.pem)',
    '12:2-16 vscode-vfs://github/owner/repo/message.eml (Open ../message.eml)',
  ]);
});
