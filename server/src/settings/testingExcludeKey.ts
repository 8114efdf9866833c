// The key of the setting that leaves transcripts out of the Testing view (TESTING_EXCLUDE_SETTING, editorSettings.ts),
// in a module of its own: the view's controller is in the client's activation bundle, which must not carry the
// settings registry and the tables its checks read.
export const TESTING_EXCLUDE_KEY = 'smtp.testing.exclude';
