// What replay takes and what it gives back. Plain data throughout: results go to the CLI, the editor and JSON.
import type { TlsMode } from '../knowledge/tlsModes';
import type { Exchange, Session } from '../model/types';
import type { Preflight } from './sessionPreflight';
import type { ReplayErrorInfo } from './replayError';
import type { MatchMode } from './matchReply';
import type { TlsInfo } from './tlsDetails';
import type { WireLogEntry } from './wireLog';

export type { TlsMode };

export interface TargetSettings {
  host?: string;
  port?: number;
  tls?: TlsMode;
}

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface ReplayOptions {
  /** Wins over the file's `@server`/`@port`/`@tls` (command-line flags). */
  target?: TargetSettings;
  /** Used where the file says nothing (editor settings). */
  defaults?: TargetSettings;
  /** Environment for `{{$env NAME}}`, passed in: replay never reads `process`. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Lines (0-based) whose bytes in the file were not valid UTF-8 (`decodeTranscript`), when the caller read the bytes.
   * A session that would send one of them (or a directive whose value may be sent) is refused before connecting.
   */
  invalidUtf8Lines?: readonly number[];
  /** Reads an include or `@ca` file; the path is as written, relative to the transcript's directory. */
  readFile?: (path: string) => Promise<Buffer>;
  /** Defaults for `@connect-timeout` and `@timeout` (the file's directives win). */
  timeouts?: { connectMs?: number; replyMs?: number };
  /** Skip certificate verification: true, or a decision per target. The result says `insecure: true` loudly. */
  insecureTls?: boolean | ((target: { host: string; port: number }) => boolean);
  /** PEM of CAs to trust in addition to the defaults (and to `@ca`). */
  extraCaPem?: string;
  /** Go on after a failed expectation instead of ending the session. */
  keepGoing?: boolean;
  /** Indexes of the sessions to replay (default: all). */
  sessions?: number[];
  signal?: AbortSignal;
  onEvent?: (event: ReplayEvent) => void;
  /** MX lookup for `@server = mx:domain` (default: the system resolver). */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
  /** Limits on what the server may send (defaults: 64 KiB lines, 1000 lines per reply). */
  limits?: { maxLineLength?: number; maxLinesPerReply?: number };
  /** Fixed clock and ids for `{{$date}}`, `{{$uuid}}`, `{{$message-id}}`. */
  now?: () => Date;
  uuid?: () => string;
  /** The clock for exchange times, in ms (default Date.now; load mode passes performance.now for sub-ms figures). */
  clock?: () => number;
  /** False: results carry no wire log (load mode keeps tallies only, so logging every line is work nobody reads). */
  wireLog?: boolean;
  /**
   * Sessions already checked before connecting, with what the check found; a session found here is not checked
   * again (load mode repeats the same sessions), one not found is checked and added.
   */
  checkedSessions?: Map<Session, Preflight>;
}

export type ExchangeStatus = 'pass' | 'fail' | 'skipped' | 'error';

export interface ExchangeResult {
  /** The exchange's kind; `close` is the `S: <closed>` expectation, `notice` the server's own 421 (`Session.closingNotice`). */
  kind: Exchange['kind'] | 'close' | 'notice';
  /** 0-based file line where the exchange starts. */
  line: number;
  status: ExchangeStatus;
  /** What was sent, as the wire log shows it (AUTH data masked, long content summarized). */
  sent: string[];
  /** The expected `S:` lines, variables substituted. */
  expected: string[];
  /** The reply lines the server sent (`250-PIPELINING`). */
  actual: string[];
  differences: string[];
  message: string;
  /** From the last byte sent to the complete reply. */
  timeMs?: number;
  error?: ReplayErrorInfo;
  /** 0-based file lines of the expected `S:` lines (what `actualTranscript` replaces). */
  expectedLines: number[];
  /** Where a reply the file does not show would be inserted: after this 0-based line. */
  insertAfterLine: number;
  /**
   * For a failed reply: the `S:` payloads `actualTranscript` writes instead of the expected lines, keeping each
   * expected line (its wildcards, regexes and variables) whose actual line still matches it.
   */
  replacementLines?: ReplacementLine[];
  /**
   * LMTP, a message's end whose replies came (RFC 2033 §4.2): its replies, one per accepted recipient in RCPT order,
   * each judged on its own. The flat fields above hold them all in that order; these say where each starts in them.
   */
  recipientReplies?: RecipientReplyResult[];
}

/** One recipient's reply to an LMTP message's end, within its exchange's result. */
export interface RecipientReplyResult {
  status: 'pass' | 'fail';
  /** Why it failed (`recipient 2: expected reply code 452, got 250: ...`). */
  message?: string;
  /** Where its lines start in `expected` and `expectedLines`; undefined when the transcript writes no reply for it. */
  expectedStart?: number;
  /** Where its lines start in `actual`; undefined when the server sent no reply for it. */
  actualStart?: number;
}

/** An `S:` payload `--update` writes: the server's line as it came, or the expectation's line kept. */
export interface ReplacementLine {
  readonly text: string;
  /** True for the server's own text (which may hold queue ids and dates), false for an expectation kept as written. */
  readonly fromServer: boolean;
}

export interface StepTiming {
  step: 'dns' | 'connect' | 'tls' | 'reply';
  /** 0-based file line of the exchange, for replies and STARTTLS. */
  line?: number;
  ms: number;
}

export interface ReplayTarget {
  host: string;
  port: number;
  tls: TlsMode;
  servername: string;
  /** `mx:domain` when the host came from an MX lookup. */
  mx?: string;
}

export type SessionStatus = 'pass' | 'fail' | 'error' | 'skipped';

export interface SessionResult {
  index: number;
  name?: string;
  /** 0-based line where the session starts. */
  line: number;
  status: SessionStatus;
  /** Why a session was skipped (`@requires` keywords the server does not advertise). */
  skipReason?: string;
  target?: ReplayTarget;
  exchanges: ExchangeResult[];
  timings: StepTiming[];
  tls?: TlsInfo;
  /** Certificate verification was skipped: say so wherever the result is shown. */
  insecure?: true;
  wireLog: WireLogEntry[];
  error?: ReplayErrorInfo;
  durationMs: number;
}

export interface ReplayResult {
  status: 'pass' | 'fail' | 'error';
  sessions: SessionResult[];
  /** A problem with the transcript itself (parse errors), before any connection. */
  error?: ReplayErrorInfo;
  durationMs: number;
}

export type ReplayEvent =
  | { type: 'session-start'; session: number; name?: string }
  | { type: 'connected'; session: number; target: ReplayTarget }
  | { type: 'wire'; session: number; entry: WireLogEntry }
  | { type: 'exchange'; session: number; result: ExchangeResult }
  | { type: 'session-end'; session: number; result: SessionResult };

export type { MatchMode };
