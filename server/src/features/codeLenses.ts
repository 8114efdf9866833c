// "Replay" and "Update expectations" above each session; the commands are the VS Code client's.
import type { CodeLens } from 'vscode-languageserver-types';
import type { Transcript } from '../model/types';

export function sessionCodeLenses(uri: string, transcript: Transcript): CodeLens[] {
  return transcript.sessions.flatMap((session) => {
    const line = session.separator?.line ?? session.range.start.line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    return [
      { range, command: { title: '$(play) Replay', command: 'smtp.replaySession', arguments: [uri, session.index] } },
      { range, command: { title: 'Update expectations', command: 'smtp.updateExpectations', arguments: [uri, session.index] } },
    ];
  });
}
