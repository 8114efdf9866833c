// The key of the setting that names the replay target (SERVER_SETTING, replaySettings.ts) and its word for the local
// test server, in a module of their own: the status bar's target item is in the client's activation bundle, which
// must not carry the settings registry and the tables its checks read.
export const REPLAY_SERVER_KEY = 'smtp.replay.server';

/** What `smtp.replay.server` (and the workspace's choice) says for the built-in local test server. */
export const LOCAL_TARGET = 'local';
