// TLS in a scripted session: after the 220 to STARTTLS (RFC 3207 §4) or at connect on the implicit-TLS port
// (RFC 8314 §3.3). What the client does instead of a handshake - plain text, commands injected before it, a refused
// certificate, silence - is a deviation that says so.
import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import { cannotStartTlsHandshake } from '../knowledge/tlsModes';
import { MAX_CLIENT_LINE } from './clientReader';
import { maskedAuthCommand } from '../model/authLineText';
import { serverTlsHandshake } from './localListener';
import type { ContentPlay } from './scriptedContent';

/** The session's play, as far as starting TLS asks it (scriptedSession.ts). */
export type TlsPlay = Pick<ContentPlay, 'reader' | 'timeoutAt' | 'note' | 'deviate'>;

/** A client that talks first or waits for the greeting on the implicit-TLS port is one for the plain port. */
const IMPLICIT_PORT_HINT = ' (a client that talks SMTP first expects a plain port, with STARTTLS: connect it to --port)';

/** RFC 3207 §4-5: after 220 the next bytes are the handshake; plain text sent before it is an injection. */
export async function startTlsAfter220(play: TlsPlay, socket: Socket, secureContext: SecureContext, line: number): Promise<TLSSocket> {
  if (play.reader.pending > 0) {
    play.deviate(line, 'the TLS handshake', '(more commands in plain text)', 'the client sent commands after STARTTLS before the TLS handshake (RFC 3207 §5)');
  }
  // A client that reads the 220 as a go-ahead in the clear sends its next command (its credentials) in plain text.
  if ('value' in (await play.reader.waitForInput(play.timeoutAt(line))) && cannotStartTlsHandshake(play.reader.peek(2))) {
    const text = play.reader.peek(MAX_CLIENT_LINE).toString('utf8').split(/\r?\n/, 1)[0];
    const shown = maskedAuthCommand(text);
    play.note('C', shown);
    play.deviate(line, 'the TLS handshake', shown, 'the client sent plain text after the 220 to STARTTLS instead of starting the TLS handshake (RFC 3207 §4)', false);
  }
  return handshake(play, socket, secureContext, line, 'after STARTTLS', '');
}

/** RFC 8314 §3.3: on the implicit-TLS port the handshake comes first, before the greeting (reported at `line`). */
export function startImplicitTls(play: TlsPlay, socket: Socket, secureContext: SecureContext, line: number): Promise<TLSSocket> {
  return handshake(play, socket, secureContext, line, 'on the implicit-TLS port', IMPLICIT_PORT_HINT);
}

/** The server side of the handshake; a failure is a deviation at `line` saying why (a refused certificate...). */
async function handshake(play: TlsPlay, socket: Socket, secureContext: SecureContext, line: number, where: string, clearHint: string): Promise<TLSSocket> {
  // What the client sent so far begins its handshake: the TLS layer reads it first.
  const sent = play.reader.handOver();
  socket.pause();
  if (sent.length > 0) socket.unshift(sent);
  const result = await serverTlsHandshake(socket, secureContext, play.timeoutAt(line));
  if ('problem' in result) {
    play.deviate(line, 'the TLS handshake', '(no handshake)', `the TLS handshake ${where} did not complete: ${result.problem}${result.clear ? clearHint : ''}`, false);
  }
  play.reader.attach(result.secure);
  play.note('info', `TLS started (${result.secure.getProtocol() ?? 'TLS'})`);
  return result.secure;
}
