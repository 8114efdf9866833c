// One connection of an import, written as `.smtp` lines while its events arrive. It follows the dialogue as far
// as the format needs (docs/transcript-format.md "Exchanges"): which reply answers which command (pipelining,
// RFC 2920), when message content starts and ends (RFC 5321 §4.1.1.4), when a client line answers a 334 (RFC 4954 §4).
import type { ImportProblem } from './importTypes';
import { credentialReference, literalText, type AuthProgress, type CredentialReference } from './saslCredentials';

export type TlsMode = 'none' | 'starttls' | 'implicit';

interface PendingCommand {
  verb: string;
  auth?: AuthProgress;
  /** The AUTH message referenced the password or token (so a captured failure will not replay as one). */
  sendsCredentials?: boolean;
}

export interface RevealedSecret {
  value: string;
  /** The variable that stands for it. */
  variable: 'password' | 'token';
}

/** RFC 5321 §4.2: a code, then `-` (more lines follow), a space or nothing (the last line). */
const replyLine = /^([2-5][0-5]\d)([ -]|$)(.*)$/;

export class SessionDraft {
  host?: string;
  port?: number;
  tls: TlsMode;
  user?: string;
  usesUser = false;
  usesPassword = false;
  usesToken = false;
  /** Secrets the capture revealed: no line of the output may show them. */
  readonly secrets: RevealedSecret[] = [];
  readonly lines: string[] = [];
  /** QUIT was answered, the server said 421, or the connection closed: a further client line is a new session. */
  ended = false;

  private exchangeLines = 0;
  private greeted = false;
  private readonly pending: PendingCommand[] = [];
  private mode: 'command' | 'content' | 'auth-answer' = 'command';
  private auth?: AuthProgress;
  private challenge = '';
  private inHeader = true;
  private skippingFold = false;
  private replyOpen = false;
  private orphanReply = false;
  /** The BDAT chunk being written: its command's output line and the octets it still declares. */
  private bdat?: { lineIndex: number; octetsLeft: number };
  private closed = false;

  constructor(
    private readonly problems: ImportProblem[],
    target: { host?: string; port?: number; tls?: TlsMode } = {},
  ) {
    this.host = target.host;
    this.port = target.port;
    this.tls = target.tls ?? 'none';
  }

  get hasExchanges(): boolean {
    return this.exchangeLines > 0;
  }

  /** The handshake before anything was said is implicit TLS; after STARTTLS, the 220 reply already said so. */
  tlsStarted(): void {
    if (!this.greeted && !this.hasExchanges) this.tls = 'implicit';
  }

  note(text: string): void {
    this.lines.push(`# ${text.replace(/[\r\n]+/g, ' ')}`);
  }

  sent(text: string, line: number): void {
    this.endOpenReply(line, 'a multi-line reply is cut off by a client line; its last line was made the final one');
    if (!this.greeted) {
      // RFC 5321 §4.3.1: the server speaks first; some tools do not print its greeting.
      this.writeServer('220 *');
      this.greeted = true;
      this.warn(line, 'info', 'the capture shows no greeting before the first command; "S: 220 *" was added');
    }
    if (this.mode === 'command' && this.pending[this.pending.length - 1]?.verb === 'DATA') {
      // Client lines after a DATA with no reply yet are its content, as the format reads them; DATA still awaits
      // its reply, and a 3xx then opens content again.
      this.startContent();
      this.warn(line, 'warning', 'DATA has no 354 reply in the capture; the lines after it were read as message content');
    }
    if (this.mode === 'content') return this.contentLine(text);
    if (this.mode === 'auth-answer') return this.authAnswer(text, line);
    if (this.bdat && this.bdat.octetsLeft > 0) {
      // RFC 3030 §2: the chunk is octets, not commands.
      this.bdat.octetsLeft -= Buffer.byteLength(text) + 2;
      this.writeClient(literalText(text));
      if (this.bdat.octetsLeft <= 0) this.endBdatChunk(line);
      return;
    }
    if (text.trim() === '' || /^\s/.test(text)) {
      // No command starts with a space (RFC 5321 §4.1.1): such a line cannot stand as a `C:` command.
      this.lines.push(`# C: ${text}`);
      return this.warn(line, 'warning', 'an empty line or one starting with a space, sent as a command, is kept as a comment, and the reply to it too');
    }
    // As the format splits a command: the verb ends at the first space.
    const space = text.indexOf(' ');
    const verb = (space < 0 ? text : text.slice(0, space)).toUpperCase();
    if (verb === 'AUTH') return this.authCommand(text, line);
    this.pending.push({ verb });
    this.writeClient(literalText(text));
    const bdat = verb === 'BDAT' ? /^(\d+)(?:\s+LAST)?\s*$/i.exec(text.slice(space + 1)) : null;
    if (bdat) this.bdat = { lineIndex: this.lines.length - 1, octetsLeft: Number(bdat[1]) };
  }

