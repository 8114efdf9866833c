// Lint throughput on ~5 MB against the floor (a bare line split of the same text), and re-validation after a
// one-character edit in a 100k-line document, measured side by side in one run: from scratch, and the way the
// language server does it (the transcript cache re-parses the touched session, the lint cache keeps the others).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLintCache } from '../../server/src/features/lint/lintCache';
import { lintText } from '../../server/src/features/lint/lintText';
import { lintTranscript } from '../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { createTranscriptCache } from '../../server/src/model/transcriptCache';
import { generateAttachmentSession, generateSingleSession, generateTranscript, generateTranscriptLines } from './generateTranscript';
import { benchHostileShapes, benchTokenGrowth } from './hostileShapes';
import { recordFigure } from './benchFigures';
import { ms, summarize, timeAfterTurns, timeEachTurn, timeSync, type Timing } from './measure';
import { semanticTokenParts } from '../../server/src/features/semanticTokens';

export async function benchLint(): Promise<string[]> {
  const big = generateTranscript(5 * 1024 * 1024);
  const megabytes = Buffer.byteLength(big) / (1024 * 1024);
  const split = timeSync(7, () => big.split(/\r\n|\r|\n/));
  const parse = timeSync(5, () => parseTranscript(big));
  const lint = timeSync(5, () => lintTranscript(parseTranscript(big)));
  // The CLI's path: each session parsed, checked and dropped (no model of the whole file kept).
  const streamed = timeSync(5, () => lintText(big));

  const lines = generateTranscriptLines(100_000);
  const lineCount = lines.split('\n').length;
  const middle = lines.indexOf('Hello Alice', lines.length / 2);
  // A letter typed over another, and a line break typed at the same place (every session below moves down a line).
  const letter = (flip: boolean) => lines.slice(0, middle) + (flip ? 'J' : 'H') + lines.slice(middle + 1);
  const lineBreak = (flip: boolean) => (flip ? lines.slice(0, middle) + '\n' + lines.slice(middle) : lines);
  const fromScratch = timeSync(15, editing(letter, (text) => lintTranscript(parseTranscript(text))));
  // As the server sees them: each edit in a turn of the event loop of its own; the first call opens the document (a
  // parse and lint from scratch), the second is the first edit (its code paths' first run); both are warm-ups.
  const incrementalLetter = await timeEachTurn(50, editing(letter, languageServer()), 2);
  const incrementalLineBreak = await timeEachTurn(50, editing(lineBreak, languageServer()), 2);

  // One session of 100k lines (no `###`): the unit an edit re-checks must be smaller than a session for this to be fast.
  const single = generateSingleSession(100_000);
  const singleMiddle = single.indexOf('Hello Alice', single.length / 2);
  const singleLetter = (flip: boolean) => single.slice(0, singleMiddle) + (flip ? 'J' : 'H') + single.slice(singleMiddle + 1);
  const singleFromScratch = timeSync(5, editing(singleLetter, (text) => lintTranscript(parseTranscript(text))));
  const singleIncremental = await timeEachTurn(50, editing(singleLetter, languageServer()), 2);
  // A line break there moves the half of the session below it: its exchanges are the previous parse's, a lazy tail
  // (model/lazyTail.ts), and its segments' findings are moved along (the segments around the edit are checked again).
  const singleLineBreak = (flip: boolean) => (flip ? single.slice(0, singleMiddle) + '\n' + single.slice(singleMiddle) : single);
  const singleLineBreakIncremental = await timeEachTurn(50, editing(singleLineBreak, languageServer()), 2);
  // The same between two exchanges (above a `C: RSET`): the session is parsed again from a checkpoint above the edit
  // to where the parse rejoins the previous one; the exchanges below move.
  const singleBetween = single.indexOf('C: RSET', single.length / 2);
  const singleBreakBetween = (flip: boolean) => (flip ? single.slice(0, singleBetween) + '\n' + single.slice(singleBetween) : single);
  const singleBreakBetweenIncremental = await timeEachTurn(50, editing(singleBreakBetween, languageServer()), 2);
  // A command typed there, its reply's colon typed and removed: a whole exchange comes and goes, and the pipelined
  // groups below are numbered one higher or lower (the lazy tail holds by how much; lint's kept walks compare so).
  const withNoop = (reply: string) => single.slice(0, singleBetween) + `C: NOOP\n${reply} 250 ok\n` + single.slice(singleBetween);
  const singleExchange = (flip: boolean) => withNoop(flip ? 'S:' : 'S');
  const singleExchangeIncremental = await timeEachTurn(50, editing(singleExchange, languageServer()), 2);
  // The same size of file, nearly all of it one message (a base64 attachment): no quiet point inside it.
  const attachment = generateAttachmentSession(100_000);
  const attachmentMiddle = attachment.indexOf('\nC: ', attachment.length / 2) + 5;
  const attachmentLetter = (flip: boolean) => attachment.slice(0, attachmentMiddle) + (flip ? 'Q' : 'R') + attachment.slice(attachmentMiddle + 1);
  const attachmentIncremental = await timeEachTurn(30, editing(attachmentLetter, languageServer()), 2);
  // Outside the message, in its RCPT: the session is parsed again around the edit, the message's content taken whole.
  const envelopeAt = attachment.indexOf('C: RCPT TO:<') + 12;
  const envelopeLetter = (flip: boolean) => attachment.slice(0, envelopeAt) + (flip ? 'b' : 'a') + attachment.slice(envelopeAt + 1);
  const envelopeIncremental = await timeEachTurn(30, editing(envelopeLetter, languageServer()), 2);
  // The same message in one `BDAT *` chunk, MAIL and RCPT pipelined with it: a line break moves their replies too.
  const chunked = generateAttachmentSession(100_000, 'BDAT');
  const chunkedMiddle = chunked.indexOf('\nC: ', chunked.length / 2) + 5;
  const chunkedLetter = (flip: boolean) => chunked.slice(0, chunkedMiddle) + (flip ? 'Q' : 'R') + chunked.slice(chunkedMiddle + 1);
  const chunkedLineBreak = (flip: boolean) => (flip ? chunked.slice(0, chunkedMiddle) + '\nC: ' + chunked.slice(chunkedMiddle) : chunked);
  const chunkedIncremental = await timeEachTurn(30, editing(chunkedLetter, languageServer()), 2);
  const chunkedLineBreakIncremental = await timeEachTurn(30, editing(chunkedLineBreak, languageServer()), 2);
  // Three letters typed inside the attachment, each parsed (completion and folding parse each keystroke), diagnostics
  // and tokens asked after the third only: the lint and tokens kept are two versions older than the last parse.
  const typing = typedInTurn(attachment, attachmentMiddle, 'QRST');
  const typedThrice = await timeAfterTurns(30, typing.parse, 2, typing.lintAndTokens, 2);
  const cli = wholeProcess(big);

  const ratio = lint.median / split.median;
  const splitBaseline = { name: 'bare line split ms', value: split.median };
  recordFigure({ name: 'parse 5 MB / bare line split', value: parse.median / split.median, unit: 'x', baseline: splitBaseline });
  const throughput = recordFigure({ name: 'parse + lint 5 MB / bare line split', value: ratio, unit: 'x', baseline: splitBaseline, target: { atMost: 10 } });
  recordFigure({ name: 'parse + lint by session (lintText) 5 MB / bare line split', value: streamed.median / split.median, unit: 'x', baseline: splitBaseline });
  // The issue asks for the p95 (an edit that is slow one time in twenty is felt), not the median.
  const editTarget = { atMost: 50 };
  const p95 = (name: string, t: Timing, scratch: Timing) =>
    `(target p95 under 50 ms) ${recordFigure({ name, value: t.p95, unit: 'ms', baseline: { name: 'from scratch, median ms', value: scratch.median }, target: editTarget })}`;
  const target = {
    letter: p95(`a letter typed, ${lineCount}-line document, p95`, incrementalLetter, fromScratch),
    lineBreak: p95(`a line break typed, ${lineCount}-line document, p95`, incrementalLineBreak, fromScratch),
    singleLetter: p95('a letter typed, 100k-line single session, p95', singleIncremental, singleFromScratch),
    singleLineBreak: p95('a line break typed, 100k-line single session, p95', singleLineBreakIncremental, singleFromScratch),
    singleBreakBetween: p95('a line break typed between exchanges, 100k-line single session, p95', singleBreakBetweenIncremental, singleFromScratch),
    singleExchange: p95("a reply's colon typed, an exchange added, 100k-line single session, p95", singleExchangeIncremental, singleFromScratch),
    attachment: p95('a letter typed inside a 100k-line message, p95', attachmentIncremental, singleFromScratch),
    envelope: p95('a letter typed in the RCPT of a 100k-line message, p95', envelopeIncremental, singleFromScratch),
    chunked: p95('a letter typed inside a 100k-line BDAT chunk, p95', chunkedIncremental, singleFromScratch),
    chunkedLineBreak: p95('a line break typed inside a 100k-line BDAT chunk, p95', chunkedLineBreakIncremental, singleFromScratch),
    typedThrice: p95('three letters typed inside a 100k-line message, lint + tokens after the third, p95', typedThrice, singleFromScratch),
  };
  const cliRatio = cli.lint.median / cli.floor.median;
  const cliVerdict = recordFigure({ name: '`smtp-transcript lint` 5 MB, whole process, wall / node reading + splitting', value: cliRatio, unit: 'x', baseline: { name: 'node reading + splitting, wall ms', value: cli.floor.median }, target: { atMost: 4 } });
  recordFigure({ name: '`smtp-transcript lint` 5 MB, whole process, CPU / node reading + splitting', value: cli.lintCpu / cli.floorCpu, unit: 'x', baseline: { name: 'node reading + splitting, CPU ms', value: cli.floorCpu } });
  // Measured after the rows above are recorded, so that the summary lists the rows first.
  const hostile = [...benchHostileShapes(), ...benchTokenGrowth()];
  return [
    `lint throughput on ${megabytes.toFixed(1)} MB (${big.split('\n').length} lines):`,
    `  bare line split (floor)   ${ms(split.median)}  (${(megabytes / (split.median / 1000)).toFixed(0)} MB/s)`,
    `  parse                     ${ms(parse.median)}  (${(parse.median / split.median).toFixed(1)}x the split)`,
    `  parse + lint              ${ms(lint.median)}  (${(megabytes / (lint.median / 1000)).toFixed(1)} MB/s, ${ratio.toFixed(1)}x the split; target within 10x) ${throughput} (the editor's path: parseTranscript + lintTranscript, the whole model)`,
    `  parse + lint by session   ${ms(streamed.median)}  (${(megabytes / (streamed.median / 1000)).toFixed(1)} MB/s, ${(streamed.median / split.median).toFixed(1)}x the split) (the CLI's path: lintText, each session dropped once checked)`,
    `re-validation after a one-character edit in a ${lineCount}-line document:`,
    `  from scratch              median ${ms(fromScratch.median)}, p95 ${ms(fromScratch.p95)} over ${fromScratch.runs} edits`,
    `  as the server does it     median ${ms(incrementalLetter.median)}, p95 ${ms(incrementalLetter.p95)} over ${incrementalLetter.runs} edits ${target.letter}`,
    `  same, a line break typed  median ${ms(incrementalLineBreak.median)}, p95 ${ms(incrementalLineBreak.p95)} over ${incrementalLineBreak.runs} edits ${target.lineBreak} (the sessions below move, their findings moved along)`,
    `  ratios to from scratch    a letter ${(incrementalLetter.p95 / fromScratch.median).toFixed(3)}x, a line break ${(incrementalLineBreak.p95 / fromScratch.median).toFixed(3)}x (p95 over the from-scratch median)`,
    `a one-character edit in a ${single.split('\n').length}-line file with no \`###\` line (one session):`,
    `  from scratch              median ${ms(singleFromScratch.median)}, p95 ${ms(singleFromScratch.p95)} over ${singleFromScratch.runs} edits`,
    `  as the server does it     median ${ms(singleIncremental.median)}, p95 ${ms(singleIncremental.p95)} over ${singleIncremental.runs} edits ${target.singleLetter} (${(singleIncremental.p95 / singleFromScratch.median).toFixed(3)}x from scratch)`,
    `  same, a line break typed  median ${ms(singleLineBreakIncremental.median)}, p95 ${ms(singleLineBreakIncremental.p95)} over ${singleLineBreakIncremental.runs} edits ${target.singleLineBreak} (the half below moves: its exchanges a lazy tail, its findings moved along)`,
    `  same, between exchanges   median ${ms(singleBreakBetweenIncremental.median)}, p95 ${ms(singleBreakBetweenIncremental.p95)} over ${singleBreakBetweenIncremental.runs} edits ${target.singleBreakBetween} (above a C: RSET: parsed again from the checkpoint above to where the parse rejoins)`,
    `  an exchange added there   median ${ms(singleExchangeIncremental.median)}, p95 ${ms(singleExchangeIncremental.p95)} over ${singleExchangeIncremental.runs} edits ${target.singleExchange} (\`S 250 ok\` below a \`C: NOOP\` made a reply by its colon, and back: the groups below renumbered)`,
    `  a letter typed inside one message of ${attachment.split('\n').length} lines (a base64 attachment)  median ${ms(attachmentIncremental.median)}, p95 ${ms(attachmentIncremental.p95)} over ${attachmentIncremental.runs} edits ${target.attachment} (no quiet point: the edited lines are parsed again as content; the message rules read what they found in the other lines, kept with them)`,
    `  a letter typed in its RCPT, outside the message  median ${ms(envelopeIncremental.median)}, p95 ${ms(envelopeIncremental.p95)} over ${envelopeIncremental.runs} edits ${target.envelope} (the session parsed again around the edit; the message's content taken from the previous parse)`,
    `  the same message in one \`BDAT *\` chunk, MAIL and RCPT pipelined with it: a letter median ${ms(chunkedIncremental.median)}, p95 ${ms(chunkedIncremental.p95)} ${target.chunked}; a line break median ${ms(chunkedLineBreakIncremental.median)}, p95 ${ms(chunkedLineBreakIncremental.p95)} ${target.chunkedLineBreak} (over ${chunkedIncremental.runs} edits each; a line break moves their replies below the chunk)`,
    `  three letters typed inside it, each parsed, lint and tokens after the third  median ${ms(typedThrice.median)}, p95 ${ms(typedThrice.p95)} over ${typedThrice.runs} ${target.typedThrice} (the lint's lines and the tokens kept two versions back: the edits between are composed)`,
    `\`smtp-transcript lint\` of the ${megabytes.toFixed(1)} MB file, whole process, median of ${cli.runs}:`,
    `  node reading + splitting  wall ${ms(cli.floor.median)}, CPU ${ms(cli.floorCpu)}, peak RSS ${cli.floorRss.toFixed(0)} MB`,
    `  smtp-transcript lint      wall ${ms(cli.lint.median)} (${(cli.lint.median / cli.floor.median).toFixed(1)}x), CPU ${ms(cli.lintCpu)} (${(cli.lintCpu / cli.floorCpu).toFixed(1)}x), peak RSS ${cli.lintRss.toFixed(0)} MB; target within 4x ${cliVerdict}`,
    ...hostile,
  ];
}

