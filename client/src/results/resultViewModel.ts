// What the result view shows of one replay, as plain data: built by a pure function from the engine's (already
// masked) result, so the view's content is tested exactly without VS Code. Server text is made visible here
// (control characters as `\x1b`), and escaped for HTML in resultViewHtml.ts.
import { certificateCheckText, visibleText, type ReplayResult, type SessionResult } from '../../../server/src/engine';

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
  /** The wire log, one line per entry: time, 🔒 once encrypted, direction, text. */
  wire: string[];
}

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
  const rows = sessions.flatMap((s) => s.exchanges);
  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length;
  const parts = [
    [count('fail') + count('error'), 'failed'],
    [count('pass'), 'passed'],
    [count('not run'), 'not run'],
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
    exchanges: session.exchanges.map(
      (e): ExchangeRow => ({
        line: (e.expectedLines[0] ?? e.line) + 1,
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
    wire: session.wireLog.map((w) => {
      const direction = w.direction === 'info' ? '**' : `${w.direction}:`;
      return `${(w.time / 1000).toFixed(3)}s ${w.tls ? '🔒' : '  '} ${direction} ${visibleText(w.text)}`;
    }),
  };
}
