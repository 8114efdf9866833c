// Another tool's transcript -> `.smtp` text and the problems worth knowing about. Pure: text in, text out.
import { visibleText } from '../model/invisibleCharacters';
import { continuesReply, splitReplyLine } from '../dialogue/replyLine';
import { parseTranscript } from '../model/parseTranscript';
import { detectFormat } from './detectFormat';
import type { CaptureEvent, CaptureReading, ImportFormat, ImportOptions, ImportProblem, ImportResult } from './importTypes';
import { readPlain } from './plainReader';
import { inputLines } from './skippedLines';
import { readSmtplib } from './smtplibReader';
import { readSwaks } from './swaksReader';
import { readCurl } from './curlReader';
import { writeTranscript } from './transcriptWriter';

const readers: Record<ImportFormat, (lines: string[]) => CaptureReading> = {
  swaks: readSwaks,
  smtplib: readSmtplib,
  curl: readCurl,
  plain: readPlain,
};

const titles: Record<ImportFormat, string> = {
  swaks: 'swaks output',
  smtplib: 'Python smtplib debug output',
  curl: 'curl output (-v or --trace-ascii)',
  plain: 'a plain terminal log (telnet, nc or openssl s_client)',
};

export function importTranscript(input: string, options: ImportOptions = {}): ImportResult {
  const lines = inputLines(input);
  const detected = options.from ? { format: options.from } : detectFormat(lines);
  if (!detected.format) return { text: '', problems: [{ severity: 'error', message: detected.reason }] };
  const format = detected.format;
  try {
    const reading = readers[format](lines);
    const problems = [...reading.problems, ...notUtf8(options.invalidUtf8Lines ?? [])];
    if (repliesOnly(reading.events)) {
      problems.push({
        severity: 'error',
        message: `the text read as ${titles[format]} shows the server's replies but no line the client sent (swaks --hide-send leaves them out): there is no dialogue to import`,
      });
      return { format, text: '', problems: sortByLine(problems) };
    }
    const text = writeTranscript(reading.events, titles[format], problems);
    if (text === '') {
      problems.push({ severity: 'error', message: `no SMTP exchange found in the text read as ${titles[format]}` });
      // What the tool said instead (swaks: "*** Error connecting ...") is the best explanation there is.
      for (const event of reading.events) {
        if (event.kind === 'note') problems.push({ line: event.line + 1, severity: 'info', message: event.text });
      }
    }
    for (const error of parseErrors(text)) problems.push(error);
    return { format, text, problems: sortByLine(problems) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { format, text: '', problems: [{ severity: 'error', message: `the import failed: ${message}` }] };
  }
}

/**
 * Replies beyond the first (a greeting may stand alone: a `421` and the connection closed), and not one line the
 * client sent: a transcript of it would be comments and a wait for the server.
 */
function repliesOnly(events: readonly CaptureEvent[]): boolean {
  if (events.some((event) => event.kind === 'sent')) return false;
  const replyEnds = events.filter((event) => event.kind === 'received' && !continuesReply(splitReplyLine(event.text, 'wire')?.separator ?? ' '));
  return replyEnds.length > 1;
}

/** Bytes the input's decoding replaced: what replay sends there is not what the capture shows. */
function notUtf8(lines: readonly number[]): ImportProblem[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, 5).map((line) => line + 1).join(', ') + (lines.length > 5 ? ', ...' : '');
  return [
    {
      line: lines[0] + 1,
      severity: 'warning',
      message: `${lines.length === 1 ? 'this line holds' : `${lines.length} lines (${shown}) hold`} bytes that are not UTF-8, each read as U+FFFD: a transcript is UTF-8 text, so replay sends U+FFFD there, not the captured bytes`,
    },
  ];
}

/** The writer is built to produce no parse errors; should it ever, they are reported rather than hidden. */
function parseErrors(text: string): ImportProblem[] {
  return parseTranscript(text)
    .diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => ({
      severity: 'error',
      message: `the imported transcript does not parse at its line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
    }));
}

/**
 * Problems in input order; those about the whole input last (Array.prototype.sort is stable). A message quoting the
 * capture (what swaks said, a line s_client took) shows its control characters as `\x1b`, wherever it is shown.
 */
function sortByLine(problems: ImportProblem[]): ImportProblem[] {
  const order = (problem: ImportProblem): number => problem.line ?? Number.MAX_SAFE_INTEGER;
  return problems.sort((a, b) => order(a) - order(b)).map((problem) => ({ ...problem, message: visibleText(problem.message) }));
}
