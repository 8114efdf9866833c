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

test('a path is resolved as replay reads it: repeated slashes are one (`//x` names no host), `..` stops at the root, a folder is no link', () => {
  const text = lines(...MESSAGE('< //host/share/a.eml', '< ../../../../x.eml', '< parts//b.eml', '< ./parts/', '< ..', '< 100%.eml'));
  assert.deepEqual(links(text), [
    '10:2-20 file:///host/share/a.eml (Open //host/share/a.eml)',
    '11:2-19 file:///x.eml (Open ../../../../x.eml)',
    '12:2-14 file:///work/tests/parts/b.eml (Open parts//b.eml)',
    '15:2-10 file:///work/tests/100%25.eml (Open 100%.eml)',
  ]);
});

test('a Windows document reads `\\` as a separator and a drive or share path as absolute; its root is its drive or share', () => {
  const text = lines(...MESSAGE('< parts\\b.eml', '< C:\\certs\\ca.pem', '< \\\\server\\share\\m.eml', '< \\top.eml', '< ..\\..\\..\\..\\up.eml'));
  assert.deepEqual(links(text, 'file:///c%3A/Users/me/send.smtp'), [
    '10:2-13 file:///c%3A/Users/me/parts/b.eml (Open parts\\b.eml)',
    '11:2-17 file:///C%3A/certs/ca.pem (Open C:\\certs\\ca.pem)',
    '12:2-22 file://server/share/m.eml (Open \\\\server\\share\\m.eml)',
    '13:2-10 file:///c%3A/top.eml (Open \\top.eml)',
    '14:2-20 file:///c%3A/up.eml (Open ..\\..\\..\\..\\up.eml)',
  ]);
  assert.deepEqual(links(text, 'file://server/share/tests/send.smtp').slice(3), ['13:2-10 file://server/share/top.eml (Open \\top.eml)', '14:2-20 file://server/share/up.eml (Open ..\\..\\..\\..\\up.eml)']);
  // Elsewhere a backslash is a character of the name.
  assert.deepEqual(links(lines(...MESSAGE('< parts\\b.eml'))), ['10:2-13 file:///work/tests/parts%5Cb.eml (Open parts\\b.eml)']);
});
