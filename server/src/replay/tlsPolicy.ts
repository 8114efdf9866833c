// The credential policy of replay (docs/transcript-format.md, "Security"): a session that asks for TLS (a STARTTLS
// line, or the starttls mode) sends nothing that carries a secret before TLS is up, whatever the options
// (--keep-going, --update, the editor, the Test Explorer): not above STARTTLS, not pipelined with it, and not after a
// stripped or refused STARTTLS, which ends the session at the STARTTLS line instead of sending credentials in clear.
import { replyOpens } from '../dialogue/dialogueState';
import { isAuthDialogueExchange } from '../model/dialogueEvents';
import type { Exchange } from '../model/types';
import { outgoingFor, type Outgoing, type OutgoingContext } from './outgoing';
import { actualTexts } from './exchangeResults';
import { ReplayError } from './replayError';
import type { ActualReply } from './replyReader';
import type { SecretSet } from './secretSet';
import type { TlsMode } from './replayTypes';
import { exchangeStartLine } from '../model/exchangeRange';

const STARTTLS_COMMAND = { kind: 'command', verb: 'STARTTLS' } as const;

/** RFC 3207 §4: only `220` tells the client to start the handshake; any other reply leaves the connection plain. */
export function startsTls(reply: ActualReply): boolean {
  return replyOpens(STARTTLS_COMMAND, reply.code, 'listed') === 'tls-handshake';
}

/**
 * An exchange carries a secret when it is part of an AUTH dialogue (RFC 4954 §4: the initial response and every
 * answer to a 334 are credentials) or when its bytes hold a secret value (`@password`, a token, an AUTH payload).
 */
export function carriesSecret(exchange: Exchange, outgoing: Outgoing, secrets: SecretSet): boolean {
  if (isAuthDialogueExchange(exchange)) return true;
  return outgoing.data.some((piece) => secrets.foundIn(piece));
}

type MissingTls =
  /** `C: STARTTLS` got another reply than 220 (454, 502, a stripped 250...). */
  | { kind: 'refused'; line: number; index: number; reply: string }
  /** `@tls = starttls` (or --tls starttls) on a session without a `C: STARTTLS` line. */
  | { kind: 'never-upgraded' };

export class TlsPolicy {
  private missing?: MissingTls;
  /** The session asks for TLS: until it is up, credentials stay home. */
  private readonly asksTls: boolean;

  constructor(mode: TlsMode, hasStarttlsLine: boolean) {
    // The mode comes from the caller for every session of a file; a session that never upgrades runs in plain
    // text (said loudly elsewhere), but its credentials stay home.
    if (mode === 'starttls' && !hasStarttlsLine) this.missing = { kind: 'never-upgraded' };
    this.asksTls = mode === 'starttls' || hasStarttlsLine;
  }

  /** The server answered `C: STARTTLS` at `line` with something other than 220: the connection stays plain. */
  refused(line: number, index: number, reply: ActualReply): void {
    this.missing = { kind: 'refused', line, index, reply: actualTexts(reply)[0] ?? reply.code };
  }

  get hasRefusal(): boolean {
    return this.missing?.kind === 'refused';
  }

  /** Where a refusal's error belongs: the STARTTLS exchange's index in the session's results. */
  get refusalIndex(): number | undefined {
    return this.missing?.kind === 'refused' ? this.missing.index : undefined;
  }

  /** The error for sending `exchange` now, or undefined when it may go. `encrypted`: TLS is up on the connection. */
  check(exchange: Exchange, outgoing: Outgoing, secrets: SecretSet, encrypted: boolean): ReplayError | undefined {
    if (encrypted || !this.asksTls || !carriesSecret(exchange, outgoing, secrets)) return undefined;
    if (this.missing) return this.error(exchangeStartLine(exchange));
    // Above STARTTLS, or written in its pipelined group (RFC 3207 §4: STARTTLS ends a group, what follows it in
    // the same write goes in clear, and RFC 3207 §5 has the server drop it).
    const what = isAuthDialogueExchange(exchange)
      ? 'this line sends credentials'
      : // Found by value: a short secret may also be a piece of other text (`test` in `EHLO client.test`); say so.
        "this line holds a secret's value (of a variable named with pass, secret, token or key; a short secret may also be part of other text on the line, such as a domain name)";
    return new ReplayError(
      'tls-required',
      `${what} before TLS is up (above the STARTTLS line, or pipelined with it): replay never sends credentials in plain text once TLS was asked for; send them after STARTTLS and its 220`,
      exchangeStartLine(exchange),
    );
  }

  /** The `tls-required` error: at the refused STARTTLS, or at the line that would have sent credentials. */
  error(secretLine: number): ReplayError {
    const missing = this.missing;
    if (missing?.kind === 'refused') {
      return new ReplayError(
        'tls-required',
        `TLS did not start (the server answered STARTTLS with ${missing.reply}) and line ${secretLine + 1} sends credentials: replay never sends them on a connection whose TLS upgrade was refused, so the session ends here`,
        missing.line,
      );
    }
    return new ReplayError(
      'tls-required',
      'this line sends credentials, but the TLS mode is starttls and the session never sends STARTTLS: replay never sends credentials in plain text once TLS was asked for',
      secretLine,
    );
  }
}

/**
 * The line of the first exchange after `after` that would carry a secret, resolved ahead of time (includes are
 * not read here: their bytes are checked when they are sent). A refused STARTTLS ends the session at once when
 * one is found, instead of running on to it.
 */
export async function firstSecretLineAfter(
  after: Exchange,
  exchanges: readonly Exchange[],
  context: OutgoingContext,
  secrets: SecretSet,
): Promise<number | undefined> {
  for (const exchange of exchanges.slice(exchanges.indexOf(after) + 1)) {
    if (exchange.kind === 'client-close') return undefined;
    const outgoing = await outgoingFor(exchange, context).catch((): Outgoing => ({ data: [], shown: [] }));
    if (carriesSecret(exchange, outgoing, secrets)) return exchangeStartLine(exchange);
  }
  return undefined;
}
