// What the scripted server (`smtp-transcript mock`) reports of each connection: a line per session played, each
// deviation as FILE:LINE with expected vs actual, as text, JSON, JUnit XML or GitHub Actions annotations.
import type { ScriptedServerEvent } from '../smtpTestServer/scriptedServer';
import type { PlayedSession, WireEntry } from '../smtpTestServer/scriptedSession';
import { annotationCommand, plainLogText } from './githubCommands';
import { shownLine, visibleText, xmlText } from './visibleText';
import { answerWord } from '../mailauth/enforcement';

const escape = xmlText;

function title(result: PlayedSession): string {
  return result.name === undefined ? `session ${result.session + 1}` : `session ${result.session + 1} "${result.name}"`;
}

/** The line printed when a client connects: which session it is played. */
export function mockConnectionLine(file: string, event: Extract<ScriptedServerEvent, { type: 'connection' }>): string {
  return `${file}: connection ${event.connection + 1} from ${visibleText(event.remote)} plays session ${event.session + 1}`;
}

/**
 * The text reporter's handler for the server's events: each connection as it comes and each session as it ends.
 * A session's lines follow its connection's line: when other connections were announced in between (clients at
 * once), that line is printed again above them. `quiet`: a connection whose session passed (with no message
 * finding) prints nothing; one that did not prints its connection line and its session's lines together (a mock
 * left serving thousands of connections).
 */
export function mockTextReporter(file: string, write: (line: string) => void, quiet: boolean): (event: ScriptedServerEvent) => void {
  // Each open connection's line, until its session ends (as many as connections at once).
  const opened = new Map<number, string>();
  // The connection the last lines written belong to.
  let current: number | undefined;
  return (event) => {
    if (event.type === 'connection') {
      const line = mockConnectionLine(file, event);
      opened.set(event.connection, line);
      if (!quiet) {
        write(line);
        current = event.connection;
      }
    } else if (event.type === 'played') {
      const line = opened.get(event.connection);
      opened.delete(event.connection);
      const result = event.result;
      if (quiet && result.status === 'pass' && !result.messages?.some((m) => m.finding)) return;
      if (line !== undefined && current !== event.connection) write(line);
      current = event.connection;
      for (const sessionLine of mockSessionLines(file, result)) write(sessionLine);
    }
  };
}

/** One line of a connection's live log, as the wire carried it (masked by the session, made visible here). */
export function mockWireLine(connection: number, entry: WireEntry): string {
  const side = entry.direction === 'info' ? '--' : `${entry.direction}:`;
  return `#${connection + 1} ${side} ${visibleText(entry.text)}`.trimEnd();
}

/** A problem an editor shows at a transcript line: where a client deviated, or a line that could not be resolved. */
export interface MockFinding {
  /** 0-based line of the transcript. */
  line: number;
  kind: 'client-deviated' | 'transcript-error' | 'authentication-disagrees';
  message: string;
}

/** What one played connection says about the transcript's lines; nothing for a connection that followed its session. */
export function mockFindings(result: PlayedSession): MockFinding[] {
  const findings: MockFinding[] = [];
  const d = result.deviation;
  if (d) {
    const message = `${visibleText(d.message)}\nexpected: ${shownLine(d.expected)}\nactual:   ${shownLine(d.actual)}`;
    findings.push({ line: d.line, kind: 'client-deviated', message });
  }
  if (result.error) findings.push({ line: result.error.line, kind: 'transcript-error', message: visibleText(result.error.message) });
  for (const m of result.messages ?? []) {
    if (m.finding) findings.push({ line: m.line, kind: 'authentication-disagrees', message: `${visibleText(m.finding)}\nverdict: ${visibleText(m.summary)}` });
  }
  return findings;
}

/** `--reporter github`: the text reporter's lines, and after each connection's an annotation for each of its findings. */
export function mockGithubReporter(file: string, write: (line: string) => void, quiet: boolean): (event: ScriptedServerEvent) => void {
  const text = mockTextReporter(file, (line) => write(plainLogText(line)), quiet);
  return (event) => {
    text(event);
    if (event.type === 'played') for (const command of mockAnnotations(file, event.connection, event.result)) write(command);
  };
}

