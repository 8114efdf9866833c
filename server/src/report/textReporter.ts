// Live, readable replay output for a terminal: each exchange as it completes, with its timing, colour on a TTY,
// and every failure as FILE:LINE with expected vs actual.
import type { ExchangeResult, ReplayEvent, ReplayResult } from '../replay/replayTypes';
import { INSECURE_WARNING, sessionTitle, targetText, tlsText } from './sessionLog';

export interface Paint {
  pass: (s: string) => string;
  fail: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  warn: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLOURS: Paint = { pass: wrap(32, 39), fail: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22), warn: wrap(33, 39) };
export const PLAIN: Paint = { pass: (s) => s, fail: (s) => s, dim: (s) => s, bold: (s) => s, warn: (s) => s };

const MARK: Record<ExchangeResult['status'], string> = { pass: '✓', fail: '✗', error: '✗', skipped: '-' };

/** Returns the event handler that prints one file's replay as it happens. */
export function liveTextReporter(file: string, write: (line: string) => void, paint: Paint): (event: ReplayEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'session-start':
        write(paint.bold(`${file} ${event.name ? `session ${event.session + 1} "${event.name}"` : `session ${event.session + 1}`}`));
        break;
      case 'connected':
        write(paint.dim(`  connected to ${event.target.host}:${event.target.port}${event.target.mx ? ` (MX of ${event.target.mx})` : ''}, TLS ${event.target.tls}`));
        break;
      case 'exchange':
        write(exchangeLine(file, event.result, paint));
        break;
      case 'session-end': {
        const s = event.result;
        if (s.insecure) write(paint.warn(`  ${INSECURE_WARNING}`));
        const tls = tlsText(s);
        if (tls) write(paint.dim(`  TLS: ${tls}`));
        if (s.error) write(paint.fail(`  ${file}:${s.line + 1}: ${s.error.message}`));
        if (s.skipReason) write(paint.warn(`  skipped: ${s.skipReason}`));
        const done = s.status === 'pass' ? paint.pass('passed') : s.status === 'skipped' ? paint.warn('skipped') : paint.fail(s.status === 'fail' ? 'failed' : 'error');
        write(`  ${sessionTitle(s)} ${done} in ${Math.round(s.durationMs)} ms`);
        break;
      }
      case 'wire':
        break;
    }
  };
}

function exchangeLine(file: string, e: ExchangeResult, paint: Paint): string {
  const mark = e.status === 'pass' ? paint.pass(MARK.pass) : e.status === 'skipped' ? paint.dim(MARK.skipped) : paint.fail(MARK[e.status]);
  const sent = e.sent.length > 0 ? e.sent[0] + (e.sent.length > 1 ? ` (+${e.sent.length - 1} lines)` : '') : e.kind;
  const reply = e.actual.length > 0 ? e.actual[e.actual.length - 1] : '';
  const time = e.timeMs !== undefined ? paint.dim(` ${e.timeMs} ms`) : '';
  const lines = [`  ${mark} ${paint.dim(`${e.line + 1}`.padStart(4))} ${truncate(sent, 48)}${reply ? ` → ${truncate(reply, 60)}` : ''}${time}`];
  if (e.status === 'fail' || e.status === 'error') {
    lines.push(paint.fail(`      ${file}:${(e.expectedLines[0] ?? e.line) + 1}: ${e.message}`));
    if (e.expected.length > 0) lines.push(`      expected: ${e.expected.join('\n                ')}`);
    lines.push(`      actual:   ${e.actual.length > 0 ? e.actual.join('\n                ') : '(no reply)'}`);
  } else if (e.differences.length > 0) {
    lines.push(paint.dim(`      note: ${e.differences.join('; ')}`));
  }
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
}

/** Sessions are the unit the summary counts (a session is one test). */
export function summarize(results: ReplayResult[]): RunSummary {
  const sessions = results.flatMap((r) => r.sessions);
  return {
    passed: sessions.filter((s) => s.status === 'pass').length,
    failed: sessions.filter((s) => s.status === 'fail' || s.status === 'error').length + results.filter((r) => r.error).length,
    skipped: sessions.filter((s) => s.status === 'skipped').length,
  };
}

export function summaryLine(summary: RunSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}

export { targetText };
