import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getHover } from '../../../server/src/features/hover/getHover';
import { item, labels } from './completionHelpers';
import { withCursor } from '../../support/cursor';

const data = (line: string) => `S: 220 x\nC: DATA\nS: 354 go\nC: Subject: x\nC:\n${line}\nC: .\nS: 250 ok`;

describe('MIME includes in completion and hover', () => {
  test('after `< ` the four forms, part/attach as snippets with a type and a path; after `< attach ` media types', () => {
    assert.deepEqual(labels(data('< |')), ['base64', 'quoted-printable', 'part', 'attach']);
    assert.equal(item(data('< att|'), 'attach')?.textEdit?.newText, 'attach ${1:type/subtype} ${2:./file}');
    assert.equal(item(data('< b|'), 'base64')?.textEdit?.newText, 'base64 ${1:./file}');
    assert.deepEqual(labels(data('< attach |')), ['text/plain', 'text/html', 'application/pdf', 'image/png', 'image/jpeg', 'text/calendar', 'message/rfc822', 'application/octet-stream']);
    assert.deepEqual(labels(data('< base64 |')), []);
  });

  test('hovering the form explains it', () => {
    const { transcript, position } = withCursor(data('< pa|rt text/html ./a.html'));
    const hover = getHover(transcript, position);
    assert.deepEqual(hover?.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 6 } });
    assert.match((hover?.contents as { value: string }).value, /^\*\*part\*\* include: A whole body part: `Content-Type: TYPE`/);
  });
});
