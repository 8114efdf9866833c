// One recorded connection -> `.smtp` text. The wire tap's bytes become the import's capture events (lines in the
// order they crossed the proxy), so the import's writer, one home for it, pairs replies with commands, frames
// content and chunks, turns AUTH data into `{{$env SMTP_PASSWORD}}` references with the password kept out of
// every line, and writes `Date:`, `Message-Id:` and MIME boundaries as `{{$date}}`, `{{$message-id}}` and
// `{{$boundary N}}` (replay sends fresh ones, the mock takes whatever the client makes). A connection is one session:
// what the client sends after it ended is kept there as comments. What a recording adds: `C: <close>` for a client
// that leaves without QUIT, and reply texts as strict expectations with their volatile parts as `*`.
import { closesChannel, commandLineVerb, listedOpening, verbOpens } from '../dialogue/dialogueState';
import { unansweredLine } from '../import/unansweredLines';
import { continuesReply, shownInReplyText, splitReplyLine } from '../dialogue/replyLine';
import type { CaptureEvent, ImportProblem } from '../import/importTypes';
import { writeTranscript } from '../import/transcriptWriter';
import { expectedReplyText } from '../model/volatileText';
import { sendsFreshChallenges } from '../knowledge/authMechanisms';
import type { ProxyTap } from './recordingProxy';
import { ClientLines, LineSplitter } from './wireLines';
import { endpointText, unixSocketPath } from '../settings/settingValues';

export interface RecordingOrigin {
  startedAt: Date;
  /** `address:port` of the client (`unix:/path` over a socket). */
  client: string;
  /** `servername`: what the upstream's certificate is verified as, when not its host (one on a socket). */
  upstream: { host: string; port: number; servername?: string };
  /** Who recorded it, for the heading: `smtp-transcript record`. */
  recorder: string;
  /** False when the recording server is the server itself (the local server), not a proxy in between. */
  proxied?: boolean;
  /** More for the heading's comments (that the server's certificate was not verified). */
  notes?: string[];
  /** Told the transcript when the connection has closed (how the local server's `serve --record` can save it). */
  onRecorded?: (recorded: RecordedTranscript) => void;
  /**
   * Passwords the recording server knows (its user's): kept out of the transcript though the client's AUTH hid them.
   * Without them (a proxy), a password sent as a CRAM-MD5 digest is said to be unmasked elsewhere.
   */
  knownPasswords?: string[];
  /** Octets recorded at most (both ways together); the rest of the connection is relayed but not written (default 64 MiB). */
  maxOctets?: number;
}

const DEFAULT_MAX_OCTETS = 64 * 1024 * 1024;

/**
 * The recording proxy's tap (recordingProxy.ts `tap`): a recorder for each connection to `upstream`, its heading naming
 * `recorder` and, when the server's certificate was not verified, what said not to (`--insecure-tls`, a setting).
 */
export function proxyRecorders(upstream: RecordingOrigin['upstream'], recorder: string, unverifiedBy?: string): (connection: { remote: string }) => TranscriptRecorder {
  const notes = unverifiedBy === undefined ? {} : { notes: [`${unverifiedBy}: the server's certificate was not verified.`] };
  return ({ remote }) => new TranscriptRecorder({ startedAt: new Date(), client: remote, upstream, recorder, ...notes });
}

export interface RecordedTranscript {
  /** The `.smtp` text; empty when the connection carried no exchange. */
  text: string;
  problems: ImportProblem[];
}

const AFTER_CLIENT_CLOSE = 'the server wrote this after the client had closed the connection, answering no command:';

export class TranscriptRecorder implements ProxyTap {
  private readonly events: CaptureEvent[];
  private readonly client = new ClientLines();
  private readonly server = new LineSplitter();
  private tls?: { mode: 'starttls' | 'implicit'; protocol: string };
  private ending?: 'client' | 'server' | 'error';
  /** The server ended its side before the client did (`serverEnded`): the close is already written. */
  private serverClosed = false;
  /** The client ended its side first, owed nothing (`clientEnded`): its close is written, the server's words after it are comments. */
  private clientClosed = false;
  private octets = 0;
  private full = false;
  /** The server's greeting has ended (its last line came); until then client lines wait in `early`. */
  private greeted = false;
  private readonly early: string[] = [];
  private heardServer = false;
  /** Server lines that came while the client was midway through a command line and owed nothing: written after it. */
  private readonly held: string[] = [];

  constructor(private readonly origin: RecordingOrigin) {
    const { host, port, servername } = origin.upstream;
    // A UNIX-domain socket (`unix:/path`) is all of `@server`: it has no port.
    const at = unixSocketPath(host) === undefined ? { port } : {};
    this.events = [{ kind: 'connect', line: 0, host, ...at, ...(servername === undefined ? {} : { servername }), whole: true }];
  }

  fromClient(bytes: Buffer): void {
    if (!this.within(bytes)) return;
    const lines = this.client.push(bytes);
    for (let i = 0; i < lines.length; i++) {
      this.sent(lines[i].text);
      if (i === 0) this.releaseHeld();
    }
  }

