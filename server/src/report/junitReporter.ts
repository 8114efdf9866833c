// JUnit XML for CI: one <testsuite> per transcript file, one <testcase> per session.
import type { ReplayResult, SessionResult } from '../replay/replayTypes';
import { locatedErrorText } from '../replay/replayError';
import { exchangeFailureText, failedExchanges, INSECURE_WARNING, sessionErrorText, sessionTitle, tlsText } from './sessionLog';
import { xmlText } from './visibleText';

const escape = xmlText;

export function formatJunit(files: Array<{ file: string; result: ReplayResult }>): string {
  const suites = files.map(({ file, result }) => {
    const cases = result.sessions.map((s) => testcase(file, s));
    if (result.error) cases.push(`    <testcase classname="${escape(file)}" name="transcript"><error message="${escape(locatedErrorText(result.error))}"/></testcase>`);
    const failures = result.sessions.filter((s) => s.status === 'fail').length;
    const errors = result.sessions.filter((s) => s.status === 'error').length + (result.error ? 1 : 0);
    const skipped = result.sessions.filter((s) => s.status === 'skipped').length;
    // Skipped certificate checks must show where CI results are read, not only in the console log.
    const properties = result.sessions.some((s) => s.insecure)
      ? '    <properties>\n      <property name="insecure-tls" value="true"/>\n    </properties>\n'
      : '';
    return (
      `  <testsuite name="${escape(file)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">\n` +
      `${properties}${cases.join('\n')}\n  </testsuite>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="smtp-transcript replay">\n${suites.join('\n')}\n</testsuites>\n`;
}

function testcase(file: string, s: SessionResult): string {
  const open = `    <testcase classname="${escape(file)}" name="${escape(sessionTitle(s))}" time="${(s.durationMs / 1000).toFixed(3)}"`;
  const out = systemOut(s);
  if (s.status === 'pass') return out ? `${open}>\n${out}\n    </testcase>` : `${open}/>`;
  if (s.status === 'skipped') return `${open}><skipped message="${escape(s.error?.message ?? s.skipReason ?? 'skipped')}"/>${out ? `\n${out}\n    ` : ''}</testcase>`;
  const failed = failedExchanges(s);
  const error = sessionErrorText(s, file);
  const details = failed
    .map((e) => `${exchangeFailureText(file, e)}\nexpected: ${e.expected.join(' | ')}\nactual:   ${e.actual.join(' | ') || '(no reply)'}`)
    .concat(error ? [error] : [])
    .join('\n\n');
  const first = failed[0]?.message ?? s.error?.message ?? s.status;
  const tag = s.status === 'error' ? 'error' : 'failure';
  return `${open}>\n      <${tag} message="${escape(first)}">${escape(details)}</${tag}>${out ? `\n${out}` : ''}\n    </testcase>`;
}

/** A session whose certificate was not verified says so where CI shows a test's output, with the TLS details. */
function systemOut(s: SessionResult): string | undefined {
  if (!s.insecure) return undefined;
  const tls = tlsText(s);
  return `      <system-out>${escape(tls ? `${INSECURE_WARNING}\nTLS: ${tls}` : INSECURE_WARNING)}</system-out>`;
}
