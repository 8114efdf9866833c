// "Replay", "Update expectations" and "Serve as Mock" above each session, and "Serve all N sessions as Mock" above
// the first when there are several; the commands are the VS Code client's.
import type { CodeLens } from 'vscode-languageserver-types';
import type { Transcript } from '../model/types';

export function sessionCodeLenses(uri: string, transcript: Transcript): CodeLens[] {
  const perSession = transcript.sessions.flatMap((session) => {
    const range = lensRange(session.separator?.line ?? session.range.start.line);
    const args = [uri, session.index];
    return [
      { range, command: { title: '$(play) Replay', command: 'smtp.replaySession', arguments: args } },
      { range, command: { title: 'Update expectations', command: 'smtp.updateExpectations', arguments: args } },
      // The other direction: this session's server side, played to a client under test (smtp-transcript mock).
      { range, command: { title: '$(broadcast) Serve as Mock', command: 'smtp.serveMock', arguments: args } },
    ];
  });
  const sessions = transcript.sessions.length;
  if (sessions < 2) return perSession;
  // The whole file: each connection plays the next session, round and round.
  const first = transcript.sessions[0];
  const range = lensRange(first.separator?.line ?? first.range.start.line);
  return [{ range, command: { title: `$(broadcast) Serve all ${sessions} sessions as Mock`, command: 'smtp.serveMock', arguments: [uri] } }, ...perSession];
}

function lensRange(line: number): CodeLens['range'] {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}