  /** RFC 5321 §4.3.1: the server speaks first; what a client sent before the greeting is written after it, and said. */
  private sent(text: string): void {
    if (this.greeted) this.add({ kind: 'sent', line: 0, text });
    else this.early.push(text);
  }

  private sendEarly(say = true): void {
    if (this.early.length === 0) return;
    if (say) this.add({ kind: 'note', line: 0, text: `the client sent ${this.early.length === 1 ? 'the next line' : `the next ${this.early.length} lines`} before the server's greeting` });
    for (const text of this.early.splice(0)) this.add({ kind: 'sent', line: 0, text });
  }

  fromServer(bytes: Buffer): void {
    if (!this.within(bytes)) return;
    for (const text of this.server.push(bytes)) this.arrived(text);
  }

  /**
   * A reply that comes when no command awaits one, while the client is midway through a line, answers that line:
   * a server that refuses a line too long (the local server's 421 at 64 KiB) says so before the line ends.
   */
  private arrived(text: string): void {
    const reply = splitReplyLine(text, 'wire');
    // The server's own 421 inside a chunk (an idle timeout): the octets it had come first, as before a close.
    if (reply && closesChannel(reply.code)) for (const { text: line } of this.client.chunkSoFar()) this.sent(line);
    const hold = this.held.length > 0 || (this.client.owed === 0 && this.client.midCommandLine);
    if (reply && !continuesReply(reply.separator)) this.client.replyEnded(reply.code);
    if (hold) this.held.push(text);
    else this.received(text);
  }

  private releaseHeld(): void {
    for (const text of this.held.splice(0)) this.received(text);
  }

  /** A comment says what the server said and why the client did not get it (a proxy's); then what the client got. */
  withheldFromClient(bytes: Buffer, why: string, instead?: Buffer): void {
    if (!this.within(bytes)) return;
    this.releaseHeld();
    const said = bytes.toString('utf8').split(/\r?\n/).filter((line) => line !== '').join(' / ');
    this.add({ kind: 'note', line: 0, text: `the server answered ${said}; not passed on: ${why}` });
    if (instead) this.fromServer(instead);
  }

  /** Keeps a recording's memory bounded: past the limit nothing more is recorded, and the transcript says so. */
  private within(bytes: Buffer): boolean {
    if (this.full) return false;
    this.octets += bytes.length;
    const limit = this.origin.maxOctets ?? DEFAULT_MAX_OCTETS;
    if (this.octets <= limit) return true;
    this.full = true;
    this.releaseHeld();
    this.add({ kind: 'note', line: 0, text: `the recording stops here: the connection carried more than ${limit} octets` });
    return false;
  }

  tlsStarted(mode: 'starttls' | 'implicit', protocol: string): void {
    if (mode === 'starttls') this.unreadAfterStarttls();
    this.releaseHeld();
    this.tls = { mode, protocol };
    this.add({ kind: 'tls', line: 0 });
    if (mode === 'starttls') this.add({ kind: 'note', line: 0, text: `TLS (${protocol}) from here on` });
  }

  /**
   * RFC 3207 §5: what the client sent after STARTTLS, before its handshake, the server does not read (the local
   * server drops it; the proxy closes such a connection first). Recorded as commands, it would replay as commands
   * never answered: it is kept as comments under a note.
   */
  private unreadAfterStarttls(): void {
    const at = this.events.findLastIndex((e) => e.kind === 'sent' && verbOpens(commandLineVerb(e.text)) === 'tls-handshake');
    if (at < 0) return;
    const unread = this.events.slice(at + 1).filter((e) => e.kind === 'sent').length;
    this.client.dropped(unread);
    if (unread === 0) return;
    const said = `the client sent ${unread === 1 ? 'the next line' : `the next ${unread} lines`} in plain text after STARTTLS, before the TLS handshake (RFC 3207 §5); the server did not read ${unread === 1 ? 'it' : 'them'}`;
    const after = this.events.splice(at + 1).map((e): CaptureEvent => (e.kind === 'sent' ? { kind: 'note', line: 0, text: unansweredLine(e.text).slice('# '.length) } : e));
    this.events.push({ kind: 'note', line: 0, text: said });
    // A loop, not a spread: a client can send more lines after STARTTLS than a call takes arguments.
    for (const event of after) this.events.push(event);
  }

  /**
   * The server ended its side first (its FIN), while the client's side is still open: the close is written here, and
   * what the client sends after it (lines in flight, the rest of a message the server stopped reading) after it, as
   * lines the server did not answer.
   */
  serverEnded(): void {
    if (this.ending || this.serverClosed) return;
    this.serverClosed = true;
    // A chunk's octets are kept until it is complete: those the server had when it closed come before the close.
    if (!this.full) for (const { text } of this.client.chunkSoFar()) this.sent(text);
    this.endServerSide();
    if (!this.full) this.add({ kind: 'closed', line: 0 });
  }

