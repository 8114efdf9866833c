// A session replay leaves to `smtp-transcript mock`: it scripts a server failing on purpose, or says
// `@replay = skip` (a busy server, a client test). Replay skips it and says why; `replay --local` starts no server
// for a run whose sessions all are such scripts.
import { scriptedFault } from '../model/pendingMarkers';
import type { Session, Transcript } from '../model/types';
import type { ReplayOptions } from './replayTypes';
import { SecretSet } from './secretSet';
import type { SessionSettings } from './sessionSettings';
import { SessionScope } from './sessionScope';
import { exchangeStartLine } from '../model/exchangeRange';

/** Why `session` is for `smtp-transcript mock` only, if it is. `settingsAt` reads the session's settings at a line. */
export function mockScriptReason(session: Session, settingsAt: (line: number) => SessionSettings): string | undefined {
  const fault = scriptedFault(session);
  // `<delay>` and `<drip>` only shape how the scripted server sends; a fault is a server failing on purpose.
  if (fault) return `line ${fault.line + 1} scripts a server fault (\`S: <${fault.name}>\`) that only \`smtp-transcript mock\` plays`;
  const first = session.exchanges[0];
  // `S: <closed>` alone: a server that closes at once, with no greeting (one dropping connections), for a client test.
  if (!first && session.expectsClose) return `line ${session.expectsClose.line + 1}: the server closes at once, with no greeting, a script for \`smtp-transcript mock\``;
  if (!first) return undefined;
  let skipLine: number | undefined;
  try {
    skipLine = settingsAt(exchangeStartLine(first)).skipLine;
  } catch {
    return undefined; // an invalid setting is reported at its line when the session runs
  }
  return skipLine === undefined ? undefined : `line ${skipLine + 1} says \`@replay = skip\`: a script for \`smtp-transcript mock\``;
}

/** True when replay skips every one of `sessions` as a mock script (with the options it runs them with). */
export function allMockScripts(transcript: Transcript, sessions: readonly Session[], options: ReplayOptions): boolean {
  return sessions.every((session) => {
    const scope = new SessionScope(transcript, session, options, new SecretSet());
    return mockScriptReason(session, (line) => scope.settingsAt(line)) !== undefined;
  });
}