/**
 * The language server's path: a transcript cache keeping the previous parse, a lint cache keeping findings, and one
 * rule settings object for the document across edits (lsp/lintSettings.ts keeps it per URI; lint reuses a finding's
 * diagnostic only while the settings object is the same).
 */
function languageServer(): (text: string, version: number) => unknown {
  const transcripts = createTranscriptCache();
  const lintCache = createLintCache();
  const rules = {};
  return (text, version) => lintTranscript(transcripts.get('file:///bench.smtp', version, () => text), { rules, cache: lintCache });
}

/**
 * A document typed on at one place, a new letter there each version: `parse` makes the next version and parses it (as
 * a request that needs only the parse does), `lintAndTokens` makes the next one and asks for its diagnostics and tokens.
 */
function typedInTurn(text: string, at: number, letters: string): { parse: () => unknown; lintAndTokens: () => unknown } {
  const transcripts = createTranscriptCache();
  const lintCache = createLintCache();
  const rules = {};
  let version = 0;
  const next = () => {
    version++;
    const edited = text.slice(0, at) + letters[version % letters.length] + text.slice(at + 1);
    return transcripts.get('file:///typed.smtp', version, () => edited);
  };
  return {
    parse: next,
    lintAndTokens: () => {
      const transcript = next();
      return [lintTranscript(transcript, { rules, cache: lintCache }), semanticTokenParts(transcript)];
    },
  };
}

