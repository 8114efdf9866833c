// The dialogue core: the reply-line grammar, framing, and what each command and reply opens. Everything that reads
// or speaks SMTP (parser, lint, completion, hover, replay, import) asks it; it asks only the knowledge tables.
export * from './replyLine';
export * from './framing';
export * from './dialogueState';
export * from './sessionState';
export * from './pathArgument';
export * from './caseInsensitive';
export * from './domainName';
export * from './lmtpRecipients';
