// The VS Code client's own messages to the language server, beside LSP's: each one's method and parameters, for
// both ends (client/src/languageClient.ts sends them through engine/clientMessages.ts, lsp/languageServer.ts
// answers them).
import type { SessionListing } from '../model/sessionListing';

/** Notification: the environment chosen in the status bar (`name: null` when none is). */
export const ACTIVE_ENVIRONMENT_METHOD = 'smtp/activeEnvironment';
export interface ActiveEnvironmentParams {
  name: string | null;
}

/** Request: an open document's sessions at its current version (null: the server has not opened it). */
export const SESSIONS_METHOD = 'smtp/sessions';
export interface SessionsParams {
  textDocument: { uri: string };
}
export type SessionsResult = SessionListing | null;
