// What the result view shows of one replay, as plain data: built by a pure function from the engine's (already
// masked) result, so the view's content is tested exactly without VS Code. Server text is made visible here
// (control characters as `\x1b`), and escaped for HTML in resultViewHtml.ts.
import { certificateCheckText, failedReplyLines, visibleText, type ExchangeResult, type ReplayResult, type SessionResult } from '../../../server/src/engine';

export type RowStatus = 'pass' | 'fail' | 'error' | 'not run';

export interface ExchangeRow {
  /** 1-based, as the editor shows it. */
  line: number;
  status: RowStatus;
  /** What was sent (`MAIL FROM:<a@b>`), or what was awaited (`greeting`, `close`). */
  sent: string;
  timeMs?: number;
  /** Only for fail and error: expected and actual reply lines, and why. */
  failure?: { message: string; expected: string[]; actual: string[] };
  /**
   * Of an exchange that did not fail: what replay says of it all the same (the text report's `note:` lines), such as a
   * short secret masked inside other text, a session that ran in plain text, or content sent without its final `.`.
   */
  notes?: string[];
}

export interface SessionView {
  index: number;
  title: string;
  status: SessionResult['status'];
  target: string;
  /** Protocol, cipher, verification and the certificate's subject, when the session used TLS. */
  tls?: { protocol: string; cipher: string; verified: string; certificate?: string };
  insecure: boolean;
  error?: string;
  durationMs: number;
  exchanges: ExchangeRow[];
  /** Exchanges the view leaves out (past ROWS_SHOWN); absent when it shows them all. */
  hiddenExchanges?: number;
  /** The wire log, one line per entry: time, 🔒 once encrypted, direction, text. */
  wire: string[];
  /** The wire log's length when `wire` shows only its start and end (past WIRE_LINES_SHOWN). */
  wireLinesInAll?: number;
}

// A page holds this much of one session: a replay of 140,000 exchanges made a page of tens of megabytes, more than a
// view can hold. The summary still counts every exchange; the CLI and the test output list them all.
/** Rows: the failed ones first, then the earliest others, in the file's order. */
export const ROWS_SHOWN = 1000;
/** Wire log lines: the first and the last half. */
export const WIRE_LINES_SHOWN = 2000;

export interface RunEntry {
  id: number;
  /** `14:03:07 · 1 failed`. */
  label: string;
  status: ReplayResult['status'];
}

export interface ResultViewModel {
  file: string;
  status: ReplayResult['status'];
  /** `1 failed, 3 passed, 2 not run · 41 ms`. */
  summary: string;
  error?: string;
  sessions: SessionView[];
  history: RunEntry[];
  /** The file changed since this run: its marks are gone, the view says the result is old. */
  stale: boolean;
}

export interface ViewContext {
  history?: RunEntry[];
  stale?: boolean;
  /** The transcript's lines: what a row shows for an exchange the engine never sent (not run). */
  lines?: readonly string[];
}

export function resultViewModel(file: string, result: ReplayResult, context: ViewContext = {}): ResultViewModel {
  const { history = [], stale = false, lines = [] } = context;
  const sessions = result.sessions.map((s) => sessionView(s, lines));
  // Counted over every exchange, shown or not.
  const all = result.sessions.flatMap((s) => s.exchanges);
  const count = (...statuses: ExchangeResult['status'][]) => all.filter((e) => statuses.includes(e.status)).length;
  const parts = [
    [count('fail', 'error'), 'failed'],
    [count('pass'), 'passed'],
    [count('skipped'), 'not run'],
  ] as const;
  const summary = `${parts
    .filter(([n], i) => n > 0 || i === 1)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ')} · ${Math.round(result.durationMs)} ms`;
  return {
    file,
    status: result.status,
    summary,
    ...(result.error ? { error: visibleText(result.error.message) } : {}),
    sessions,
    history,
    stale,
  };
}

