// Whether a session runs over implicit TLS (RFC 8314), as its settings say when it ends (the file's `@tls` or its
// own): replay against the local server picks the TLS port by it, and the mock warns when it has no TLS port to give.
import { TLS_SETTING } from '../settings/replaySettings';
import type { TlsMode } from '../knowledge/tlsModes';
import type { Session, Transcript } from './types';
import { definitionsAt } from './variables';

export function isImplicitTlsSession(transcript: Transcript, session: Session): boolean {
  return sessionTlsMode(transcript, session) === 'implicit';
}

/** The session's `@tls` (the file's or its own, as it ends); undefined when it sets none or none that reads. */
export function sessionTlsMode(transcript: Transcript, session: Session): TlsMode | undefined {
  const tls = definitionsAt(transcript, session, Infinity).get('tls')?.value.text;
  return tls === undefined ? undefined : TLS_SETTING.parse(tls);
}
