export * from './types';
export { parseTranscript } from './parseTranscript';
export { definitionsAt, resolveText, isSecretName, maskSecrets, MASK, type Resolved, type ResolveOptions } from './variables';
export { BUILTINS, rfc5322Date, type BuiltinContext, type BuiltinSpec } from './builtins';
export { allReferences, scanReferences } from './variableReferences';
export { containsPosition, comparePositions, range, splitLines } from './ranges';
export { createTranscriptCache, type TranscriptCache } from './transcriptCache';
export { sessionKey } from './transcriptChunks';
export { environmentVariablesUsed } from './environmentReferences';
