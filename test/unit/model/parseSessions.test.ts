// parseSessions: the chunks of a text one at a time, each what parseTranscript makes of the same text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { parseSessions } from '../../../server/src/model/parseSessions';
import { longSession } from './longSessionEdits';
import { multiSessionTranscript } from './transcriptEdits';

/** The transcript parseSessions' chunks add up to, assembled as parseTranscript assembles its chunks. */
function assembled(text: string): Transcript | undefined {
  const stream = parseSessions(text);
  if (!stream) return undefined;
  const transcript: Transcript = { lines: stream.lines, directives: [], sessions: [], comments: [], diagnostics: [] };
  let head = true;
  for (const chunk of stream.chunks) {
    if (head) transcript.directives = chunk.directives;
    else assert.deepStrictEqual(chunk.directives, [], 'only the head holds file-level directives');
    head = false;
    if (chunk.session) transcript.sessions.push(chunk.session);
    transcript.comments.push(...chunk.comments);
    transcript.diagnostics.push(...chunk.diagnostics);
  }
  return transcript;
}

describe('parseSessions', () => {
  test('random multi-session transcripts: the same lines, directives, sessions, comments and diagnostics as parseTranscript', () => {
    fc.assert(
      fc.property(multiSessionTranscript, (text) => {
        assert.deepStrictEqual(assembled(text), parseTranscript(text));
      }),
      { seed: 20261203, numRuns: 1000 },
    );
  });

  test('long sessions (parseTranscript keeps checkpoints of them, parseSessions does not): the same model', () => {
    fc.assert(
      fc.property(longSession, (text) => {
        assert.deepStrictEqual(assembled(text), parseTranscript(text));
      }),
      { seed: 20261203, numRuns: 100 },
    );
  });

  test('a head with exchanges, CR line ends and a `###` line at the very end: session indexes and ranges as parseTranscript', () => {
    const text = '@a = 1\rS: 220 x\r\n### one\nC: NOOP\r### two\n###';
    const transcript = assembled(text)!;
    assert.deepStrictEqual(
      transcript.sessions.map((s) => [s.index, s.name, s.range.start.line, s.range.end.line]),
      [[0, undefined, 1, 1], [1, 'one', 2, 3], [2, 'two', 4, 4], [3, undefined, 5, 5]],
    );
    assert.deepStrictEqual(transcript, parseTranscript(text));
  });

  test('a text that is no transcript: no chunks (lint gives it parseTranscript\'s one diagnostic)', () => {
    assert.equal(parseSessions('\u0000'.repeat(8) + 'binary'), undefined);
  });
});
