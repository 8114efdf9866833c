// A session is checked before it connects: the settings at every line, every variable and `$env` value, every
// include and BDAT count, the extra CAs. A problem refuses the session with one error naming its line, instead of
// surfacing after STARTTLS and AUTH, or halfway through a message.
import type { ClientLine, ContentPart, Exchange, Session } from '../model/types';
import type { DkimSettings } from './dkimSettings';
import { checkSigningKey } from './messageSigning';
import { outgoingFor, type OutgoingContext } from './outgoing';
import { ReplayError } from './replayError';
import { needsResolving, type SessionScope } from './sessionScope';

/** Expected lines are only checked for what cannot be resolved: a fresh value there changes nothing. */
const IGNORE_FRESH = (): void => undefined;

export interface Preflight {
  /** The extra CA certificates to trust, already read and checked. */
  extraCaPem?: string;
}

export async function checkBeforeConnecting(session: Session, scope: SessionScope, signal?: AbortSignal): Promise<Preflight> {
  const first = session.exchanges[0].range.start.line;
  refuseUndecodable(session, scope, scope.invalidUtf8Lines());
  const extraCaPem = await scope.extraCaPem(first);
  const walk = checkAtOnce(session, scope, signal);
  // Then, in order, what reads files or builds bytes ahead; a problem the walk found is thrown after those above it.
  let fresh = false;
  const context: OutgoingContext = {
    resolve: (text, line) => scope.resolveAhead(text, line, () => void (fresh = true)),
    addSecret: () => undefined,
    readInclude: (path, line) => scope.readFile(path, line),
  };
  const checkedKeys = new Set<DkimSettings>();
  for (let k = 0; k < walk.builtAhead.length; k++) {
    const exchange = walk.builtAhead[k];
    if (signal?.aborted) throw new ReplayError('cancelled', 'the replay was cancelled');
    fresh = false;
    try {
      if (!isCheckedAtOnce(exchange)) await outgoingFor(exchange, context);
    } catch (error) {
      // A chunk holding `{{$date}}` or the like has its final size only when it is sent; it is checked then.
      if (!(error instanceof ReplayError && error.kind === 'bdat-size' && fresh)) throw error;
    }
    await checkKeyOnce(exchange, scope, checkedKeys);
  }
  if (walk.problem) throw walk.problem.error;
  return extraCaPem === undefined ? {} : { extraCaPem };
}

interface Walk {
  /** Exchanges with more to check than their text (includes, BDAT chunks, a message signed), in order. */
  builtAhead: Exchange[];
  /** The first problem found, thrown once the exchanges above it are checked. */
  problem?: { error: unknown };
}

/**
 * The checks that need no file: the settings at every exchange and reply, and the text of every command, AUTH
 * response, content line and reply line. A plain loop: as an async function (an await per exchange) the walk of a
 * session of thousands of exchanges never left V8's interpreter, ~100 ms before the first byte for 1,000 messages.
 */
function checkAtOnce(session: Session, scope: SessionScope, signal: AbortSignal | undefined): Walk {
  const walk: Walk = { builtAhead: [] };
  const context: OutgoingContext = {
    resolve: (text, line) => scope.resolveAhead(text, line, IGNORE_FRESH),
    addSecret: () => undefined,
    readInclude: () => Promise.reject(new Error('no file is read in the walk')),
  };
  const exchanges = session.exchanges;
  try {
    for (let k = 0; k < exchanges.length; k++) {
      const exchange = exchanges[k];
      if (signal?.aborted) throw new ReplayError('cancelled', 'the replay was cancelled');
      scope.settingsAt(exchange.range.start.line);
      if (isCheckedAtOnce(exchange)) resolveText(exchange, context);
      if (isCheckedAtOnce(exchange) ? signsMessage(exchange, scope) : true) walk.builtAhead.push(exchange);
      const reply = exchange.reply;
      if (!reply) continue;
      scope.settingsAt(reply.range.start.line);
      for (let i = 0; i < reply.lines.length; i++) {
        const line = reply.lines[i];
        if (!line.isEllipsis && needsResolving(line.text)) scope.resolveAhead(line.text, line.line, IGNORE_FRESH);
      }
    }
    // Settings below the last exchange still end the session (the courtesy QUIT's timeout, `S: <closed>`).
    scope.settingsAt(session.range.end.line + 1);
  } catch (error) {
    walk.problem = { error };
  }
  return walk;
}

/**
 * Commands, AUTH responses and content of lines only can fail only in resolving their text, which is all that is done
 * for them here: their bytes are built when they are sent. Anything else (includes, a BDAT chunk) is built ahead.
 */
function isCheckedAtOnce(exchange: Exchange): boolean {
  switch (exchange.kind) {
    case 'command':
    case 'auth-response':
      return true;
    case 'message':
      return !exchange.parts.some(isInclude);
    default:
      return false;
  }
}

function resolveText(exchange: Exchange, context: OutgoingContext): void {
  switch (exchange.kind) {
    case 'command':
      return resolveIfNeeded(exchange.command.line, context);
    case 'auth-response':
      return resolveIfNeeded(exchange.line, context);
    case 'message':
      for (let i = 0; i < exchange.parts.length; i++) {
        const part = exchange.parts[i];
        if (part.kind === 'line') resolveIfNeeded(part.line, context);
      }
  }
}

/** A message signed with `@dkim-*`: its key is read and checked with the exchanges built ahead. */
function signsMessage(exchange: Exchange, scope: SessionScope): boolean {
  return (exchange.kind === 'message' || exchange.kind === 'bdat') && scope.settingsAt(exchange.range.start.line).dkim !== undefined;
}

const isInclude = (part: ContentPart): boolean => part.kind !== 'line';

/** The DKIM key a message is signed with (`@dkim-*`), read and checked once per set of settings. */
async function checkKeyOnce(exchange: Exchange, scope: SessionScope, checked: Set<DkimSettings>): Promise<void> {
  if (exchange.kind !== 'message' && exchange.kind !== 'bdat') return;
  const line = exchange.range.start.line;
  const dkim = scope.settingsAt(line).dkim;
  if (!dkim || checked.has(dkim)) return;
  checked.add(dkim);
  await checkSigningKey(dkim, (path, at) => scope.readFile(path, at), line);
}

/** Most lines hold no reference: the check of a session's thousands of lines does not call through for them. */
function resolveIfNeeded(line: ClientLine, context: OutgoingContext): void {
  if (needsResolving(line.payload.text)) context.resolve(line.payload.text, line.line);
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
      return exchange.parts.flatMap((part) => (part.kind === 'line' ? [part.line.line] : [part.include.line]));
    case 'bdat':
      return [exchange.command.line.line, ...exchange.parts.flatMap((part) => (part.kind === 'line' ? [part.line.line] : [part.include.line]))];
  }
}
