// Every `smtp.*` command the desktop extension contributes (package.json), registered at activation as a stub that
// loads the command's module on first use (commandParts.ts). commands.ts types its table by this list, so a command
// cannot be registered without a stub or a stub left without its command.
export const COMMAND_IDS = [
  'smtp.replay',
  'smtp.replaySession',
  'smtp.updateExpectations',
  'smtp.applyActualReplies',
  'smtp.discardActualReplies',
  'smtp.showActualTranscript',
  'smtp.showResultView',
  'smtp.startLocalServer',
  'smtp.stopLocalServer',
  'smtp.openReceivedMessage',
  'smtp.newTranscript',
  'smtp.openExample',
  'smtp.serveMock',
  'smtp.stopMock',
  'smtp.mockServerActions',
  'smtp.recordThroughProxy',
  'smtp.stopRecordingProxy',
  'smtp.recordingProxyActions',
  'smtp.showLog',
  'smtp.showLocalServerLog',
  'smtp.chooseTarget',
  'smtp.chooseEnvironment',
  'smtp.setPassword',
  'smtp.copySessionAs',
  'smtp.importTranscript',
  'smtp.clearPasswords',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
