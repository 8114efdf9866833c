// Load-mode figures (`smtp-transcript replay --repeat N --concurrency C`): throughput over the whole run and latency
// percentiles per exchange kind, from plain numbers, so the arithmetic is tested apart from any socket.
import type { ExchangeResult, SessionResult } from '../replay/replayTypes';
import { notVerifiedText } from './sessionLog';

/** The kinds reported, in the order a session says them; other commands (RSET, NOOP, AUTH...) go by their verb. */
export const LOAD_KINDS = ['greeting', 'EHLO', 'HELO', 'LHLO', 'MAIL', 'RCPT', 'DATA', '.', 'QUIT'] as const;

export interface LatencyFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadFigures {
  repeat: number;
  concurrency: number;
  sessions: number;
  passed: number;
  failed: number;
  errors: number;
  /** Sessions whose server certificate was not verified (`--insecure-tls`). */
  insecure: number;
  /** Messages the server accepted: a passed final `.` or `BDAT ... LAST`. */
  messages: number;
  wallMs: number;
  messagesPerSecond: number;
  sessionsPerSecond: number;
  /** Per exchange kind, ms from the last byte sent to the complete reply. */
  latency: Record<string, LatencyFigures>;
}

/** Collects what each finished session adds; keeps numbers only, so a long run's memory grows by samples alone. */
export class LoadTally {
  private readonly samples = new Map<string, number[]>();
  sessions = 0;
  passed = 0;
  failed = 0;
  errors = 0;
  insecure = 0;
  messages = 0;
  firstProblem?: string;

  add(session: SessionResult): void {
    this.sessions++;
    if (session.status === 'pass') this.passed++;
    else if (session.status === 'fail') this.failed++;
    else if (session.status === 'error') this.errors++;
    if (session.insecure) this.insecure++;
    for (const exchange of session.exchanges) {
      const kind = exchangeKind(exchange);
      if (exchange.status === 'pass' && (kind === '.' || (kind === 'BDAT' && /\bLAST\b/i.test(exchange.sent[0] ?? '')))) this.messages++;
      if (exchange.timeMs === undefined || kind === undefined) continue;
      let list = this.samples.get(kind);
      if (!list) this.samples.set(kind, (list = []));
      list.push(exchange.timeMs);
    }
    if (this.firstProblem === undefined && session.status !== 'pass' && session.status !== 'skipped') this.firstProblem = sessionProblem(session);
  }

  figures(run: { repeat: number; concurrency: number; wallMs: number }): LoadFigures {
    const perSecond = (n: number): number => (run.wallMs > 0 ? (n * 1000) / run.wallMs : 0);
    const known: string[] = LOAD_KINDS.filter((k) => this.samples.has(k));
    const others = [...this.samples.keys()].filter((k) => !known.includes(k)).sort();
    const latency: Record<string, LatencyFigures> = {};
    for (const kind of [...known, ...others]) latency[kind] = latencyFigures(this.samples.get(kind)!);
    return {
      ...run,
      sessions: this.sessions,
      passed: this.passed,
      failed: this.failed,
      errors: this.errors,
      insecure: this.insecure,
      messages: this.messages,
      messagesPerSecond: perSecond(this.messages),
      sessionsPerSecond: perSecond(this.sessions),
      latency,
    };
  }
}

/** `greeting`, the verb of a command (upper-cased: `ehlo` is EHLO), `.` for message content. */
export function exchangeKind(exchange: ExchangeResult): string | undefined {
  if (exchange.kind === 'greeting') return 'greeting';
  if (exchange.kind === 'message') return '.';
  if (exchange.kind === 'bdat') return 'BDAT';
  if (exchange.kind !== 'command') return undefined;
  const sent = exchange.sent[0] ?? '';
  // A load run sends the same few commands over and over: each text is read once (bounded, texts come from files).
  if (commandKinds.has(sent)) return commandKinds.get(sent);
  if (commandKinds.size >= MAX_COMMAND_KINDS) commandKinds.clear();
  const verb = /^\S+/.exec(sent)?.[0].toUpperCase();
  commandKinds.set(sent, verb);
  return verb;
}

const MAX_COMMAND_KINDS = 256;
const commandKinds = new Map<string, string | undefined>();

/** Nearest-rank percentiles: each figure is one of the samples, never an interpolation. */
export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1] ?? 0 };
}

/** `1 session`, `2 sessions`. */
const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function formatLoadText(figures: LoadFigures): string {
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  const lines = [
    `load: ${counted(figures.sessions, 'session')} (${figures.repeat} x the file's, ${figures.concurrency} at a time) in ${(figures.wallMs / 1000).toFixed(2)} s`,
    `  ${figures.messagesPerSecond.toFixed(1)} messages/s (${counted(figures.messages, 'message')}), ${figures.sessionsPerSecond.toFixed(1)} sessions/s`,
    `  ${figures.passed} passed, ${figures.failed} failed, ${figures.errors} errors${figures.insecure > 0 ? `; ${notVerifiedText(figures.insecure)}` : ''}`,
    `  ${'exchange'.padEnd(10)}${'count'.padStart(8)}${'p50'.padStart(11)}${'p95'.padStart(11)}${'p99'.padStart(11)}${'max'.padStart(11)}`,
  ];
  for (const [kind, l] of Object.entries(figures.latency)) {
    lines.push(`  ${kind.padEnd(10)}${String(l.count).padStart(8)}${ms(l.p50).padStart(11)}${ms(l.p95).padStart(11)}${ms(l.p99).padStart(11)}${ms(l.max).padStart(11)}`);
  }
  return lines.join('\n') + '\n';
}

function sessionProblem(session: SessionResult): string {
  if (session.error) return `line ${(session.error.line ?? session.line) + 1}: ${session.error.message}`;
  const bad = session.exchanges.find((e) => e.status === 'fail' || e.status === 'error');
  return bad ? `line ${bad.line + 1}: ${bad.message}` : `session ${session.index + 1}: ${session.status}`;
}
