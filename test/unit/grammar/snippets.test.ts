import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from '../../../server/src/model';

interface Snippet {
  prefix: string | string[];
  body: string[];
}
const snippets: Record<string, Snippet> = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'snippets', 'smtp.json'), 'utf8'),
);

/** What VS Code inserts when every placeholder keeps its default text. */
function expand(body: string[]): string {
  const defaults = new Map<string, string>();
  return body
    .join('\n')
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, index: string, text: string) => {
      defaults.set(index, text);
      return text;
    })
    .replace(/\$(\d+)/g, (_, index: string) => defaults.get(index) ?? '')
    .replace(/\\\$/g, '$');
}

const OPENING = ['S: 220 *', 'C: EHLO client.test', 'S: 250 *'];
const TRANSACTION = [...OPENING, 'C: MAIL FROM:<a@example.org>', 'S: 250 *', 'C: RCPT TO:<b@example.com>', 'S: 250 *'];

test('each snippet, in the place it is meant for, parses without problems', () => {
  const contexts: Record<string, string[]> = { Session: [], 'STARTTLS and AUTH': OPENING, DATA: TRANSACTION, BDAT: TRANSACTION };
  assert.deepEqual(Object.keys(snippets), Object.keys(contexts));
  for (const [name, snippet] of Object.entries(snippets)) {
    const text = [...contexts[name], expand(snippet.body)].join('\n');
    assert.deepEqual(parseTranscript(text).diagnostics, [], `${name}:\n${text}`);
  }
});

test('the DATA snippet expands to a complete message', () => {
  assert.equal(
    expand(snippets.DATA.body),
    [
      'C: DATA',
      'S: 354 *',
      'C: From: <sender@example.org>',
      'C: To: <recipient@example.com>',
      'C: Subject: Hello',
      'C: Date: {{$date}}',
      'C: Message-ID: {{$message-id}}',
      'C:',
      'C: Body text; a line starting with a dot is written with two.',
      'C: .',
      'S: 250 *',
      '',
    ].join('\n'),
  );
});
