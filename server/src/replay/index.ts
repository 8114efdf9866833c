// Replay: run `.smtp` transcripts against live SMTP servers over raw sockets.
export { replayTranscript, replaySession } from './replayTranscript';
export { actualTranscript } from './actualTranscript';
export { matchReply, codeMatches, type MatchMode, type MatchResult, type SubstituteLine } from './matchReply';
export { ReplyReader, replyLineText, type ActualReply, type ActualReplyLine, type CloseOutcome } from './replyReader';
export { Connection, type ConnectOptions } from './connection';
export { ReplayError, type ReplayErrorInfo, type ReplayErrorKind } from './replayError';
export { parseDuration } from '../settings/settingValues';
export type { TlsInfo, CertificateInfo } from './tlsDetails';
export type { WireLogEntry } from './wireLog';
export type * from './replayTypes';