  received(text: string, line: number): void {
    if (this.bdat) this.endBdatChunk(line);
    if (this.mode === 'content') this.endContent(line, 'a server reply cuts the message content off; "C: ." was added before it');
    const reply = replyLine.exec(text);
    if (!reply) {
      this.lines.push(`# S: ${text}`);
      if (!this.replyOpen) this.warn(line, 'warning', 'a server line without a reply code (2xx-5xx) is kept as a comment');
      return;
    }
    if (!this.replyOpen) this.orphanReply = this.closed || (this.greeted && this.pending.length === 0);
    this.replyOpen = reply[2] === '-';
    if (this.orphanReply) {
      this.lines.push(`# S: ${text}`);
      if (!this.replyOpen) this.warn(line, 'warning', 'a reply to no command the capture shows is kept as a comment');
      return;
    }
    this.writeServer(text);
    if (!this.replyOpen) this.finalReply(reply[1], reply[3].trim(), line);
  }

  closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    // `S: <closed>` only where a reply is complete; a half-written reply or message is finished by `finish`.
    if (this.hasExchanges && !this.replyOpen && this.mode === 'command' && this.pending.length === 0) this.lines.push('S: <closed>');
  }

  /** Makes what the capture left unfinished parse: an open message gets its `.`, an open reply its last line. */
  finish(lastLine: number): void {
    if (this.bdat) this.endBdatChunk(lastLine);
    if (this.mode === 'content') this.endContent(lastLine, 'the capture ends inside message content; "C: ." was added');
    this.endOpenReply(lastLine, 'the capture ends inside a multi-line reply; its last line was made the final one');
  }

  private endContent(line: number, message: string): void {
    this.contentLine('.');
    this.warn(line, 'warning', message);
  }

  /**
   * A chunk must hold exactly its declared octets; it may end right after a line's text (RFC 3030 §2). One the
   * capture shows otherwise becomes `BDAT *`, counted at replay.
   */
  private endBdatChunk(line: number): void {
    const { lineIndex, octetsLeft } = this.bdat!;
    this.bdat = undefined;
    if (octetsLeft === 0 || octetsLeft === -2) return;
    this.lines[lineIndex] = this.lines[lineIndex].replace(/^(C: BDAT\s+)\d+/i, '$1*');
    this.warn(line, 'warning', 'the BDAT chunk in the capture does not hold the octets its command declares; written as BDAT *, counted at replay');
  }

  /** RFC 5321 §4.2.1: a reply ends with a line whose code is followed by a space; a cut-off one gets one. */
  private endOpenReply(line: number, message: string): void {
    if (!this.replyOpen) return;
    this.replyOpen = false;
    if (this.orphanReply) return;
    const last = this.lines.findLastIndex((l) => l.startsWith('S: '));
    const reply = /^S: (\d{3})-(.*)$/.exec(this.lines[last])!;
    this.lines[last] = `S: ${reply[1]} ${reply[2]}`;
    this.warn(line, 'warning', message);
    this.finalReply(reply[1], reply[2].trim(), line);
  }

  private finalReply(code: string, text: string, line: number): void {
    if (!this.greeted && this.pending.length === 0) {
      this.greeted = true;
      return;
    }
    const command = this.pending.shift();
    if (code === '421') this.ended = true; // RFC 5321 §3.8: the server is closing the channel
    if (!command) return;
    // As the format reads replies: any 3xx to DATA opens content, any 3xx during AUTH asks for a response.
    if (command.verb === 'DATA' && code.startsWith('3')) {
      this.startContent();
    } else if (command.auth && code.startsWith('3')) {
      this.mode = 'auth-answer';
      this.auth = command.auth;
      this.challenge = text;
    } else if (command.auth && command.sendsCredentials && /^[45]/.test(code)) {
      this.warn(line, 'warning', `AUTH failed in the capture (${code}); the transcript sends {{password}} from SMTP_PASSWORD, so with the right password a replay gets 235 instead`);
    } else if (command.verb === 'STARTTLS' && code === '220') {
      if (this.tls === 'none') this.tls = 'starttls';
    } else if (command.verb === 'QUIT' && code === '221') {
      this.ended = true;
    }
  }

  private authCommand(text: string, line: number): void {
    const parts = /^(\S+)(\s+)(\S+)(?:(\s+)(.*))?$/.exec(text);
    const progress: AuthProgress = { mechanism: (parts?.[3] ?? '').toUpperCase(), messages: 0 };
    if (!parts || parts[5] === undefined) {
      this.pending.push({ verb: 'AUTH', auth: progress });
      return this.writeClient(literalText(text));
    }
    const reference = credentialReference(progress, parts[5].trim());
    progress.messages = 1;
    this.pending.push({ verb: 'AUTH', auth: progress, sendsCredentials: this.record(reference, line) });
    this.writeClient(`${literalText(parts[1] + parts[2] + parts[3] + parts[4])}${reference.text}`);
  }

  private authAnswer(text: string, line: number): void {
    const progress = this.auth!;
    const reference = credentialReference(progress, text, this.challenge);
    progress.messages++;
    this.mode = 'command';
    this.pending.push({ verb: 'AUTH-RESPONSE', auth: progress, sendsCredentials: this.record(reference, line) });
    this.writeClient(reference.text);
  }

  /** Takes note of what a credential reference needs; true when it sends the password or token. */
  private record(reference: CredentialReference, line: number): boolean {
    if (reference.text.includes('{{user}}')) this.usesUser = true;
    if (reference.user !== undefined) this.user ??= reference.user;
    if (reference.password) this.secrets.push({ value: reference.password, variable: reference.usesToken ? 'token' : 'password' });
    if (reference.usesPassword) this.usesPassword = true;
    if (reference.usesToken) this.usesToken = true;
    if (reference.problem) this.warn(line, 'warning', reference.problem);
    return Boolean(reference.usesPassword || reference.usesToken);
  }

  private startContent(): void {
    this.mode = 'content';
    this.inHeader = true;
    this.skippingFold = false;
  }

  private contentLine(text: string): void {
    // RFC 5321 §4.1.1.4: the line `.` ends the content; the reply after it is the message's.
    if (text === '.') {
      this.mode = 'command';
      this.pending.push({ verb: '.' });
      return this.writeClient('.');
    }
    if (this.inHeader) {
      if (text === '') this.inHeader = false;
      else if (this.skippingFold && /^[ \t]/.test(text)) return;
      else {
        this.skippingFold = false;
        // A replay sends a fresh Date and Message-ID rather than the captured ones (RFC 5322 §3.6.1, §3.6.4).
        const field = /^(Date|Message-Id)\s*:/i.exec(text);
        if (field) {
          this.skippingFold = true;
          return this.writeClient(`${field[0]} ${field[1].toLowerCase() === 'date' ? '{{$date}}' : '{{$message-id}}'}`);
        }
      }
    }
    this.writeClient(literalText(text));
  }

  private writeClient(payload: string): void {
    this.lines.push(payload === '' ? 'C:' : `C: ${payload}`);
    this.exchangeLines++;
  }

  private writeServer(text: string): void {
    this.lines.push(`S: ${literalText(text)}`);
    this.exchangeLines++;
  }

  private warn(line: number, severity: ImportProblem['severity'], message: string): void {
    this.problems.push({ line: line + 1, severity, message });
  }
}
