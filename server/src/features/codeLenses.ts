// "Replay", "Update expectations" and "Serve as Mock" above each session; the commands are the VS Code client's.
import type { CodeLens } from 'vscode-languageserver-types';
import type { Transcript } from '../model/types';

export function sessionCodeLenses(uri: string, transcript: Transcript): CodeLens[] {
  return transcript.sessions.flatMap((session) => {
    const line = session.separator?.line ?? session.range.start.line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const args = [uri, session.index];
    return [
      { range, command: { title: '$(play) Replay', command: 'smtp.replaySession', arguments: args } },
      { range, command: { title: 'Update expectations', command: 'smtp.updateExpectations', arguments: args } },
      // The other direction: this session's server side, played to a client under test (smtp-transcript mock).
      { range, command: { title: '$(broadcast) Serve as Mock', command: 'smtp.serveMock', arguments: args } },
    ];
  });
}
