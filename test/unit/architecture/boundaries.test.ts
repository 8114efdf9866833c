// The layer order (docs/architecture.md, .dependency-cruiser.cjs) holds in the real tree, and the check is not one
// that cannot fail: a small tree laid out like the project's, with one upward import of each kind, is refused.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const DEPCRUISE = path.join(REPO, 'node_modules', '.bin', 'depcruise');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Runs dependency-cruiser with the project's rules over `roots` in `cwd`; the violations it reports. */
function violations(cwd: string, roots: string[]): Violation[] {
  const run = spawnSync(DEPCRUISE, [...roots, '--config', path.join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(run.stdout.startsWith('{'), `depcruise printed no report: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })).sort((a, b) => a.from.localeCompare(b.from));
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'smtp-layers-'));
  copyFileSync(path.join(REPO, 'tsconfig.json'), path.join(root, 'tsconfig.json'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('layer boundaries', () => {
  test('the real tree keeps them: no upward, sideways or deep import, no run-time cycle', () => {
    assert.deepEqual(violations(REPO, ['server/src', 'client/src']), []);
  });

  test('the check refuses upward, sideways and deep imports', () => {
    const root = tree({
      'server/src/knowledge/verbs.ts': 'export const VERBS = [];\n',
      'server/src/model/parse.ts': "import { replay } from '../replay/run';\nexport const parse = replay;\n",
      'server/src/replay/run.ts': "import { VERBS } from '../knowledge/verbs';\nimport { lint } from '../features/lint/check';\nexport const replay = [VERBS, lint];\n",
      'server/src/features/lint/check.ts': 'export const lint = 1;\n',
      'server/src/features/lint/index.ts': "export { lint } from './check';\n",
      'server/src/cli/main.ts': "import { lint } from '../features/lint/check';\nexport const main = lint;\n",
      'server/src/engine/index.ts': "export { parse } from '../model/parse';\n",
      'client/src/extension.ts': "import { parse } from '../../server/src/model/parse';\nimport { parse as p } from '../../server/src/engine/index';\nexport const x = [parse, p];\n",
    });
    assert.deepEqual(violations(root, ['server/src', 'client/src']), [
      { rule: 'client-through-engine', from: 'client/src/extension.ts', to: 'server/src/model/parse.ts' },
      { rule: 'lint-through-its-index', from: 'server/src/cli/main.ts', to: 'server/src/features/lint/check.ts' },
      { rule: 'layer-model', from: 'server/src/model/parse.ts', to: 'server/src/replay/run.ts' },
      { rule: 'layer-replay', from: 'server/src/replay/run.ts', to: 'server/src/features/lint/check.ts' },
      { rule: 'lint-through-its-index', from: 'server/src/replay/run.ts', to: 'server/src/features/lint/check.ts' },
    ]);
  });
});
