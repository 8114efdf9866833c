// The client's messages to the language server (features/clientMessages.ts), for the language client's bundle: it
// imports this file, not ./index.ts, which would bring the parser into it.
export * from '../features/clientMessages';
