import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const configuration = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'language-configuration.json'), 'utf8'));
const words = (line: string): string[] => line.match(new RegExp(configuration.wordPattern, 'g')) ?? [];

test('a word is a whole address, domain, enhanced code, variable or built-in name', () => {
  assert.deepEqual(words('C: MAIL FROM:<first.last+tag@mail.example.com> SIZE=1000'), [
    'C',
    'MAIL',
    'FROM',
    'first.last+tag@mail.example.com',
    'SIZE',
    '1000',
  ]);
  assert.deepEqual(words('S: 550 5.1.1 <nobody@example.com>: unknown.'), ['S', '550', '5.1.1', 'nobody@example.com', 'unknown']);
  assert.deepEqual(words('C: AUTH PLAIN {{$plain {{user.name}} {{smtp-password}}}}'), ['C', 'AUTH', 'PLAIN', '$plain', 'user.name', 'smtp-password']);
  assert.deepEqual(words('@tls-servername = mx.example.com'), ['tls-servername', 'mx.example.com']);
});

test('`#` comments lines; `{` closes itself, so `{{` becomes `{{}}` and the `}}` typed after a name steps over it', () => {
  assert.equal(configuration.comments.lineComment, '#');
  // A `{{`/`}}` pair is closed by VS Code but not stepped over as `}` is typed: `{{user}}` typed came out `{{user}}}}`
  // (test/e2e/suite/typingReferences.e2e.ts types it). Brackets, for matching and colours, stay the whole `{{ }}`.
  assert.deepEqual(configuration.autoClosingPairs[0], { open: '{', close: '}', notIn: ['comment'] });
  assert.deepEqual(configuration.brackets, [['{{', '}}']]);
});
