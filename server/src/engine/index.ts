// The engine as the VS Code client sees it: the one module client/src imports (a boundary test refuses any other).
// Only what activation and editing need is here and bundled into dist/client.js; replay, the local SMTP server and
// the reports are in ./replayEngine.ts, loaded on first use from the Node engine bundle, dist/nodeEngine.js.
export { parseTranscript } from '../model/parseTranscript';
export { listedSessions, type ListedSession, type SessionListing } from '../model/sessionListing';
export { sessionIndexAt } from '../model/sessionAt';
export { definitionsAt } from '../model/variables';
export { isSecretName } from '../model/secrets';
export { environmentVariablesUsed } from '../model/environmentReferences';
export { withThousands } from '../model/expansionLimits';
export { decodeTranscript } from '../model/binaryText';
export { parseHostAndPort, parseServerAddress } from '../model/serverAddress';
export { endpointText, HOST_NAME, socketPathProblem, unixSocketPath } from '../settings/settingValues';
export type { Transcript } from '../model/types';
export { importTranscript } from '../import/importTranscript';
export type { ImportProblem } from '../import/importTypes';
export { exportSession, EXPORT_TARGETS, EXPORT_TARGET_LABELS, type ExportTarget } from '../export';
export { readRegularFile } from '../io/regularFiles';
export { visibleText } from '../report/visibleText';
export { certificateCheckText, INSECURE_TEXT } from '../report/sessionLog';
// Also in ./replayEngine.ts for the adapters that hold the engine: the result view reads them without it.
export { failedReplyLines } from '../report/replyMarks';
export { ENVIRONMENT_FILE_NAME, environmentNames, environmentVariables, parseEnvironmentFile, withEnvironment } from '../model/environments';
export { findEnvironmentFile } from '../io/environmentFile';
export { replayAgainstLocal } from '../replay/localServerTarget';
export { answerWord } from '../mailauth/enforcement';
export { MAX_ZONE_OCTETS } from '../mailauth/zoneFile';
export type { ExchangeResult, ReplayOptions, ReplayResult, SessionResult, TargetSettings } from '../replay/replayTypes';
export type { LocalServer } from '../smtpTestServer/localServer';
export type { RecordingFolder, SavedRecording } from '../record/recordingFolder';
export type { RecordingProxy } from '../record/recordingProxy';
export type { TranscriptRecorder } from '../record/transcriptRecorder';
export type { ScriptedServer, ScriptedServerEvent, ScriptedServerOptions } from '../smtpTestServer/scriptedServer';
export type { PlayedSession, WireEntry } from '../smtpTestServer/scriptedSession';
export type { MockFinding } from '../report/mockReport';
export * from '../settings/editorSettings';
export * from '../settings/builtInServerSettings';
export {
  checkedActualTranscriptSettings,
  checkedLocalServerSettings,
  checkedMockSettings,
  checkedRecordingProxySettings,
  checkedReplaySettings,
  type LocalServerSettings,
  type MockSettings,
  type RecordingProxySettings,
  type ReplaySettings,
} from '../settings/checkedEditorSettings';
export type { EditorLookup } from '../settings/editorValues';
export { TESTING_EXCLUDE_KEY } from '../settings/testingExcludeKey';
export { allowedFolderPaths } from '../settings/allowedFolders';
export { LOCAL_TARGET, REPLAY_SERVER_KEY } from '../settings/replayTargetKey';
export { CONNECT_TIMEOUT_SETTING, PORT_SETTING, SERVER_SETTING, TIMEOUT_SETTING, TLS_SETTING } from '../settings/replaySettings';
export type { EditorFacet } from '../settings/settingSpec';
export { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';

/** The lazily loaded part (dist/nodeEngine.js): its shape, for the client's loader. */
export type ReplayEngine = typeof import('./replayEngine');
