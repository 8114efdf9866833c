// The transcripts shown in the README and the format specification must mean what they say: a whole session (one
// that starts with the greeting, a directive or a comment) lints without an error; a fragment of one (a few lines
// from its middle) parses without an error. A bare `...` line marks where an example is cut short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTranscript } from '../../../server/src/model';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';

const ROOT = path.resolve(__dirname, '../../../..');

function smtpBlocks(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^( *)```smtp\n([\s\S]*?)^ *```/gm)].map(([, indent, body]) =>
    body
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
      .split('\n...\n')[0],
  );
}

for (const file of ['README.md', 'docs/transcript-format.md', 'docs/zone-file.md']) {
  test(`every smtp example in ${file} lints without errors`, () => {
    const blocks = smtpBlocks(file);
    assert.ok(blocks.length > 0, `no smtp examples found in ${file}`);
    const errors = blocks.flatMap((block, i) =>
      (/^(S: 220|@|#)/.test(block) ? lintTranscript(parseTranscript(block)) : parseTranscript(block).diagnostics)
        .filter((d) => d.severity === 'error')
        .map((d) => `example ${i + 1}, line ${d.range.start.line + 1}: [${d.code}] ${d.message}`),
    );
    assert.deepEqual(errors, []);
  });
}
