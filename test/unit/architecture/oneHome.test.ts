// Each protocol fact has one home: the knowledge tables (server/src/knowledge/) or the dialogue core
// (server/src/dialogue/). Everything else asks them. This test fails with file:line when a copy comes back: a literal
// of a code the dialogue acts on, a comparison against a verb whose behaviour is in the verb table, a reply-line
// regex, CRLF counted by hand, or a regex reading EHLO/HELO.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const SOURCE = path.join(ROOT, 'server', 'src');
const HOMES = ['dialogue', 'knowledge'].map((dir) => path.join(SOURCE, dir) + path.sep);

interface Copy {
  readonly fact: string;
  readonly pattern: RegExp;
}

export const COPIES: readonly Copy[] = [
  // 354 opens content, 334 an AUTH response, 220 TLS, 221 the end, 421 closes: verb table `opens`, dialogueState.
  { fact: 'a reply code the dialogue acts on', pattern: /(['"])(354|334|220|221|421)\1/ },
  // What DATA, AUTH, STARTTLS, BDAT do is a field of the verb table (`opens`); ask dialogueState.
  { fact: 'a comparison against a verb with dialogue behaviour', pattern: /\bverb(Of\([^)]*\))?\s*[!=]==\s*'(DATA|AUTH|STARTTLS|BDAT)'|'(DATA|AUTH|STARTTLS|BDAT)'\s*[!=]==\s*[\w.?]*verb\b|case\s+'(DATA|AUTH|STARTTLS|BDAT)'\s*:/ },
  // The reply-line grammar (RFC 5321 §4.2): a regex that starts with a three-digit code is a copy of replyLine.ts.
  { fact: 'a reply-line regex', pattern: /\/\^?\(?(\\d\{3\}|\\d\\d\\d|\[[^\]]*2-5[^\]]*\](\\d\\d|\[0-5\]\\d))/ },
  // CRLF counted by hand: framing.ts owns CRLF_OCTETS and lineOctets.
  { fact: 'CRLF octets counted by hand', pattern: /byteLength\([^)]*\)\s*\+\s*2\b|CRLF_OCTETS\s*=\s*2/ },
  // Dot-stuffing and the DATA terminator (RFC 5321 §4.5.2): framing.ts.
  { fact: 'dot-stuffing by hand', pattern: /startsWith\('\.\.'\)|\(\^\|\\r\\n\)\\\./ },
  // The client's name on EHLO/HELO (RFC 5321 §4.1.1.1): helloName.ts, from the verb table's `namesClient`.
  { fact: 'a hello-line regex', pattern: /\/\^?\(\?:(EHLO\|HELO|HELO\|EHLO)/i },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

/** `file:line: fact: text` for every line outside the homes that holds a copy. */
export function copiesIn(files: readonly string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (HOMES.some((home) => file.startsWith(home))) continue;
    read(file)
      .split('\n')
      .forEach((text, i) => {
        // Comments and message text may name the codes; only code counts. Strings in messages stay readable.
        const code = text.replace(/^\s*(\/\/|\*|\/\*\*).*$/, '');
        for (const copy of COPIES) {
          if (copy.pattern.test(code)) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${copy.fact}: ${text.trim()}`);
        }
      });
  }
  return found;
}

test('each protocol fact has one home: no copies outside server/src/dialogue and server/src/knowledge', () => {
  assert.deepEqual(copiesIn(sourceFiles(SOURCE), (file) => readFileSync(file, 'utf8')), []);
});

test('the guard finds each kind of copy it names (so it cannot pass by matching nothing)', () => {
  const planted: Record<string, string> = {
    [path.join(SOURCE, 'replay', 'planted.ts')]: [
      "if (reply.code === '354') open();",
      "const awaitingAuth = code === '334';",
      "if (exchange.command.verb === 'STARTTLS') tls();",
      "switch (verb) { case 'DATA': break; }",
      'const REPLY = /^(\\d{3})([ -]|$)/;',
      'const VALID = /^([2-5][0-5]\\d)([ -]|$)(.*)$/;',
      'left -= Buffer.byteLength(text) + 2;',
      "const stuffed = text.startsWith('..') ? 1 : 0;",
      'const hello = /^(?:EHLO|HELO)\\s+(\\S+)/i.exec(text);',
      '// a comment may say 354 and === \'DATA\'',
    ].join('\n'),
    [path.join(SOURCE, 'dialogue', 'planted.ts')]: "if (code === '354') return 'content';",
  };
  const relative = path.relative(ROOT, path.join(SOURCE, 'replay', 'planted.ts'));
  assert.deepEqual(
    copiesIn(Object.keys(planted), (file) => planted[file]).map((line) => line.split(': ').slice(0, 2).join(': ')),
    [
      `${relative}:1: a reply code the dialogue acts on`,
      `${relative}:2: a reply code the dialogue acts on`,
      `${relative}:3: a comparison against a verb with dialogue behaviour`,
      `${relative}:4: a comparison against a verb with dialogue behaviour`,
      `${relative}:5: a reply-line regex`,
      `${relative}:6: a reply-line regex`,
      `${relative}:7: CRLF octets counted by hand`,
      `${relative}:8: dot-stuffing by hand`,
      `${relative}:9: a hello-line regex`,
    ],
  );
});

test('the dialogue core asks only the knowledge tables (and Node built-ins): it knows no transcript model', () => {
  const outside = sourceFiles(path.join(SOURCE, 'dialogue')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)]
      .map((match) => match[1])
      .filter((from) => !from.startsWith('./') && !from.startsWith('../knowledge/') && !from.startsWith('node:'))
      .map((from) => `${path.relative(ROOT, file)}: ${from}`),
  );
  assert.deepEqual(outside, []);
});
