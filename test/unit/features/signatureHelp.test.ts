import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SignatureHelp } from 'vscode-languageserver-types';
import { getSignatureHelp } from '../../../server/src/features/signatureHelp';
import { getLanguageService } from '../../../server/src/features/languageService';
import { withCursor } from '../../support/cursor';

/** The signature at the `|` cursor with its marked argument in brackets (`{{$plain user [password]}}`), or null. */
function shown(help: SignatureHelp | null): string | null {
  if (!help) return null;
  const signature = help.signatures[help.activeSignature ?? 0];
  const marked = signature.parameters?.[help.activeParameter ?? 0]?.label;
  if (!Array.isArray(marked)) return signature.label;
  return `${signature.label.slice(0, marked[0])}[${signature.label.slice(...marked)}]${signature.label.slice(marked[1])}`;
}

const at = (marked: string): string | null => {
  const { transcript, position } = withCursor(marked);
  return shown(getSignatureHelp(transcript, position));
};

describe('signature help', () => {
  test("inside a built-in's arguments, the argument being written is marked", () => {
    assert.equal(at('C: AUTH PLAIN {{$plain |'), '{{$plain [user] password}}');
    assert.equal(at('C: AUTH PLAIN {{$plain us|er'), '{{$plain [user] password}}');
    assert.equal(at('C: AUTH PLAIN {{$plain user |'), '{{$plain user [password]}}');
    assert.equal(at('C: AUTH PLAIN {{$plain user pass|}}'), '{{$plain user [password]}}');
    assert.equal(at('C: AUTH XOAUTH2 {{$xoauth2 me@x.test |}}'), '{{$xoauth2 user [token]}}');
    assert.equal(at('C: {{$cram-md5 |'), '{{$cram-md5 [user] password}}');
  });

  test('nested references are one argument each, and the cursor inside one is in the outer argument', () => {
    assert.equal(at('C: AUTH PLAIN {{$plain {{user}} |'), '{{$plain user [password]}}');
    assert.equal(at('C: AUTH PLAIN {{$plain {{user}} {{pass|'), '{{$plain user [password]}}');
    assert.equal(at('C: AUTH PLAIN {{$plain {{$env SMTP_USER}} |'), '{{$plain user [password]}}');
    // The innermost built-in is the one shown.
    assert.equal(at('C: AUTH PLAIN {{$plain {{$env |'), '{{$env [NAME]}}');
  });

  test('blanks between arguments count once; a built-in taking its whole text has one argument', () => {
    assert.equal(at('C: AUTH PLAIN {{ $plain   user   |'), '{{$plain user [password]}}');
    assert.equal(at('C: AUTH PLAIN {{$base64 \\0user\\0pass word|}}'), '{{$base64 [text]}}');
  });

  test('one argument too many marks none; a built-in without arguments shows its signature alone', () => {
    assert.equal(at('C: {{$xoauth2 a b |'), '{{$xoauth2 user token}}');
    assert.equal(at('C: Date: {{$date |'), '{{$date}}');
  });

  test('in directive values and S: lines too (where references are read)', () => {
    assert.equal(at('@password = {{$env |'), '{{$env [NAME]}}');
    assert.equal(at('S: 250 2.0.0 queued as {{$capture |}}'), '{{$capture [name]}}');
  });

  test('nowhere else: the name still being written, a closed reference, a variable, an unknown built-in, a literal, a comment', () => {
    assert.equal(at('C: AUTH PLAIN {{$pla|'), null);
    assert.equal(at('C: AUTH PLAIN {{$plain|'), null);
    assert.equal(at('C: AUTH PLAIN {{$plain user pass}}|'), null);
    assert.equal(at('C: AUTH PLAIN {{$plain user pass}} |'), null);
    assert.equal(at('C: MAIL FROM:<{{sender}} |'), null);
    assert.equal(at('C: {{$nope |'), null);
    assert.equal(at('C: \\{{$env |'), null);
    assert.equal(at('# {{$env |'), null);
    assert.equal(at('C: AUTH PLAIN |'), null);
  });

  test("the documentation is the built-in's summary and the count it takes", () => {
    const { transcript, position } = withCursor('C: AUTH PLAIN {{$plain |');
    const help = getSignatureHelp(transcript, position)!;
    assert.deepEqual(help.signatures[0].documentation, {
      kind: 'markdown',
      value: 'The AUTH PLAIN response: base64 of NUL user NUL password (RFC 4616 §2).\n\nTakes a user and a password.',
    });
  });

  test('through the language service, in the editor positions of a text with a byte order mark', () => {
    // The editor's line 0 holds the mark as its character 0; the parse drops it (editorPositions.ts).
    const { transcript, position } = withCursor('\ufeffC: AUTH PLAIN {{$plain user |');
    assert.equal(transcript.byteOrderMark, true);
    assert.equal(position.character, transcript.lines[0].length + 1);
    assert.equal(shown(getLanguageService().getSignatureHelp({ uri: 'file:///t.smtp' }, transcript, position)), '{{$plain user [password]}}');
  });
});