/** The status bar's text for a file's last result: says which file, so it is not read as the workspace's. */
export function statusBarText(file: string, result: ReplayResult): string {
  const exchanges = result.sessions.flatMap((s) => s.exchanges);
  const passed = exchanges.filter((e) => e.status === 'pass').length;
  const failed = exchanges.filter((e) => e.status === 'fail' || e.status === 'error').length;
  const text =
    result.status === 'pass'
      ? `$(pass) SMTP: ${file} ${passed}/${exchanges.length} passed`
      : result.status === 'fail'
        ? `$(error) SMTP: ${file} ${failed} failed`
        : `$(warning) SMTP: ${file} replay error`;
  return result.sessions.some((s) => s.insecure) ? `${text} $(unlock) insecure TLS` : text;
}

function sessionView(session: SessionResult, lines: readonly string[]): SessionView {
  const tls = session.tls;
  const shown = shownExchanges(session.exchanges);
  const target = session.target;
  return {
    index: session.index,
    title: session.name ? `Session ${session.index + 1}: ${visibleText(session.name)}` : `Session ${session.index + 1}`,
    status: session.status,
    target: target ? `${target.host}:${target.port}${target.mx ? ` (MX of ${target.mx})` : ''}, TLS ${target.tls}` : 'not connected',
    ...(tls
      ? {
          tls: {
            protocol: tls.protocol,
            cipher: tls.cipher,
            verified: certificateCheckText(tls, session.insecure === true),
            ...(tls.certificate ? { certificate: visibleText(tls.certificate.subject) } : {}),
          },
        }
      : {}),
    insecure: session.insecure === true,
    ...(session.error ? { error: visibleText(session.error.message) } : {}),
    durationMs: Math.round(session.durationMs),
    ...hiddenCount(session.exchanges.length - shown.length, 'hiddenExchanges'),
    exchanges: shown.map(
      (e): ExchangeRow => ({
        // A failed row links the reply that failed (in LMTP, the first recipient's that did).
        line: ((e.status === 'fail' ? failedReplyLines(e)[0] : e.expectedLines[0]) ?? e.line) + 1,
        // "skipped" in the engine's terms: the session ended (a failure, a refusal) before this exchange was checked.
        status: e.status === 'skipped' ? 'not run' : e.status,
        sent: visibleText(e.sent.length > 0 ? e.sent.join(' ⏎ ') : e.kind === 'command' && lines[e.line] ? lines[e.line].replace(/^C:\s*/, '') : e.kind),
        ...(e.timeMs === undefined ? {} : { timeMs: Math.round(e.timeMs) }),
        ...(e.status === 'fail' || e.status === 'error'
          ? { failure: { message: visibleText(e.message), expected: e.expected.map(visibleText), actual: e.actual.map(visibleText) } }
          : e.differences.length > 0
            ? { notes: e.differences.map(visibleText) }
            : {}),
      }),
    ),
    ...hiddenCount(session.wireLog.length > WIRE_LINES_SHOWN ? session.wireLog.length : 0, 'wireLinesInAll'),
    wire: shownWire(session.wireLog),
  };
}

function hiddenCount<K extends 'hiddenExchanges' | 'wireLinesInAll'>(count: number, key: K): Partial<Record<K, number>> {
  return count > 0 ? ({ [key]: count } as Partial<Record<K, number>>) : {};
}

/** At most ROWS_SHOWN exchanges: the failed ones (up to that many), then the earliest others, in their order. */
function shownExchanges(exchanges: readonly ExchangeResult[]): readonly ExchangeResult[] {
  if (exchanges.length <= ROWS_SHOWN) return exchanges;
  const kept = new Set<ExchangeResult>();
  for (const e of exchanges) if ((e.status === 'fail' || e.status === 'error') && kept.size < ROWS_SHOWN) kept.add(e);
  for (const e of exchanges) if (kept.size < ROWS_SHOWN) kept.add(e);
  return exchanges.filter((e) => kept.has(e));
}

function shownWire(log: SessionResult['wireLog']): string[] {
  const line = (w: SessionResult['wireLog'][number]) => {
    const direction = w.direction === 'info' ? '**' : `${w.direction}:`;
    return `${(w.time / 1000).toFixed(3)}s ${w.tls ? '🔒' : '  '} ${direction} ${visibleText(w.text)}`;
  };
  if (log.length <= WIRE_LINES_SHOWN) return log.map(line);
  const half = WIRE_LINES_SHOWN / 2;
  return [...log.slice(0, half).map(line), `... ${log.length - WIRE_LINES_SHOWN} lines not shown ...`, ...log.slice(-half).map(line)];
}
