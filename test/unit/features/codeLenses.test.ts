// The lenses above sessions: replay and update each session, serve it as a mock, and serve the whole file when it
// has several sessions. The client's commands take [uri, session index], or [uri] for the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { sessionCodeLenses } from '../../../server/src/features/codeLenses';

const URI = 'file:///t.smtp';
const lenses = (text: string) => sessionCodeLenses(URI, parseTranscript(text)).map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]);

test('one session: Replay, Update expectations and Serve as Mock at its first line after the comment', () => {
  assert.deepEqual(lenses('# a comment\nS: 220 mx\nC: QUIT\nS: 221 bye\n'), [
    [1, '$(play) Replay', 'smtp.replaySession', [URI, 0]],
    [1, 'Update expectations', 'smtp.updateExpectations', [URI, 0]],
    [1, '$(broadcast) Serve as Mock', 'smtp.serveMock', [URI, 0]],
  ]);
});

test('several sessions: each at its ### line, and Serve all as Mock for the file above the first', () => {
  const text = ['@server = 127.0.0.1', '### first', 'S: 220 mx', 'C: QUIT', 'S: 221 bye', '### second', 'S: 554 no'].join('\n');
  assert.deepEqual(lenses(text), [
    [1, '$(broadcast) Serve all 2 sessions as Mock', 'smtp.serveMock', [URI]],
    [1, '$(play) Replay', 'smtp.replaySession', [URI, 0]],
    [1, 'Update expectations', 'smtp.updateExpectations', [URI, 0]],
    [1, '$(broadcast) Serve as Mock', 'smtp.serveMock', [URI, 0]],
    [5, '$(play) Replay', 'smtp.replaySession', [URI, 1]],
    [5, 'Update expectations', 'smtp.updateExpectations', [URI, 1]],
    [5, '$(broadcast) Serve as Mock', 'smtp.serveMock', [URI, 1]],
  ]);
});
