// A warning for the user, as `window/showMessage`: a notification, which every client shows and none must answer.
// `window/showMessageRequest` waits for an answer, and a client without it answers with an error that, unhandled,
// ended the server.
import type { Connection, ShowMessageParams } from 'vscode-languageserver';

// MessageType.Warning of the protocol: a value imported from the library brought all of it into the engine bundle
// (150 KB more), where the language server's features are bundled with the rest of the Node engine.
const WARNING: ShowMessageParams['type'] = 2;

export function showWarning(connection: Connection, message: string): void {
  const params: ShowMessageParams = { type: WARNING, message };
  void connection.sendNotification('window/showMessage', params);
}