  /**
   * The client ended its side first (its FIN). Owed no reply, it left the session there: its close is written now, and
   * what the server says after it answers no command (Exim's `421 ... lost input connection`): comments. Owed one (the
   * 221 to its QUIT), the server's answer is still a reply, and the close is written when both sides have closed.
   */
  clientEnded(): void {
    if (this.ending || this.serverClosed || this.full || this.client.owed > 0) return;
    for (const { text } of this.client.rest()) this.sent(text);
    this.releaseHeld();
    this.clientClosed = true;
    this.add({ kind: 'closed', line: 0, by: 'client' });
  }

  closed(by: 'client' | 'server' | 'error'): void {
    if (this.ending) return;
    this.ending = by;
    // Past the limit a line left unfinished was not all recorded: it is not written as if it were.
    if (!this.full) for (const { text } of this.client.rest()) this.sent(text);
    this.endServerSide();
    // Past the limit nothing more is written, not even how the connection ended.
    if (this.serverClosed || this.clientClosed || this.full) return this.origin.onRecorded?.(this.transcript());
    if (by === 'error') this.add({ kind: 'note', line: 0, text: 'the connection broke here (reset or timed out)' });
    else this.add({ kind: 'closed', line: 0, ...(by === 'client' ? { by } : {}) });
    this.origin.onRecorded?.(this.transcript());
  }

  /** The server's last words: a line it left without its line end, and the client lines still waiting for a greeting. */
  private endServerSide(): void {
    this.releaseHeld();
    const rest = this.full ? undefined : this.server.rest();
    if (rest !== undefined) this.received(rest);
    // A server that never greeted: the writer puts `S: 220 *` before the client's lines (and says so).
    this.greeted = true;
    this.sendEarly(this.heardServer);
  }

  transcript(): RecordedTranscript {
    const problems: ImportProblem[] = [];
    const known = this.origin.knownPasswords;
    const text = writeTranscript(this.events, '', problems, this.heading(), { known: known ?? [], warnWhenHidden: known === undefined });
    if (this.full) problems.push({ severity: 'warning', message: 'the connection carried more than the recording keeps; the transcript ends where the recording stopped' });
    return { text: text === '' ? '' : strictReplies(text, !this.heardServer), problems: problems.map(({ severity, message }) => ({ severity, message })) };
  }

  private received(text: string): void {
    if (this.clientClosed) {
      if (!this.events.some((e) => e.kind === 'note' && e.text === AFTER_CLIENT_CLOSE)) this.add({ kind: 'note', line: 0, text: AFTER_CLIENT_CLOSE });
      return this.add({ kind: 'note', line: 0, text: `S: ${shownInReplyText(text)}` });
    }
    this.heardServer = true;
    const reply = splitReplyLine(text, 'wire');
    this.add({ kind: 'received', line: 0, text });
    if (this.greeted || (reply && reply.separator === '-')) return;
    this.greeted = true;
    this.sendEarly();
  }

  private add(event: CaptureEvent): void {
    this.events.push(event);
  }

  private heading(): string[] {
    const { startedAt, client, upstream, recorder } = this.origin;
    const tls = this.tls === undefined ? 'no TLS' : this.tls.mode === 'implicit' ? `implicit TLS (${this.tls.protocol})` : `STARTTLS (${this.tls.protocol})${this.origin.proxied === false ? '' : ', terminated by the proxy on both sides'}`;
    return [
      `# Recorded by ${recorder} at ${startedAt.toISOString()}: client ${client} -> server ${endpointText(upstream.host, upstream.port)}, ${tls}.`,
      ...(this.origin.notes ?? []).map((note) => `# ${note}`),
      '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
      '@match = strict',
    ];
  }
}

/**
 * Every `S:` line's text as a strict expectation; a fresh SASL challenge (CRAM-MD5's) as `*` entirely.
 * `greetingAdded`: the server said nothing, and the first `S:` line is the writer's `S: 220 *`, a pattern as it is.
 */
function strictReplies(text: string, greetingAdded: boolean): string {
  let mechanism: string | undefined;
  let keep = greetingAdded;
  return text
    .split('\n')
    .map((line) => {
      const auth = /^C: AUTH (\S+)/i.exec(line);
      if (auth) mechanism = auth[1].toUpperCase();
      if (!line.startsWith('S: ')) return line;
      if (keep) {
        keep = false;
        return line;
      }
      const reply = splitReplyLine(line.slice('S: '.length), 'wire');
      if (!reply) return line;
      const challenge = listedOpening(reply.code) === 'auth-response' && mechanism !== undefined;
      if (!challenge && reply.separator !== '-') mechanism = undefined;
      if (reply.separator === '') return line;
      // A fixed challenge (LOGIN's `VXNlcm5hbWU6`) is base64 that could pass for a session id: it stays whole.
      const expected = !challenge ? expectedReplyText(reply.text) : !sendsFreshChallenges(mechanism!) ? reply.text.replace(/\*/g, '\\*') : '*';
      return `S: ${reply.code}${reply.separator}${expected}`;
    })
    .join('\n');
}
