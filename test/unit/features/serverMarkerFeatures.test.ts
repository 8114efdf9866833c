// The scripted server's markers in the editor and in lint: completion after `S: <`, hover from the table, and a
// transcript of faults that lints clean (what a fault cuts off is not reported as missing).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getHover } from '../../../server/src/features/hover/getHover';
import { withCursor } from '../../support/cursor';
import { lines } from '../../support/text';
import { brief } from '../lint/lintHarness';
import { item, labels } from './completionHelpers';

const MARKERS = ['<closed>', '<delay DURATION>', '<drip DURATION>', '<cut OCTETS>', '<reset>', '<silence>'];

describe('completion after `S: <`', () => {
  test('offers <closed> and every marker, replacing what is typed up to `>`', () => {
    assert.deepEqual(labels('S: 220 mx\nC: NOOP\nS: <|'), MARKERS);
    assert.deepEqual(labels('S: <de|'), MARKERS);
    assert.deepEqual(item('S: 220 mx\nC: NOOP\nS: <de|lay 5s>', '<delay DURATION>')?.textEdit, {
      range: { start: { line: 2, character: 3 }, end: { line: 2, character: 13 } },
      newText: '<delay ${1:2s}>',
    });
    assert.deepEqual(item('S: <|', '<cut OCTETS>')?.textEdit?.newText, '<cut ${1:10}>');
    assert.deepEqual(item('S: <|', '<reset>')?.filterText, '<reset>');
  });

  test('a new session first after `<reset>` or `<silence>`, as after `<closed>`', () => {
    const ended = ['### ', 'S: ', 'C: ', '@', '# '];
    assert.deepEqual(labels('S: <silence>\n|'), ended);
    assert.deepEqual(labels('S: 220 mx\nC: NOOP\nS: <reset>\n|'), ended);
  });

  test('a reply code is still completed where no `<` is typed', () => {
    assert.equal(labels('S: 220 mx\nC: NOOP\nS: |').includes('<reset>'), false);
  });
});

describe('hover', () => {
  const hoverAt = (marked: string): [number, number, string] | undefined => {
    const { transcript, position } = withCursor(marked);
    const hover = getHover(transcript, position);
    if (!hover) return undefined;
    return [hover.range!.start.character, hover.range!.end.character, (hover.contents as { value: string }).value];
  };

  test('explains the marker from the table, with its RFC section and what replay does', () => {
    assert.deepEqual(hoverAt('S: <del|ay 2s>\nS: 220 mx'), [
      3,
      13,
      [
        '**`S: <delay DURATION>`** Waits DURATION (`500ms`, `2s`, `1m`) before the reply below, or before `<closed>`, `<reset>` or `<silence>`.',
        'A slow or overloaded server: clients must wait minutes, not seconds, for each reply (5 min for the greeting and MAIL, 10 min after the final dot). ([RFC 5321 §4.5.3.2](https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.2))',
        'Only `smtp-transcript mock` plays it: replay ignores it and compares the reply as written.',
      ].join('\n\n'),
    ]);
    assert.match(hoverAt('S: <res|et>')![2], /replay skips a session that holds it\.$/);
    assert.equal(hoverAt('S|: <reset>'), undefined);
  });
});

describe('lint', () => {
  test('a session of faults lints clean: what follows the last reply before <reset> or <silence> has none on purpose', () => {
    const text = lines(
      '### busy',
      'S: <delay 1s>',
      'S: 421 4.7.0 try later',
      'S: <closed>',
      '### mid-data',
      'S: <drip 10ms>',
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.com',
      'S: 250 mx.example.com',
      'C: MAIL FROM:<a@example.com>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<b@example.com>',
      'S: 250 2.1.5 Ok',
      'C: DATA',
      'S: 354 go ahead',
      'C: Subject: cut short',
      'S: <reset>',
      '### no reply to MAIL',
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.com',
      'S: 250 mx.example.com',
      'C: MAIL FROM:<a@example.com>',
      'S: <silence>',
      '### greeting never comes',
      'S: <silence>',
    );
    assert.deepEqual(brief(text), []);
  });

  test('the same content with a `.` and no fault is still checked as a message', () => {
    const text = lines('S: 220 mx.example.com', 'C: EHLO client.example.com', 'S: 250 mx', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: x', 'C: .', 'S: 250 ok');
    assert.deepEqual(brief(text, ['missing-date-header', 'missing-from-header']).map((b) => b.code), ['missing-date-header', 'missing-from-header']);
  });
});
