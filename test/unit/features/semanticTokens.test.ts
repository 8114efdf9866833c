import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { getSemanticTokens } from '../../../server/src/features/semanticTokens';
import { SEMANTIC_TOKENS_LEGEND, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../server/src/features/semanticTokenLegend';

/** `[line, text, type, ...modifiers]` for every token. */
function decodeTokens(text: string, data: number[]): (string | number)[][] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: (string | number)[][] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    const modifiers = TOKEN_MODIFIERS.filter((_, bit) => bits & (1 << bit));
    out.push([line, lines[line].slice(start, start + length), TOKEN_TYPES[type], ...modifiers]);
  }
  return out;
}

const tokens = (text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  decodeTokens(text, getSemanticTokens(parseTranscript(text), range).data);

test('MAIL/RCPT parameters: only the words after the path, which a quoted local part holding `> ` does not end', () => {
  const text = ['C: MAIL FROM:<"a> b"@x> SIZE=10', 'C: RCPT TO:<b@x>junk NOTIFY=NEVER'].join('\n');
  assert.deepEqual(tokens(text), [
    [0, 'MAIL', 'keyword'],
    [0, 'SIZE', 'parameter'],
    [1, 'RCPT', 'keyword'],
    [1, 'NOTIFY', 'parameter'],
  ]);
});

test('the legend', () => {
  assert.deepEqual(SEMANTIC_TOKENS_LEGEND, {
    tokenTypes: ['keyword', 'string', 'number', 'variable', 'property', 'parameter', 'operator', 'macro', 'namespace', 'type', 'function', 'enumMember'],
    tokenModifiers: ['declaration', 'defaultLibrary', 'secret', 'success', 'intermediate', 'transient', 'permanent'],
  });
});

test('commands vs message content: a content line that looks like a command is content', () => {
  const text = [
    'S: 220 mx', // 0
    'C: EHLO client.test', // 1
    'S: 250-mx', // 2
    'S: 250-SIZE 1000', // 3
    'S: 250 CHUNKING', // 4
    'C: MAIL FROM:<a@x> SIZE=10 BODY=8BITMIME', // 5
    'S: 250 2.1.0 ok', // 6
    'C: DATA', // 7
    'S: 354 go', // 8
    'C: Subject: MAIL FROM:<x>', // 9
    'C:  folded', // 10
    'C:', // 11
    'C: QUIT', // 12
    'C: .', // 13
    'S: 451 4.3.0 try later', // 14
    'C: BDAT 9 LAST', // 15
    'C: To: a@x', // 16
    'S: 554 5.x.x', // 17
  ].join('\n');
  assert.deepEqual(tokens(text), [
    [0, '220', 'number', 'success'],
    [1, 'EHLO', 'keyword'],
    [2, '250', 'number', 'success'],
    [3, '250', 'number', 'success'],
    [3, 'SIZE', 'enumMember'],
    [4, '250', 'number', 'success'],
    [4, 'CHUNKING', 'enumMember'],
    [5, 'MAIL', 'keyword'],
    [5, 'SIZE', 'parameter'],
    [5, 'BODY', 'parameter'],
    [6, '250', 'number', 'success'],
    [6, '2.1.0', 'type', 'success'],
    [7, 'DATA', 'keyword'],
    [8, '354', 'number', 'intermediate'],
    [9, 'Subject', 'property'],
    [9, 'MAIL FROM:<x>', 'string'],
    [10, ' folded', 'string'],
    [12, 'QUIT', 'string'],
    [13, '.', 'operator'],
    [14, '451', 'number', 'transient'],
    [14, '4.3.0', 'type', 'transient'],
    [15, 'BDAT', 'keyword'],
    [15, '9', 'number'],
    [16, 'To', 'property'],
    [16, 'a@x', 'string'],
    [17, '554', 'number', 'permanent'],
    [17, '5.x.x', 'type', 'permanent'],
  ]);
});

test('settings, variables, secrets, built-ins and AUTH credentials', () => {
  const text = [
    '@port = 2525', // 0
    '@password = {{$env PW}}', // 1
    '### submit', // 2
    'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', // 3
    'S: 334 ', // 4
    'C: dXNlcg==', // 5
    'S: 235 ok', // 6
  ].join('\n');
  assert.deepEqual(tokens(text), [
    [0, 'port', 'macro'],
    [1, 'password', 'variable', 'declaration', 'secret'],
    [1, '$env', 'function', 'defaultLibrary'],
    [2, 'submit', 'namespace', 'declaration'],
    [3, 'AUTH', 'keyword'],
    [3, 'PLAIN', 'enumMember'],
    [3, '$plain', 'function', 'defaultLibrary'],
    [3, 'user', 'variable'],
    [3, 'password', 'variable', 'secret'],
    [4, '334', 'number', 'intermediate'],
    [5, 'dXNlcg==', 'string', 'secret'],
    [6, '235', 'number', 'success'],
  ]);
});

test('a body line around a variable; a range request returns only its lines', () => {
  const text = ['C: DATA', 'S: 354 go', 'C:', 'C: Hello {{name}}, bye', 'C: .'].join('\n');
  assert.deepEqual(tokens(text), [
    [0, 'DATA', 'keyword'],
    [1, '354', 'number', 'intermediate'],
    [3, 'Hello ', 'string'],
    [3, 'name', 'variable'],
    [3, ', bye', 'string'],
    [4, '.', 'operator'],
  ]);
  assert.deepEqual(tokens(text, { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } }), [
    [3, 'Hello ', 'string'],
    [3, 'name', 'variable'],
    [3, ', bye', 'string'],
  ]);
});

test('`C: <close>` in content: a line of the message when more content follows it (a string), the marker when it is the last line (no token: the grammar marks it)', () => {
  const text = ['C: DATA', 'S: 354 go', 'C: <close>', 'C: body', 'C: <close>'].join('\n');
  assert.deepEqual(tokens(text), [
    [0, 'DATA', 'keyword'],
    [1, '354', 'number', 'intermediate'],
    [2, '<close>', 'string'],
    [3, 'body', 'string'],
  ]);
});
