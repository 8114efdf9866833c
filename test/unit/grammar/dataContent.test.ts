import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTokens } from './smtpTokenizer';
import {
  BODY,
  C,
  CONTENT_C,
  END_OF_DATA,
  ENHANCED_PERMANENT,
  ENHANCED_SUCCESS,
  ENHANCED_TRANSIENT,
  HEADER_COLON,
  HEADER_NAME,
  HEADER_VALUE,
  INTERMEDIATE,
  MESSAGE,
  OPEN,
  CLOSE,
  BUILTIN,
  PERMANENT,
  S,
  SUCCESS,
  TRANSIENT,
  VERB,
  WILDCARD,
} from './scopeNames';

const DATA = [C, `DATA => ${VERB}`];
const GO_AHEAD = [S, `354 => ${INTERMEDIATE}`, 'Go ahead'];
const QUIT = [C, `QUIT => ${VERB}`];

describe('smtp grammar: DATA content (RFC 5321 §4.1.1.4)', () => {
  test('headers up to the empty line, folded headers, body, dot-stuffing, the terminating dot', async () => {
    const text = [
      'C: DATA',
      'S: 354 Go ahead',
      'C: Subject: hello',
      'C:   folded on',
      'C: Date: {{$date}}',
      '# a comment inside content',
      'C:',
      'C: Name: not a header in the body',
      'C: ..starts with a dot',
      'C: .unstuffed',
      'C: .',
      'S: 250 2.0.0 Ok: queued',
    ];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      DATA,
      GO_AHEAD,
      [CONTENT_C, `Subject => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `hello => ${HEADER_VALUE}`],
      [CONTENT_C, `folded on => ${HEADER_VALUE}`],
      [CONTENT_C, `Date => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `{{ => ${HEADER_VALUE} ${OPEN}`, `$date => ${HEADER_VALUE} ${BUILTIN}`, `}} => ${HEADER_VALUE} ${CLOSE}`],
      [`# => ${MESSAGE} comment.line.number-sign.smtp punctuation.definition.comment.smtp`, `a comment inside content => ${MESSAGE} comment.line.number-sign.smtp`],
      [CONTENT_C],
      [CONTENT_C, `Name: not a header in the body => ${BODY}`],
      [CONTENT_C, `. => ${MESSAGE} constant.character.escape.dot-stuffing.smtp`, `.starts with a dot => ${BODY}`],
      [CONTENT_C, `. => ${MESSAGE} invalid.illegal.unstuffed-dot.smtp`, `unstuffed => ${BODY}`],
      [C, END_OF_DATA],
      [S, `250 => ${SUCCESS}`, `2.0.0 => ${ENHANCED_SUCCESS}`, 'Ok: queued'],
    ]);
  });

  test('a DATA answered 5xx opens no content: the next C: line is a command again', async () => {
    const text = ['C: DATA', 'S: 554 5.5.1 No valid recipients', 'C: QUIT', 'S: 221 Bye'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      DATA,
      [S, `554 => ${PERMANENT}`, `5.5.1 => ${ENHANCED_PERMANENT}`, 'No valid recipients'],
      QUIT,
      [S, `221 => ${SUCCESS}`, 'Bye'],
    ]);
  });

  test('pipelined replies come before the 354 (RFC 2920)', async () => {
    const text = ['C: DATA', 'S: 250 2.1.0 Ok', 'S: 451 4.3.0 Later', 'S: 354 Go ahead', 'C: X: 1', 'C: .'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      DATA,
      [S, `250 => ${SUCCESS}`, `2.1.0 => ${ENHANCED_SUCCESS}`, 'Ok'],
      [S, `451 => ${TRANSIENT}`, `4.3.0 => ${ENHANCED_TRANSIENT}`, 'Later'],
      GO_AHEAD,
      [CONTENT_C, `X => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `1 => ${HEADER_VALUE}`],
      [C, END_OF_DATA],
    ]);
  });

  test('C: lines right after DATA are content, as the parser reads them (no reply written)', async () => {
    const text = ['C: DATA', 'C: Subject: no reply', 'C:', 'C: body', 'C: .', 'C: QUIT'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      DATA,
      [CONTENT_C, `Subject => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `no reply => ${HEADER_VALUE}`],
      [CONTENT_C],
      [CONTENT_C, `body => ${BODY}`],
      [C, END_OF_DATA],
      QUIT,
    ]);
  });

  test('a multi-line 354, an include, a message that starts with its body', async () => {
    const text = ['C: DATA', 'S: 354-first', 'S: 354 second', '< ./message.eml', 'C:', 'C: Body: only', 'C: .'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      DATA,
      [S, `354 => ${INTERMEDIATE}`, '- => punctuation.separator.continuation.smtp', 'first'],
      [S, `354 => ${INTERMEDIATE}`, 'second'],
      [`< => ${MESSAGE} keyword.control.import.smtp`, `./message.eml => ${MESSAGE} string.unquoted.path.smtp`],
      [CONTENT_C],
      [CONTENT_C, `Body: only => ${BODY}`],
      [C, END_OF_DATA],
    ]);
  });

  test('unterminated content stops at the next S: line or session separator', async () => {
    const text = ['C: DATA', 'S: 354 *', 'C: Subject: x', 'S: 250 Ok', 'C: QUIT', 'C: DATA', 'S: 354 *', 'C: body', '### next', 'C: QUIT'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      DATA,
      [S, `354 => ${INTERMEDIATE}`, `* => ${WILDCARD}`],
      [CONTENT_C, `Subject => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `x => ${HEADER_VALUE}`],
      [S, `250 => ${SUCCESS}`, 'Ok'],
      QUIT,
      DATA,
      [S, `354 => ${INTERMEDIATE}`, `* => ${WILDCARD}`],
      [CONTENT_C, `body => ${BODY}`],
      ['### => markup.heading.session.smtp punctuation.definition.heading.smtp', 'next => markup.heading.session.smtp entity.name.section.smtp'],
      QUIT,
    ]);
  });
});
