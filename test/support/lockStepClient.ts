// A raw SMTP client on a real socket that waits for each reply before it sends on, as a client must where the server
// offers no PIPELINING (RFC 2920 §3): for tests that need exact octets (a giant line, a BDAT chunk, a control
// character) which no mail library sends.
import { connect } from 'node:net';

/**
 * Connects to 127.0.0.1:`port`; each final reply line (a code then a space, RFC 5321 §4.2.1; the greeting first)
 * lets the next of `turns` go out, whole, in one write. Resolves with every octet received (latin1) once the server
 * closes the connection.
 */
export function lockStep(port: number, turns: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const waiting = [...turns];
    let received = '';
    let scanned = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      for (let end = received.indexOf('\r\n', scanned); end >= 0; end = received.indexOf('\r\n', scanned)) {
        const line = received.slice(scanned, end);
        scanned = end + 2;
        const next = /^\d{3}( |$)/.test(line) ? waiting.shift() : undefined;
        if (next !== undefined) socket.write(next);
      }
    });
    socket.on('close', () => resolve(received));
  });
}
