// Lint time on the shapes of text that made parts of it quadratic once (each found and fixed): the same shape at n
// and 4n lines, side by side in one run. Linear work takes about 4x as long; a check that looks at every exchange
// for each one shows at once (a 16x jump at these sizes, 64 s for 40,000 unanswered commands before its fix).
import { lintText } from '../../server/src/features/lint/lintText';
import { getSemanticTokens } from '../../server/src/features/semanticTokens';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { generateTranscript } from './generateTranscript';
import { recordFigure } from './benchFigures';
import { timeSync } from './measure';

const repeated = (count: number, line: (i: number) => string): string => Array.from({ length: count }, (_, i) => line(i)).join('\n');
const GREET = 'S: 220 x\nC: EHLO a\nS: 250-PIPELINING\nS: 250 ok\n';

/** Each shape, as a transcript of about `lines` lines. */
const SHAPES: Record<string, (lines: number) => string> = {
  'unanswered unknown commands': (lines) => repeated(lines, () => 'C: FROB'),
  'stacked suppression comments': (lines) => repeated(lines, (i) => `# smtp-lint-disable-next-line no-such-rule-${i}`),
  'one pipelined group': (lines) => `${GREET}C: MAIL FROM:<a@b.test>\n${repeated(lines / 2, (i) => `C: RCPT TO:<u${i}@b.test>`)}\n${repeated(lines / 2 + 1, () => 'S: 250 ok')}`,
  'replies with no command': (lines) => repeated(lines, () => 'S: 250 ok'),
  'one long EHLO reply': (lines) => `S: 220 x\nC: EHLO a\n${repeated(lines, (i) => `S: 250-X${i} a b`)}\nS: 250 SIZE 10`,
  'chained variables, used once': (lines) => `@v0 = x\n${repeated(lines, (i) => `@v${i + 1} = {{v${i}}}`)}\nS: 220 x\nC: NOOP {{v${lines}}}\nS: 250 ok`,
  'one EHLO reply, a keyword again': (lines) => `S: 220 x\nC: EHLO a\n${repeated(lines, () => 'S: 250-AUTH PLAIN')}\nS: 250 SIZE 10`,
  'one message of many parts': (lines) =>
    `${GREET}C: MAIL FROM:<a@b.test>\nS: 250 ok\nC: RCPT TO:<c@d.test>\nS: 250 ok\nC: DATA\nS: 354 go\nC: MIME-Version: 1.0\nC: Content-Type: multipart/mixed; boundary="b"\nC:\n${repeated(lines / 4, (i) => `C: --b\nC: Content-Type: text/plain\nC:\nC: part ${i}`)}\nC: --b--\nC: .\nS: 250 ok`,
};

const LINES = 10_000;
// Above this, the work grows faster than the text (4x is linear; noise on a busy machine reaches about 7x).
const MAX_GROWTH = 10;

export function benchHostileShapes(): string[] {
  const printed = [`lint of hostile shapes, ${LINES} and ${4 * LINES} lines (the CLI's path, lintText; median of 3; linear is about 4x):`];
  for (const [name, shape] of Object.entries(SHAPES)) {
    const small = shape(LINES);
    const large = shape(4 * LINES);
    const smallTime = timeSync(3, () => lintText(small)).median;
    const largeTime = timeSync(3, () => lintText(large)).median;
    const growth = largeTime / smallTime;
    const verdict = recordFigure({ name: `lint growth: ${name}`, value: growth, unit: 'x', baseline: { name: `${LINES} lines`, value: smallTime }, target: { atMost: MAX_GROWTH } });
    printed.push(`  ${name.padEnd(30)} ${smallTime.toFixed(1).padStart(7)} ms -> ${largeTime.toFixed(1).padStart(7)} ms  ${growth.toFixed(1)}x ${verdict === 'OK' ? 'OK' : 'GROWS FASTER THAN THE TEXT'}`);
  }
  return printed;
}

/**
 * The whole document's semantic tokens (the editor's `semanticTokens/full` request) at 5 and 40 MB, asked again as
 * the editor does: the sessions' runs are kept after the first request, and what is timed is mostly their join into
 * one array. That join once copied the numbers joined so far for every few thousand runs: 2.3 s and 1.7 GB of memory
 * at its peak for a 45 MB document.
 */
export function benchTokenGrowth(): string[] {
  const [small, large] = [5, 40].map((mb) => parseTranscript(generateTranscript(mb * 1024 * 1024)));
  getSemanticTokens(small);
  getSemanticTokens(large);
  const smallTime = timeSync(3, () => getSemanticTokens(small)).median;
  const largeTime = timeSync(3, () => getSemanticTokens(large)).median;
  const growth = largeTime / smallTime;
  // 8 times the text: linear work takes about 8x as long; the old join took about 30x.
  const verdict = recordFigure({ name: 'semantic tokens growth: whole document asked again, 5 MB -> 40 MB', value: growth, unit: 'x', baseline: { name: '5 MB ms', value: smallTime }, target: { atMost: 16 } });
  return [
    `semantic tokens of the whole document asked again (runs kept), 5 MB and 40 MB (median of 3; linear is about 8x):`,
    `  ${'whole document'.padEnd(30)} ${smallTime.toFixed(1).padStart(7)} ms -> ${largeTime.toFixed(1).padStart(7)} ms  ${growth.toFixed(1)}x ${verdict === 'OK' ? 'OK' : 'GROWS FASTER THAN THE TEXT'}`,
  ];
}
