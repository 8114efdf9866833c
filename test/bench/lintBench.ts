// Lint throughput on ~5 MB against the floor (a bare line split of the same text), and re-validation after a
// one-character edit in a 100k-line document, measured side by side in one run: from scratch, and the way the
// language server does it (the transcript cache re-parses the touched session, the lint cache keeps the others).
import { createLintCache } from '../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { createTranscriptCache } from '../../server/src/model/transcriptCache';
import { generateTranscript, generateTranscriptLines } from './generateTranscript';
import { ms, timeSync, type Timing } from './measure';

export function benchLint(): string[] {
  const big = generateTranscript(5 * 1024 * 1024);
  const megabytes = Buffer.byteLength(big) / (1024 * 1024);
  const split = timeSync(7, () => big.split(/\r\n|\r|\n/));
  const parse = timeSync(5, () => parseTranscript(big));
  const lint = timeSync(5, () => lintTranscript(parseTranscript(big)));

  const lines = generateTranscriptLines(100_000);
  const lineCount = lines.split('\n').length;
  const middle = lines.indexOf('Hello Alice', lines.length / 2);
  // A letter typed over another, and a line break typed at the same place (every session below moves down a line).
  const letter = (flip: boolean) => lines.slice(0, middle) + (flip ? 'J' : 'H') + lines.slice(middle + 1);
  const lineBreak = (flip: boolean) => (flip ? lines.slice(0, middle) + '\n' + lines.slice(middle) : lines);
  const fromScratch = timeSync(15, editing(letter, (text) => lintTranscript(parseTranscript(text))));
  const incrementalLetter = timeSync(50, editing(letter, languageServer()));
  const incrementalLineBreak = timeSync(15, editing(lineBreak, languageServer()));

  const ratio = lint.median / split.median;
  const target = (t: Timing) => `(target under 50 ms) ${t.median < 50 ? 'OK' : 'OVER TARGET'}`;
  return [
    `lint throughput on ${megabytes.toFixed(1)} MB (${big.split('\n').length} lines):`,
    `  bare line split (floor)   ${ms(split.median)}  (${(megabytes / (split.median / 1000)).toFixed(0)} MB/s)`,
    `  parse                     ${ms(parse.median)}  (${(parse.median / split.median).toFixed(1)}x the split)`,
    `  parse + lint              ${ms(lint.median)}  (${(megabytes / (lint.median / 1000)).toFixed(1)} MB/s, ${ratio.toFixed(1)}x the split; target within 10x) ${ratio <= 10 ? 'OK' : 'OVER TARGET'}`,
    `re-validation after a one-character edit in a ${lineCount}-line document:`,
    `  from scratch              median ${ms(fromScratch.median)}, p95 ${ms(fromScratch.p95)} over ${fromScratch.runs} edits`,
    `  as the server does it     median ${ms(incrementalLetter.median)}, p95 ${ms(incrementalLetter.p95)} over ${incrementalLetter.runs} edits ${target(incrementalLetter)}`,
    `  same, a line break typed  median ${ms(incrementalLineBreak.median)}, p95 ${ms(incrementalLineBreak.p95)} over ${incrementalLineBreak.runs} edits (the sessions below move: parsed again, their findings moved along)`,
  ];
}

/** The language server's path: a transcript cache keeping the previous parse, a lint cache keeping findings. */
function languageServer(): (text: string, version: number) => unknown {
  const transcripts = createTranscriptCache();
  const lintCache = createLintCache();
  return (text, version) => lintTranscript(transcripts.get('file:///bench.smtp', version, () => text), { rules: {}, cache: lintCache });
}

/** Each call edits the document back and forth (a new version every time) and re-validates it. */
function editing(edited: (flip: boolean) => string, revalidate: (text: string, version: number) => unknown): () => unknown {
  let version = 0;
  return () => {
    version++;
    return revalidate(edited(version % 2 === 1), version);
  };
}
