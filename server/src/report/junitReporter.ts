// JUnit XML for CI: one <testsuite> per transcript file, one <testcase> per session.
import type { ReplayResult, SessionResult } from '../replay/replayTypes';
import { sessionTitle } from './sessionLog';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export function formatJunit(files: Array<{ file: string; result: ReplayResult }>): string {
  const suites = files.map(({ file, result }) => {
    const cases = result.sessions.map((s) => testcase(file, s));
    if (result.error) cases.push(`    <testcase classname="${escape(file)}" name="transcript"><error message="${escape(result.error.message)}"/></testcase>`);
    const failures = result.sessions.filter((s) => s.status === 'fail').length;
    const errors = result.sessions.filter((s) => s.status === 'error').length + (result.error ? 1 : 0);
    const skipped = result.sessions.filter((s) => s.status === 'skipped').length;
    return (
      `  <testsuite name="${escape(file)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">\n` +
      `${cases.join('\n')}\n  </testsuite>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="smtp-transcript replay">\n${suites.join('\n')}\n</testsuites>\n`;
}

function testcase(file: string, s: SessionResult): string {
  const open = `    <testcase classname="${escape(file)}" name="${escape(sessionTitle(s))}" time="${(s.durationMs / 1000).toFixed(3)}"`;
  if (s.status === 'pass') return `${open}/>`;
  if (s.status === 'skipped') return `${open}><skipped message="${escape(s.error?.message ?? 'skipped')}"/></testcase>`;
  const failed = s.exchanges.filter((e) => e.status === 'fail' || e.status === 'error');
  const details = failed
    .map((e) => `${file}:${(e.expectedLines[0] ?? e.line) + 1}: ${e.message}\nexpected: ${e.expected.join(' | ')}\nactual:   ${e.actual.join(' | ') || '(no reply)'}`)
    .concat(s.error ? [s.error.message] : [])
    .join('\n\n');
  const first = failed[0]?.message ?? s.error?.message ?? s.status;
  const tag = s.status === 'error' ? 'error' : 'failure';
  return `${open}>\n      <${tag} message="${escape(first)}">${escape(details)}</${tag}>\n    </testcase>`;
}
