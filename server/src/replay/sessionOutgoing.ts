// What building one session's outgoing bytes reads (outgoing.ts): its variables, includes, secrets and DKIM signing,
// and the BDAT chunks already built for a signature. One context per session; `resolve` reads the session's state
// (the challenge of the last 334) when it is called.
import type { BdatExchange, Session } from '../model/types';
import { chunksOfMessage } from './chunkedMessage';
import { dkimHeaderFor } from './messageSigning';
import type { OutgoingContext } from './outgoing';
import type { SecretSet } from './secretSet';
import type { SessionScope } from './sessionScope';

export function sessionOutgoingContext(session: Session, scope: SessionScope, secrets: SecretSet, resolve: (text: string, line: number) => string): OutgoingContext {
  return {
    resolve,
    addSecret: (value) => secrets.add([value]),
    readInclude: (path, line) => scope.readFile(path, line),
    signMessage: async (content, line, form) => {
      const dkim = scope.settingsAt(line).dkim;
      return dkim ? dkimHeaderFor(content, dkim, (path, at) => scope.readFile(path, at), line, undefined, form) : undefined;
    },
    signs: (line) => scope.settingsAt(line).dkim !== undefined,
    messageChunks: (first) => chunksOfMessage(session.exchanges, first),
    builtChunks: new Map<BdatExchange, Buffer>(),
  };
}
