// SMTP knowledge: the tables hover, completion, lint and replay all read.
export * from './rfc';
export * from './replyCodes';
export * from './replyClasses';
export * from './enhancedCodes';
export * from './extensions';
export * from './mailParameters';
export * from './authMechanisms';
export * from './headers';
export * from './authHeaders';
export * from './limits';
export * from './serverLimits';
export { VERBS } from './verbSpec';
export type { ArgumentKind, ArgumentPresence, PipelinePosition, ReplySet, TransactionRole, Verb, VerbOpening, VerbOpens, VerbSpec, VerbStatus } from './verbSpec';
export { TLS_MODES, type TlsMode } from './tlsModes';
export { VERB_SPECS, isVerb, lookupVerb, suggestVerb } from './verbs';
export { closestMatch, editDistance } from './didYouMean';
export { mustEndPipelinedGroup } from './pipelining';
export { decodeXtext, isDateTime, isXtext } from './parameterSyntax';
