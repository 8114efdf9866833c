// A session is checked before it connects: the settings at every line, every variable and `$env` value, every
// include and BDAT count, the extra CAs. A problem refuses the session with one error naming its line, instead of
// surfacing after STARTTLS and AUTH, or halfway through a message.
import { isInclude } from '../model/contentParts';
import type { ClientLine, Exchange, Session } from '../model/types';
import type { DkimSettings } from './dkimSettings';
import { checkSigningKey } from './messageSigning';
import { outgoingFor, type OutgoingContext } from './outgoing';
import { ReplayError } from './replayError';
import { needsResolving, type SessionScope } from './sessionScope';
import { exchangeStartLine } from '../model/exchangeRange';

/** Expected lines are only checked for what cannot be resolved: a fresh value there changes nothing. */
const IGNORE_FRESH = (): void => undefined;

export interface Preflight {
  /** The extra CA certificates to trust, already read and checked. */
  extraCaPem?: string;
}

export async function checkBeforeConnecting(session: Session, scope: SessionScope, signal?: AbortSignal): Promise<Preflight> {
  const first = exchangeStartLine(session.exchanges[0]);
  refuseUndecodable(session, scope, scope.invalidUtf8Lines());
  const extraCaPem = await scope.extraCaPem(first);
  let fresh = false;
  const noteFresh = (): void => void (fresh = true);
  const context: OutgoingContext = {
    resolve: (text, line) => scope.resolveAhead(text, line, noteFresh),
    addSecret: () => undefined,
    readInclude: (path, line) => scope.readFile(path, line),
  };
  // Indexed loops: in an async function the iterator's result objects were an allocation per exchange and per line.
  const exchanges = session.exchanges;
  const checkedKeys = new Set<DkimSettings>();
  for (let k = 0; k < exchanges.length; k++) {
    const exchange = exchanges[k];
    if (signal?.aborted) throw new ReplayError('cancelled', 'the replay was cancelled');
    scope.settingsAt(exchangeStartLine(exchange));
    fresh = false;
    try {
      // Most exchanges are checked at once: a promise (an await) per exchange cost as much as the check itself.
      const pending = checkSendable(exchange, context);
      if (pending) await pending;
    } catch (error) {
      // A chunk holding `{{$date}}` or the like has its final size only when it is sent; it is checked then.
      if (!(error instanceof ReplayError && error.kind === 'bdat-size' && fresh)) throw error;
    }
    const keyChecked = checkKeyOnce(exchange, scope, checkedKeys);
    if (keyChecked) await keyChecked;
    const reply = exchange.reply;
    if (!reply) continue;
    scope.settingsAt(reply.lines[0].line);
    for (let i = 0; i < reply.lines.length; i++) {
      const line = reply.lines[i];
      if (!line.isEllipsis && needsResolving(line.text)) scope.resolveAhead(line.text, line.line, IGNORE_FRESH);
    }
  }
  // Settings below the last exchange still end the session (the courtesy QUIT's timeout, `S: <closed>`).
  scope.settingsAt(session.range.end.line + 1);
  return extraCaPem === undefined ? {} : { extraCaPem };
}

/**
 * What `outgoingFor` would throw for the exchange. Commands, AUTH responses and content of lines only can fail only
 * in resolving their text, which is all that is done for them here (at once, throwing): their bytes are built when
 * they are sent. Anything else is built ahead, and the promise says how that went.
 */
function checkSendable(exchange: Exchange, context: OutgoingContext): Promise<unknown> | undefined {
  switch (exchange.kind) {
    case 'command':
      resolveIfNeeded(exchange.command.line, context);
      return undefined;
    case 'auth-response':
      resolveIfNeeded(exchange.line, context);
      return undefined;
    case 'message':
      if (exchange.parts.some(isInclude)) break;
      for (let i = 0; i < exchange.parts.length; i++) {
        const part = exchange.parts[i];
        if (!isInclude(part)) resolveIfNeeded(part, context);
      }
      return undefined;
  }
  return outgoingFor(exchange, context);
}

/**
 * The DKIM key a message is signed with (`@dkim-*`), read and checked once per set of settings; undefined when there
 * is nothing to read (nearly every exchange: no promise for them, as for `checkSendable`).
 */
function checkKeyOnce(exchange: Exchange, scope: SessionScope, checked: Set<DkimSettings>): Promise<void> | undefined {
  if (exchange.kind !== 'message' && exchange.kind !== 'bdat') return undefined;
  const line = exchangeStartLine(exchange);
  const dkim = scope.settingsAt(line).dkim;
  if (!dkim || checked.has(dkim)) return undefined;
  checked.add(dkim);
  return checkSigningKey(dkim, (path, at) => scope.readFile(path, at), line);
}

/** Most lines hold no reference: the check of a session's thousands of lines does not call through for them. */
function resolveIfNeeded(line: ClientLine, context: OutgoingContext): void {
  if (needsResolving(line.text)) context.resolve(line.text, line.line);
}

/**
 * Bytes that were not UTF-8 were read as U+FFFD: sending the line would put U+FFFD's bytes on the wire in place of the
 * file's. A line the session sends, or a directive above it (its value may be substituted into what is sent), is
 * refused at its line; `S:` lines and comments are only compared or skipped.
 */
function refuseUndecodable(session: Session, scope: SessionScope, invalidUtf8Lines: readonly number[]): void {
  if (invalidUtf8Lines.length === 0) return;
  const invalid = new Set(invalidUtf8Lines);
  const sent = [...scope.visibleDirectiveLines(), ...session.exchanges.flatMap(sentLines)].sort((a, b) => a - b);
  const bad = sent.find((line) => invalid.has(line));
  if (bad !== undefined) {
    throw new ReplayError('transcript', 'this line holds bytes that are not valid UTF-8: replay would send U+FFFD in their place, so it refuses; save the file as UTF-8', bad);
  }
}

/** The transcript lines whose text an exchange puts on the wire. */
function sentLines(exchange: Exchange): number[] {
  switch (exchange.kind) {
    case 'greeting':
      return [];
    case 'command':
      return [exchange.command.line.line];
    case 'auth-response':
    case 'client-close':
      return [exchange.line.line];
    case 'message':
      return exchange.parts.map((part) => part.line);
    case 'bdat':
      return [exchange.command.line.line, ...exchange.parts.map((part) => part.line)];
  }
}