/** A GitHub Actions annotation for each finding, at its transcript line (a `C:` line the client did not follow). */
function mockAnnotations(file: string, connection: number, result: PlayedSession): string[] {
  const heading = `mock connection ${connection + 1}: ${title(result)}`;
  return mockFindings(result).map((finding) => annotationCommand({ level: 'error', file, line: finding.line + 1, title: heading, message: finding.message }));
}

/** The lines the text reporter prints when a connection ends. */
export function mockSessionLines(file: string, result: PlayedSession): string[] {
  const tls = result.tls === 'none' ? '' : `, TLS ${result.tls}`;
  const verdict = result.status === 'pass' ? 'passed' : result.status === 'fail' ? 'failed' : 'error';
  const lines = [`  ${visibleText(title(result))} ${verdict} in ${result.durationMs} ms${tls}`];
  const d = result.deviation;
  if (d) {
    lines.push(`      ${visibleText(`${file}:${d.line + 1}: ${d.message}`)}`);
    lines.push(`      expected: ${shownLine(d.expected)}`);
    lines.push(`      actual:   ${shownLine(d.actual)}`);
  }
  if (result.error) lines.push(`      ${visibleText(`${file}:${result.error.line + 1}: ${result.error.message}`)}`);
  for (const m of result.messages ?? []) {
    lines.push(`      ${visibleText(`${file}:${m.line + 1}: message ${m.summary}${m.refusal ? `; a strict receiver ${answerWord(m.refusal) === 'deferred' ? 'defers' : 'refuses'} it: ${m.refusal}` : ''}`)}`);
    if (m.finding) lines.push(`      ${visibleText(`${file}:${m.line + 1}: ${m.finding}`)}`);
  }
  return lines;
}

/** `{file, sessions: [...]}` with 0-based `line` and 1-based `lineNumber`, as replay's JSON has them. */
export function formatMockJson(file: string, results: PlayedSession[]): string {
  const sessions = results.map((r) => ({
    ...r,
    ...(r.deviation ? { deviation: { ...r.deviation, lineNumber: r.deviation.line + 1 } } : {}),
    ...(r.error ? { error: { ...r.error, lineNumber: r.error.line + 1 } } : {}),
  }));
  return JSON.stringify({ file, sessions }, null, 2) + '\n';
}

/** One <testsuite> for the file, one <testcase> per connection. */
export function formatMockJunit(file: string, results: PlayedSession[]): string {
  const cases = results.map((r, k) => {
    const open = `    <testcase classname="${escape(file)}" name="${escape(`connection ${k + 1}: ${title(r)}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
    if (r.status === 'pass') return `${open}/>`;
    const d = r.deviation;
    const disagreements = (r.messages ?? []).filter((m) => m.finding);
    if (!d && r.status === 'fail' && disagreements.length > 0) {
      const first = disagreements[0];
      const details = disagreements.map((m) => `${file}:${m.line + 1}: ${m.finding}\nverdict: ${m.summary}`).join('\n');
      return `${open}>\n      <failure message="${escape(`${file}:${first.line + 1}: ${first.finding}`)}">${escape(details)}</failure>\n    </testcase>`;
    }
    if (d) {
      const details = `${file}:${d.line + 1}: ${d.message}\nexpected: ${shownLine(d.expected)}\nactual:   ${shownLine(d.actual)}`;
      return `${open}>\n      <failure message="${escape(`${file}:${d.line + 1}: ${d.message}`)}">${escape(details)}</failure>\n    </testcase>`;
    }
    const message = r.error ? `${file}:${r.error.line + 1}: ${r.error.message}` : r.status;
    return `${open}>\n      <error message="${escape(message)}"/>\n    </testcase>`;
  });
  const failures = results.filter((r) => r.status === 'fail').length;
  const errors = results.filter((r) => r.status === 'error').length;
  const time = results.reduce((sum, r) => sum + r.durationMs, 0) / 1000;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="smtp-transcript mock">\n` +
    `  <testsuite name="${escape(file)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time.toFixed(3)}">\n` +
    `${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`
  );
}
