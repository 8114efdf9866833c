// Lint throughput on ~5 MB against the floor (a bare line split of the same text), and re-validation after a
// one-character edit in a 100k-line document, measured side by side in one run.
import { lintTranscript } from '../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { generateTranscript, generateTranscriptLines } from './generateTranscript';
import { ms, timeSync } from './measure';

export function benchLint(): string[] {
  const big = generateTranscript(5 * 1024 * 1024);
  const megabytes = Buffer.byteLength(big) / (1024 * 1024);
  const split = timeSync(7, () => big.split(/\r\n|\r|\n/));
  const parse = timeSync(5, () => parseTranscript(big));
  const lint = timeSync(5, () => lintTranscript(parseTranscript(big)));

  const lines = generateTranscriptLines(100_000);
  const lineCount = lines.split('\n').length;
  const at = lines.indexOf('Hello Alice', lines.length / 2);
  let flip = false;
  const edit = timeSync(15, () => {
    flip = !flip;
    const edited = lines.slice(0, at) + (flip ? 'J' : 'H') + lines.slice(at + 1);
    return lintTranscript(parseTranscript(edited));
  });

  const ratio = lint.median / split.median;
  return [
    `lint throughput on ${megabytes.toFixed(1)} MB (${big.split('\n').length} lines):`,
    `  bare line split (floor)   ${ms(split.median)}  (${(megabytes / (split.median / 1000)).toFixed(0)} MB/s)`,
    `  parse                     ${ms(parse.median)}  (${(parse.median / split.median).toFixed(1)}x the split)`,
    `  parse + lint              ${ms(lint.median)}  (${(megabytes / (lint.median / 1000)).toFixed(1)} MB/s, ${ratio.toFixed(1)}x the split; target within 10x) ${ratio <= 10 ? 'OK' : 'OVER TARGET'}`,
    `re-validation after a one-character edit in a ${lineCount}-line document:`,
    `  parse + lint              median ${ms(edit.median)}, p95 ${ms(edit.p95)} over ${edit.runs} edits (target under 50 ms) ${edit.median < 50 ? 'OK' : 'OVER TARGET'}`,
  ];
}
