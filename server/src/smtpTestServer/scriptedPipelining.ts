// What a client may send before the scripted server's reply (RFC 2920 §3): nothing, unless the server offered
// PIPELINING in its EHLO reply, and even then nothing after a command that ends a pipelined group (EHLO, DATA, QUIT,
// NOOP, a multi-step AUTH...; RFC 2920 §3.1), whose reply decides what may follow. A client that sends ahead all the
// same deviates, as a server refusing unauthorised pipelining (Postfix's `smtpd_forbid_unauth_pipelining`) turns it away.
import { verbOpens } from '../dialogue/dialogueState';
import { mustEndPipelinedGroup } from '../knowledge/pipelining';
import { isAuthDialogueExchange } from '../model/dialogueEvents';
import type { Exchange } from '../model/types';
import { MAX_CLIENT_LINE } from './clientReader';
import { maskedAuthCommand } from '../model/authLineText';
import { MASK } from '../model/secrets';
import type { ContentPlay } from './scriptedContent';
import { exchangeEnd, exchangeStartLine } from '../model/exchangeRange';

/** The session's play, as far as this check asks it (scriptedSession.ts). */
export type PipelinePlay = Pick<ContentPlay, 'reader' | 'note' | 'deviate'>;

/**
 * Called once the client's part of `exchanges[index]` is read and before its reply: a line already sent behind it is
 * a deviation unless the transcript writes it pipelined there (then lint judges the transcript) or PIPELINING allows it.
 */
export function checkSentAhead(play: PipelinePlay, exchanges: readonly Exchange[], index: number, pipeliningOffered: boolean): void {
  if (play.reader.pending === 0) return;
  const exchange = exchanges[index];
  if (!exchange.reply || exchanges[index + 1]?.pipelineGroup === exchange.pipelineGroup) return;
  const command = exchange.kind === 'command' ? exchange.command : undefined;
  // After STARTTLS the handshake comes: plain text there is an injection, said so where TLS starts (RFC 3207 §5).
  if (command && verbOpens(command.verb) === 'tls-handshake') return;
  const endsGroup = command !== undefined && mustEndPipelinedGroup(command.verb, command.argument);
  if (!endsGroup && pipeliningOffered) return;
  const what = command ? (command.verb ?? command.verbText) : exchange.kind === 'message' ? 'the message' : exchange.kind === 'bdat' ? 'the chunk' : 'the AUTH response';
  const sent = play.reader.peek(MAX_CLIENT_LINE).toString('utf8').split(/\r?\n/, 1)[0];
  // Behind an AUTH line (or in place of one) the client's next line may be credentials.
  const shown = isAuthDialogueExchange(exchange) ? MASK : maskedAuthCommand(sent);
  play.note('C', shown);
  const line = exchange.kind === 'message' ? (exchange.terminator?.line ?? exchangeEnd(exchange).line) : exchangeStartLine(exchange);
  if (endsGroup) {
    play.deviate(line, `(nothing until the reply to ${what}, which ends a pipelined group)`, shown, `the client sent more after ${what} without waiting for its reply: ${what} ends a pipelined group (RFC 2920 §3.1)`);
  }
  play.deviate(line, `(nothing until the reply to ${what}: PIPELINING is not offered)`, shown, `the client sent more after ${what} without waiting for its reply, but the EHLO reply does not offer PIPELINING (RFC 2920 §3)`);
}
