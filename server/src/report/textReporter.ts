// Live, readable replay output for a terminal: each exchange as it completes, with its timing, colour on a TTY,
// and every failure as FILE:LINE with expected vs actual.
import type { ExchangeResult, RecipientReplyResult, ReplayEvent, ReplayResult } from '../replay/replayTypes';
import { exchangeFailureText, INSECURE_WARNING, notVerifiedText, replyComparison, sessionErrorText, sessionTitle, targetText, tlsText } from './sessionLog';
import { visibleText } from './visibleText';
import { endpointText } from '../settings/settingValues';

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

/**
 * Returns the event handler that prints one file's replay as it happens. `quiet`: a session that passes prints
 * nothing; one that does not prints its title, the exchanges that failed and its end (CI logs of many transcripts).
 */
export function liveTextReporter(file: string, write: (line: string) => void, paint: Paint, quiet = false): (event: ReplayEvent) => void {
  // Lines of exchanges already printed as broken off: the session's end adds only what is still untold.
  let told = new Set<number>();
  // Quiet: the session's opening lines, held until something in it is worth printing (then they come first).
  let held: string[] = [];
  const say = (line: string): void => {
    if (held.length > 0) {
      for (const h of held) write(h);
      held = [];
    }
    write(line);
  };
  const open = (line: string): void => (quiet ? void held.push(line) : write(line));
  return (event) => {
    switch (event.type) {
      case 'session-start':
        told = new Set();
        held = [];
        open(paint.bold(visibleText(`${file} ${event.name ? `session ${event.session + 1} "${event.name}"` : `session ${event.session + 1}`}`)));
        break;
      case 'connected':
        open(paint.dim(visibleText(`  connected to ${endpointText(event.target.host, event.target.port)}${event.target.mx ? ` (MX of ${event.target.mx})` : ''}, TLS ${event.target.tls}`)));
        break;
      case 'exchange':
        if (event.result.status === 'error') told.add(event.result.line);
        if (!quiet || event.result.status === 'fail' || event.result.status === 'error') say(exchangeLine(file, event.result, paint));
        break;
      case 'session-end': {
        const s = event.result;
        // A session that passed on verified TLS (or none) has nothing to say in a quiet report.
        if (quiet && s.status === 'pass' && !s.insecure) {
          held = [];
          break;
        }
        // An exchange that broke off (timeout, TLS, cancelled) gets its own row at its own line.
        const broken = s.exchanges.find((e) => e.status === 'error');
        if (broken && !told.has(broken.line)) say(exchangeLine(file, broken, paint));
        const error = sessionErrorText(s, file);
        if (error) say(paint.fail(`  ${visibleText(error)}`));
        if (s.insecure) say(paint.warn(`  ${INSECURE_WARNING}`));
        const tls = tlsText(s);
        if (tls) say(paint.dim(`  TLS: ${visibleText(tls)}`));
        if (s.skipReason) say(paint.warn(`  skipped: ${visibleText(s.skipReason)}`));
        const done = s.status === 'pass' ? paint.pass('passed') : s.status === 'skipped' ? paint.warn('skipped') : paint.fail(s.status === 'fail' ? 'failed' : 'error');
        say(`  ${visibleText(sessionTitle(s))} ${done} in ${Math.round(s.durationMs)} ms`);
        break;
      }
      case 'wire':
        break;
    }
  };
}

function exchangeLine(file: string, e: ExchangeResult, paint: Paint): string {
  const mark = e.status === 'pass' ? paint.pass(MARK.pass) : e.status === 'skipped' ? paint.dim(MARK.skipped) : paint.fail(MARK[e.status]);
  const time = e.timeMs !== undefined ? paint.dim(` ${e.timeMs} ms`) : '';
  const sent = firstOf(e.sent, 48) ?? e.kind;
  // A multi-line reply (EHLO) is named by its first line, which says who answered, and its length.
  const reply = e.recipientReplies ? deliveryReplies(e.actual, e.recipientReplies) : firstOf(e.actual, 60);
  const row = `  ${mark} ${paint.dim(`${e.line + 1}`.padStart(4))} ${sent}${reply ? ` → ${reply}` : ''}${time}`;
  // Most rows passed without a note: the row alone, no list joined for it.
  if (e.status !== 'fail' && e.status !== 'error' && e.differences.length === 0) return row;
  const lines = [row];
  if (e.status === 'fail' || e.status === 'error') {
    lines.push(paint.fail(`      ${visibleText(exchangeFailureText(file, e))}`));
    for (const added of replyComparison(e).map((line) => `      ${line}`)) lines.push(added);
  } else if (e.differences.length > 0) {
    lines.push(paint.dim(`      note: ${visibleText(e.differences.join('; '))}`));
  }
  return lines.join('\n');
}

/** `250-mx.example.com Hello (+9 lines)`, made visible and short enough for one terminal row. */
function firstOf(lines: string[], max: number): string | undefined {
  if (lines.length === 0) return undefined;
  const more = lines.length > 1 ? ` (+${lines.length - 1} line${lines.length > 2 ? 's' : ''})` : '';
  return truncate(visibleText(lines[0]), max) + more;
}

/**
 * The replies to an LMTP message's end, one per accepted recipient (RFC 2033 §4.2): the first, then the further ones
 * named by their codes: `250 2.1.5 Ok (+2 replies: 250, 452)`.
 */
function deliveryReplies(lines: string[], replies: readonly RecipientReplyResult[]): string | undefined {
  const starts = replies.flatMap((reply) => (reply.actualStart === undefined ? [] : [reply.actualStart]));
  if (starts.length <= 1) return firstOf(lines, 60);
  const further = starts.slice(1).map((start) => visibleText(lines[start].slice(0, 3)));
  return `${firstOf(lines.slice(0, starts[1]), 60)} (+${further.length} ${further.length > 1 ? 'replies' : 'reply'}: ${further.join(', ')})`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Sessions whose server certificate was not verified (--insecure-tls, smtp.replay.insecureTlsHosts). */
  insecure: number;
}

/** Sessions are the unit the summary counts (a session is one test). */
export function summarize(results: ReplayResult[]): RunSummary {
  const sessions = results.flatMap((r) => r.sessions);
  return {
    passed: sessions.filter((s) => s.status === 'pass').length,
    failed: sessions.filter((s) => s.status === 'fail' || s.status === 'error').length + results.filter((r) => r.error).length,
    skipped: sessions.filter((s) => s.status === 'skipped').length,
    insecure: sessions.filter((s) => s.insecure).length,
  };
}

export function summaryLine(summary: RunSummary): string {
  const counts = `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
  if (summary.insecure === 0) return counts;
  return `${counts}; ${notVerifiedText(summary.insecure)}`;
}

export { targetText };
