// Whether a session runs over implicit TLS (RFC 8314), as its settings say when it ends (the file's `@tls` or its
// own): replay against the local server picks the TLS port by it, and the mock warns when it has no TLS port to give.
import { TLS_SETTING } from '../settings/replaySettings';
import type { TlsMode } from '../knowledge/tlsModes';
import type { Session, Transcript } from './types';
import { sharedDefinitionsAt } from './variables';

export function isImplicitTlsSession(transcript: Transcript, session: Session): boolean {
  return sessionTlsMode(transcript, session) === 'implicit';
}

/** The session's `@tls` (the file's or its own, as it ends); undefined when it sets none or none that reads. */
export function sessionTlsMode(transcript: Transcript, session: Session): TlsMode | undefined {
  const mode = writtenTlsMode(transcript, session);
  return mode === 'reference' ? undefined : mode;
}

/** `sessionTlsMode`, or `reference` when a `{{...}}` writes it: only replay knows it then (lint asks for every session). */
export function writtenTlsMode(transcript: Transcript, session: Session): TlsMode | 'reference' | undefined {
  const tls = sharedDefinitionsAt(transcript, session, Infinity).get('tls')?.value;
  if (tls === undefined) return undefined;
  return tls.variables.length > 0 ? 'reference' : TLS_SETTING.parse(tls.text);
}
