// The commands a web extension host (vscode.dev, github.dev) cannot run, each with the reason shown when it is
// invoked there: a browser tab may not open TCP connections, listen on ports or read the clipboard unasked.
import * as vscode from 'vscode';

const REPLAY = 'Replay needs the desktop VS Code: it opens network connections';
const LOCAL_SERVER = 'The local test server needs the desktop VS Code: it listens on a local port';
const MOCK = 'The mock server needs the desktop VS Code: it listens on a local port';
const RECORD = 'The recording proxy needs the desktop VS Code: it listens on a local port and connects to the server';
const PASSWORDS = 'Passwords need the desktop VS Code: only replay and the local servers use them, and those open network connections';

/** Command id -> why it needs the desktop VS Code. Every command the package contributes is either here or web-safe. */
export const DESKTOP_ONLY_COMMANDS: Readonly<Record<string, string>> = {
  'smtp.replay': REPLAY,
  'smtp.replaySession': REPLAY,
  'smtp.updateExpectations': REPLAY,
  'smtp.showActualTranscript': REPLAY,
  'smtp.applyActualReplies': REPLAY,
  'smtp.discardActualReplies': REPLAY,
  'smtp.chooseTarget': REPLAY,
  'smtp.showLog': REPLAY,
  'smtp.showResultView': REPLAY,
  'smtp.chooseEnvironment': 'Environments need the desktop VS Code: they are read from smtp-environments.json on disk, and only replay and lint there use them',
  'smtp.startLocalServer': LOCAL_SERVER,
  'smtp.stopLocalServer': LOCAL_SERVER,
  'smtp.openReceivedMessage': LOCAL_SERVER,
  'smtp.showLocalServerLog': LOCAL_SERVER,
  'smtp.serveMock': MOCK,
  'smtp.stopMock': MOCK,
  'smtp.mockServerActions': MOCK,
  'smtp.recordThroughProxy': RECORD,
  'smtp.stopRecordingProxy': RECORD,
  'smtp.recordingProxyActions': RECORD,
  'smtp.setPassword': PASSWORDS,
  'smtp.clearPasswords': PASSWORDS,
  'smtp.importTranscript': 'Import from swaks/smtplib/curl output needs the desktop VS Code: it reads the clipboard, which a browser tab may not do unasked',
  'smtp.copySessionAs': 'Copy Session as... is not in the web build yet: use the desktop VS Code or `smtp-transcript export`',
};

/** Registers each desktop-only command to say why it is unavailable, instead of VS Code's "command not found". */
export function registerDesktopOnlyCommands(context: vscode.ExtensionContext): void {
  for (const [id, reason] of Object.entries(DESKTOP_ONLY_COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => void vscode.window.showInformationMessage(`${reason}.`)));
  }
}