/** Each call edits the document back and forth (a new version every time) and re-validates it. */
function editing(edited: (flip: boolean) => string, revalidate: (text: string, version: number) => unknown): () => unknown {
  let version = 0;
  return () => {
    version++;
    return revalidate(edited(version % 2 === 1), version);
  };
}

/**
 * `node dist/cli.js lint FILE` against `node` reading the same file and splitting it into lines, whole processes: wall
 * time, and the CPU time each process used (read at its exit by a preloaded module), which a shared machine's load
 * disturbs less.
 */
function wholeProcess(text: string): { floor: Timing; lint: Timing; floorCpu: number; lintCpu: number; floorRss: number; lintRss: number; runs: number } {
  const scratch = mkdtempSync(join(tmpdir(), 'smtp-bench-lint-'));
  try {
    const file = join(scratch, 'big.smtp');
    writeFileSync(file, text);
    const cpuReport = join(scratch, 'cpu.js');
    writeFileSync(cpuReport, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\ncpu-us ${u.user + u.system} rss-kb ${process.resourceUsage().maxRSS}\\n`); });\n");
    const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
    const floorScript = "require('fs').readFileSync(process.argv[1], 'utf8').split(/\\r\\n|\\r|\\n/)";
    const runs = 5;
    const time = (args: string[]) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      const rss: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const started = performance.now();
        const result = spawnSync(process.execPath, ['--require', cpuReport, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${String(result.stderr).trim()}`);
        if (i === 0) continue; // the first run warms the file cache
        wall.push(performance.now() - started);
        cpu.push(Number(/cpu-us (\d+)/.exec(String(result.stderr))?.[1] ?? NaN) / 1000);
        rss.push(Number(/rss-kb (\d+)/.exec(String(result.stderr))?.[1] ?? NaN) / 1024);
      }
      return { wall: summarize(wall), cpu: summarize(cpu).median, rss: summarize(rss).median };
    };
    const floor = time(['-e', floorScript, file]);
    const lint = time([cli, 'lint', file]);
    return { floor: floor.wall, lint: lint.wall, floorCpu: floor.cpu, lintCpu: lint.cpu, floorRss: floor.rss, lintRss: lint.rss, runs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
