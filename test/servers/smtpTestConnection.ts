// A bare SMTP client connection for tests and captures: send lines, read whole replies (RFC 5321 §4.2),
// upgrade with STARTTLS (RFC 3207), and record every line that crossed the wire.
import { connect as connectPlain, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { WireEvent } from './swaksOutput';

export interface TlsSettings {
  /** PEM certificates to trust; verification stays on. */
  ca: string;
  servername: string;
}

export class SmtpTestConnection {
  readonly events: WireEvent[] = [];
  private received: string[] = [];
  private partial = '';
  private closed = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  private constructor(private socket: Socket) {
    this.listen(socket);
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  /** Connects in plain text, or with TLS from the first byte when `tls` is given (verified). */
  static open(host: string, port: number, tls?: TlsSettings): Promise<SmtpTestConnection> {
    return new Promise((resolve, reject) => {
      const socket: Socket = tls
        ? connectTls({ host, port, ca: tls.ca, servername: tls.servername }, () => resolve(new SmtpTestConnection(socket)))
        : connectPlain({ host, port }, () => resolve(new SmtpTestConnection(socket)));
      socket.once('error', reject);
    });
  }

  get tlsSocket(): TLSSocket | undefined {
    return 'encrypted' in this.socket ? (this.socket as TLSSocket) : undefined;
  }

  private listen(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.partial += chunk;
      let end: number;
      while ((end = this.partial.indexOf('\r\n')) >= 0) {
        const line = this.partial.slice(0, end);
        this.partial = this.partial.slice(end + 2);
        this.received.push(line);
        this.events.push({ kind: 'received', text: line });
      }
      this.wake?.();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.wake?.();
    });
  }

  private async waitFor(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.failure) throw this.failure;
      if (this.closed) throw new Error('connection closed by the server');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** The next whole reply: lines up to one whose code is followed by a space or nothing. */
  async readReply(): Promise<string[]> {
    const lastIndex = (): number => this.received.findIndex((line) => line.charAt(3) !== '-');
    await this.waitFor(() => lastIndex() >= 0);
    return this.received.splice(0, lastIndex() + 1);
  }

  /** Sends raw text as it is (no CRLF added); `lines` are recorded as sent lines. */
  write(text: string, lines: string[] = text.split('\r\n').slice(0, -1)): void {
    for (const line of lines) this.events.push({ kind: 'sent', text: line });
    this.socket.write(text);
  }

  async command(line: string): Promise<string[]> {
    this.write(`${line}\r\n`);
    return this.readReply();
  }

  /** STARTTLS, then the TLS handshake on the same socket, verified against `tls.ca`. */
  async startTls(tls: TlsSettings): Promise<string[]> {
    const reply = await this.command('STARTTLS');
    if (!reply[0].startsWith('220')) return reply;
    const plain = this.socket;
    plain.removeAllListeners('data');
    const options: ConnectionOptions = { socket: plain, ca: tls.ca, servername: tls.servername };
    this.socket = await new Promise<TLSSocket>((resolve, reject) => {
      const secure = connectTls(options, () => resolve(secure));
      secure.once('error', reject);
    });
    this.listen(this.socket);
    return reply;
  }

  /** Resolves when the server has closed the connection. */
  async closedByServer(): Promise<void> {
    await this.waitFor(() => this.closed).catch((error: Error) => {
      if (!this.closed) throw error;
    });
    this.events.push({ kind: 'closed' });
  }

  close(): void {
    this.socket.destroy();
  }
}
