// What the importers read from another tool's output, and what an import gives back.
import type { ReplyTarget } from '../dialogue/dialogueState';
import type { AuthProgress } from './saslCredentials';
// Each reader turns its style into the same neutral events; one writer turns events into `.smtp` text.

export type ImportFormat = 'swaks' | 'smtplib' | 'curl' | 'plain';

export const importFormats: readonly ImportFormat[] = ['swaks', 'smtplib', 'curl', 'plain'];

export type ImportSeverity = 'error' | 'warning' | 'info';

/** Something the user should know about the import; `line` is the 1-based line of the input it is about. */
export interface ImportProblem {
  line?: number;
  severity: ImportSeverity;
  message: string;
}

export interface ImportResult {
  /** The style the input was read as; undefined when it was recognized as none. */
  format?: ImportFormat;
  /** The `.smtp` text; empty when nothing could be imported. */
  text: string;
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Read the input as this style instead of detecting it. */
  from?: ImportFormat;
  /** 0-based lines of the input whose bytes were not UTF-8 (each such byte shows as U+FFFD in the text). */
  invalidUtf8Lines?: readonly number[];
}

/** One thing the capture shows, in order; `line` is the 0-based input line it came from. */
export type CaptureEvent =
  /**
   * A new connection, with the target when the capture names it. `whole`: the capture saw it from end to end (a
   * recording): what the client sent after its session ended still belongs to it, not to a new session.
   */
  | { kind: 'connect'; line: number; host?: string; port?: number; servername?: string; whole?: boolean }
  /** The TLS handshake finished: before the greeting it means implicit TLS (RFC 8314). */
  | { kind: 'tls'; line: number }
  /** A line the client sent (without CRLF). */
  | { kind: 'sent'; line: number; text: string }
  /** A line the server sent (without CRLF). */
  | { kind: 'received'; line: number; text: string }
  /** The connection was closed: by the server unless `by` says the client closed it (without QUIT, `C: <close>`). */
  | { kind: 'closed'; line: number; by?: 'client' }
  /** Something the tool printed that is worth keeping as a comment. */
  | { kind: 'note'; line: number; text: string };

export interface CaptureReading {
  events: CaptureEvent[];
  problems: ImportProblem[];
}

/** A secret a capture revealed (a password sent in AUTH): no line of the output may show it. */
export interface RevealedSecret {
  value: string;
  /** The variable that stands for it. */
  variable: 'password' | 'token';
}

/** A line of a capture's session that awaits the server's reply (import/sessionDraft.ts). */
export interface PendingCommand {
  /** What the reply to it answers (the content's `.` is a `message`, a line answering 334 an `auth-response`). */
  target: ReplyTarget;
  auth?: AuthProgress;
  /** The AUTH message referenced the password or token (so a captured failure will not replay as one). */
  sendsCredentials?: boolean;
  /** Where its lines begin in `lines` (a message's: its first content line). */
  at: number;
}
