// The result view's page: a pure function of the model, so the exact HTML is tested. Strict Content Security Policy:
// no remote resources, the one style and script carry a nonce, every text from the server is HTML-escaped.
import { INSECURE_TEXT, withThousands } from '../../../server/src/engine';
import { WIRE_LINES_SHOWN, type ExchangeRow, type ResultViewModel, type SessionView } from './resultViewModel';

/** What the page posts to the extension when a button is pressed. */
export type ResultViewMessage =
  | { command: 'rerun' | 'update' | 'copy' | 'expectedVsActual' }
  | { command: 'diffRuns'; older: number; newer: number };

export function resultViewHtml(model: ResultViewModel, page: { nonce: string }): string {
  const csp = `default-src 'none'; style-src 'nonce-${page.nonce}'; script-src 'nonce-${page.nonce}';`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<style nonce="${page.nonce}">${STYLE}</style>`,
    `<title>${escape(model.file)}</title></head><body>`,
    `<h1 class="${model.status}">${escape(model.file)}: ${model.status === 'pass' ? 'passed' : model.status === 'fail' ? 'failed' : 'error'}</h1>`,
    `<p class="summary">${escape(model.summary)}</p>`,
    model.stale ? '<p class="stale">The file changed since this run: rerun it for a current result.</p>' : '',
    model.error ? `<p class="error">${escape(model.error)}</p>` : '',
    '<div class="actions">',
    '<button data-command="rerun">Rerun</button>',
    '<button data-command="update">Update Expectations</button>',
    '<button data-command="copy">Copy as Command</button>',
    model.status === 'pass' ? '' : '<button data-command="expectedVsActual">Show Expected vs Actual</button>',
    '</div>',
    ...model.sessions.map(sessionHtml),
    historyHtml(model),
    `<script nonce="${page.nonce}">${SCRIPT}</script>`,
    '</body></html>',
  ].join('\n');
}

function sessionHtml(session: SessionView): string {
  const tls = session.tls
    ? `<p class="tls">TLS: ${escape(`${session.tls.protocol} ${session.tls.cipher}, ${session.tls.verified}`)}${
        session.tls.certificate ? `; certificate ${escape(session.tls.certificate)}` : ''
      }</p>`
    : '';
  return [
    `<section class="session"><h2 class="${session.status}">${escape(session.title)} · ${session.status} · ${session.durationMs} ms</h2>`,
    `<p class="target">${escape(session.target)}</p>`,
    tls,
    session.insecure ? `<p class="error">${escape(INSECURE_TEXT)}</p>` : '',
    session.error ? `<p class="error">${escape(session.error)}</p>` : '',
    '<table><thead><tr><th>line</th><th>status</th><th>sent</th><th>time</th></tr></thead><tbody>',
    ...session.exchanges.map(rowHtml),
    session.hiddenExchanges
      ? `<tr class="hidden"><td></td><td colspan="3">${withThousands(session.hiddenExchanges)} more exchanges not shown: the view lists ${withThousands(session.exchanges.length)}, the failed ones first; the summary counts them all</td></tr>`
      : '',
    '</tbody></table>',
    `<details><summary>Wire log (${withThousands(session.wireLinesInAll ?? session.wire.length)} lines${session.wireLinesInAll ? `, the first and last ${withThousands(WIRE_LINES_SHOWN / 2)} shown` : ''})</summary><pre>${session.wire.map(escape).join('\n')}</pre></details>`,
    '</section>',
  ].join('\n');
}

function rowHtml(row: ExchangeRow): string {
  const time = row.timeMs === undefined ? '' : `${row.timeMs} ms`;
  const cells = `<tr class="${row.status.replace(' ', '-')}"><td>${row.line}</td><td>${row.status}</td><td>${escape(row.sent)}</td><td>${time}</td></tr>`;
  if (row.notes) return `${cells}\n<tr class="note"><td></td><td colspan="3">${row.notes.map((note) => `note: ${escape(note)}`).join('<br>')}</td></tr>`;
  if (!row.failure) return cells;
  const { message, expected, actual } = row.failure;
  return `${cells}\n<tr class="failure"><td></td><td colspan="3">${escape(message)}<pre>expected: ${expected.map(escape).join('\n          ') || '(nothing)'}\nactual:   ${
    actual.map(escape).join('\n          ') || '(no reply)'
  }</pre></td></tr>`;
}

function historyHtml(model: ResultViewModel): string {
  if (model.history.length === 0) return '';
  const options = model.history.map((run) => `<option value="${run.id}">#${run.id} ${escape(run.label)}</option>`).join('');
  return [
    `<section class="history"><h2>Run history (${model.history.length})</h2>`,
    `<ol>${model.history.map((run) => `<li class="${run.status}">#${run.id} ${escape(run.label)}</li>`).join('')}</ol>`,
    model.history.length < 2
      ? ''
      : `<p><select id="older">${options}</select> ↔ <select id="newer">${options}</select> <button data-command="diffRuns">Diff Runs</button></p>`,
    '</section>',
  ].join('\n');
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = [
  'body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}',
  'h1.pass,h2.pass,li.pass{color:var(--vscode-testing-iconPassed)}',
  'h1.fail,h1.error,h2.fail,h2.error,li.fail,li.error,.error{color:var(--vscode-testing-iconFailed)}',
  'tr.fail td,tr.error td{color:var(--vscode-testing-iconFailed)}',
  'tr.not-run td{opacity:.6;font-style:italic}',
  'tr.note td,tr.hidden td{opacity:.8;font-style:italic}',
  'table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}',
  'pre{font-family:var(--vscode-editor-font-family);white-space:pre-wrap}',
  'button{margin-right:6px}',
  '.stale{font-style:italic}',
].join('');

// Posts the pressed button's command; "Diff Runs" with the two runs chosen (the newer one first selected).
const SCRIPT = [
  'const vscode = acquireVsCodeApi();',
  "const newer = document.getElementById('newer'); if (newer) newer.selectedIndex = newer.options.length - 1;",
  "for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => {",
  '  const command = button.dataset.command;',
  "  if (command === 'diffRuns') vscode.postMessage({ command, older: Number(document.getElementById('older').value), newer: Number(newer.value) });",
  '  else vscode.postMessage({ command });',
  '});',
].join('\n');
