// The built-in local SMTP test server's account and rejecting domain when nothing else is set: the same for
// `smtp-transcript serve`, `replay --local` and the editor, so a transcript that passes against one passes against all.
export const TEST_SERVER_DEFAULTS = {
  user: 'testuser',
  password: 'testpass',
  rejectDomains: ['reject.test'],
  /** The environment variable that overrides `password` (the CLI; the editor keeps it in secret storage). */
  passwordVariable: 'SMTP_LOCAL_PASSWORD',
  /** A client turn may take this long, plus a second per `minBytesPerSecond` octets (smtpTestServer/clientPace.ts). */
  commandTimeoutSeconds: 60,
  minBytesPerSecond: 1024,
} as const;
