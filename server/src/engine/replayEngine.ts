// What the VS Code client loads on first replay rather than at activation: the replay engine, the built-in local
// server, its session recorder, the recording proxy, the scripted server ("mock", with its certificate maker) and the reports. Loaded from the Node engine bundle, dist/nodeEngine.js (server/src/bundles/), so that activation stays small.
export { replayTranscript } from '../replay/replayTranscript';
export { actualReplyLines, actualTranscript } from '../replay/actualTranscript';
export { parseDuration } from '../settings/settingValues';
export { insecureTlsFor, resolveReplayOptions } from '../replay/replayRequest';
export { formatSessionLog } from '../report/sessionLog';
export { failedReplies, failedReplyLines, replyMarks } from '../report/replyMarks';
export { startLocalServer } from '../smtpTestServer/localServer';
export { recordingFolder, writeNewRecording, type RecordingFolder, type SavedRecording } from '../record/recordingFolder';
export { startRecordingProxy, type RecordingProxy } from '../record/recordingProxy';
export { unnamedSocketTls } from '../record/upstreamConnection';
export { proxyRecorders } from '../record/transcriptRecorder';
export { generateTestCertificate } from '../smtpTestServer/testCertificate';
export { startScriptedServer, UnplayableScript } from '../smtpTestServer/scriptedServer';
export { mockConnectionLine, mockSessionLines, mockWireLine, mockFindings } from '../report/mockReport';
export { readNamedFile } from '../io/namedFiles';
export { readRegularFile } from '../io/regularFiles';
export { makeFolder, unwritableFolderProblem } from '../io/folders';
export { cannotListen, sharedPortProblem } from '../io/listenerProblems';
export { parseZone } from '../mailauth/zoneFile';
export { zoneResolver } from '../mailauth/zoneResolver';
