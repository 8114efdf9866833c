// DATA content and BDAT chunks as the scripted server expects them: line by line as written (patterns, captures,
// `{{$any-lines}}`), includes as literal text, a chunk compared octet for octet (RFC 3030 §2).
import { verbOpens, wireCommand } from '../dialogue/dialogueState';
import { CRLF_OCTETS, END_OF_DATA, lineOctets, parseBdatArgument } from '../dialogue/framing';
import { isAnyLines, matchClientLine, shownExpectation, takeCaptures, type CapturingLine } from '../model/clientLinePattern';
import { isCutByClient } from '../model/dialogueEvents';
import { isInclude } from '../model/contentParts';
import type { BdatExchange, ClientLine, Exchange, MessageExchange } from '../model/types';
import { refusedCapture } from './capturedValues';
import type { ClientInput, ClientReader } from './clientReader';
import type { MessageJudge } from './messageVerdict';
import type { WireEntry } from './scriptedPlayTypes';
import { exchangeEnd, exchangeStartLine } from '../model/exchangeRange';

/** What the content checks ask of the session being played (scriptedSession.ts). */
export interface ContentPlay {
  readonly reader: ClientReader;
  readonly judge?: MessageJudge;
  readonly timeoutMs: number;
  readInclude(path: string, line: number): Promise<Buffer>;
  readLine(line: number, expected: CapturingLine | undefined, secret: boolean): Promise<string>;
  expectation(line: ClientLine, secret: boolean): CapturingLine;
  inputProblem(input: Exclude<ClientInput<unknown>, { value: unknown }>, line: number, expected: string): never;
  timeoutAt(line: number): number;
  resolve(text: string, line: number): { text: string };
  capture(captured: Iterable<[string, string]>): void;
  note(direction: WireEntry['direction'], text: string): void;
  deviate(line: number, expected: string, actual: string, message: string, answer?: boolean | string): never;
}

const END_OF_DATA_LINE: CapturingLine = { text: END_OF_DATA, names: [] };

/** A content line as expected: its pattern, or `any` for a `{{$any-lines}}` line. */
interface ContentLine {
  line: number;
  pattern: CapturingLine;
  any?: true;
}

/** The largest BDAT chunk compared (64 MiB, the cap on any file the tools read). */
const MAX_CHUNK_OCTETS = 64 * 1024 * 1024;
/** Lines of DATA content read past a deviation, so the client reads the 554 (bounded). */
const MAX_DRAIN_LINES = 1_000_000;
/** Lines of one `{{$any-lines}}` run shown in the log; the rest are counted (a client may send any number of them). */
const ANY_LINES_SHOWN = 20;
/** The content held to judge a message (with `authentication`); a larger one is read to its end, its verdict `not judged`. */
const MAX_JUDGED_OCTETS = MAX_CHUNK_OCTETS;

/** DATA content (RFC 5321 §4.1.1.4), line by line as written (wire form, dot-stuffed), up to the `.` line. */
export async function expectContent(play: ContentPlay, message: MessageExchange): Promise<void> {
  const expected = await contentLines(play, message.parts);
  // A `<closed>`, `<reset>` or `<silence>` inside the content, or the client closing the connection there (`C: <close>`,
  // checked next by the session): the server reads the lines above it, and no further.
  const stopAfter = message.terminator ? Infinity : expected.length;
  let index = 0;
  const received = new JudgedContent(play.judge !== undefined);
  const run = new AnyLinesLog(play);
  let dotRead = false;
  // Past the written lines the `.` is due: a problem reading it is reported at the `C: .` line.
  const terminator = message.terminator && { line: message.terminator.line, pattern: END_OF_DATA_LINE };
  for (; index < stopAfter; ) {
    const written = expected[index];
    const want = written ?? terminator;
    const actual = await play.readLine(want?.line ?? exchangeStartLine(message), want?.pattern, false);
    if (want?.any) {
      // Any lines, none included: the next written line (or the `.`) ends the run.
      if (actual === '.') {
        run.end();
        index++;
        dotRead = true;
        break;
      }
      // What `{{$any-lines}}` accepted is still the message the verdict is about.
      received.add(actual);
      const next = expected[index + 1];
      const match = next && !next.any ? matchClientLine(next.pattern, actual, false) : undefined;
      if (match?.matches) {
        run.end();
        play.note('C', actual);
        await keepCaptured(play, next, actual, match.captured);
        index += 2;
      } else run.line(actual);
      continue;
    }
    if (actual === '.') break;
    play.note('C', actual);
    received.add(actual);
    const match = want ? matchClientLine(want.pattern, actual, false) : { matches: false as const };
    if (!match.matches) {
      await drainContent(play);
      const shown = want ? shownExpectation(want.pattern) : '.';
      const at = want?.line ?? message.terminator?.line ?? exchangeEnd(message).line;
      play.deviate(at, shown, actual, written ? 'the message content differs' : 'the message has more lines than the transcript');
    }
    if (match.matches && want) await keepCaptured(play, want, actual, match.captured);
    index++;
  }
  if (index === stopAfter) {
    // `{{$any-lines}}` last before `<closed>` takes the whole message: the server closes instead of replying to it.
    if (dotRead) play.note('C', '.');
    if (message.closedByServer) play.note('info', dotRead ? 'the server closes the connection instead of replying to the message' : 'the server stops reading the content after the lines above, and closes the connection');
    return;
  }
  play.note('C', '.');
  if (received.tooLarge) play.judge?.skipMessage(`it is larger than the ${MAX_JUDGED_OCTETS} octets the scripted server holds to judge a message`);
  else play.judge?.addContentLines(received.lines);
  if (index < expected.length) {
    const want = expected[index];
    play.deviate(want.line, shownExpectation(want.pattern), '.', 'the message ended before this line');
  }
}

/** `C: <close>` at `line`: the client drops the connection, inside the content played just before (`cutByClient`) or between commands. */
export async function expectClientClose(play: ContentPlay, previous: Exchange | undefined, line: number): Promise<void> {
  if (isCutByClient(previous)) return expectCloseInContent(play, previous, line);
  if (!(await play.reader.waitForClose(play.timeoutAt(line)))) play.deviate(line, '<close>', '(the connection stayed open)', 'the client did not close the connection');
}

/**
 * `C: <close>` at `line`, as the last line of the content (or chunk) just read: the client must close the connection
 * now. Ending the message with `.`, sending more of it, or staying open is a deviation (RFC 5321 §4.1.1.4: the
 * transcript tests a client that abandons the message).
 */
async function expectCloseInContent(play: ContentPlay, cut: MessageExchange | BdatExchange, line: number): Promise<void> {
  const input = cut.kind === 'message' ? await play.reader.readLine(play.timeoutAt(line)) : await play.reader.waitForInput(play.timeoutAt(line));
  if ('closed' in input) return play.note('info', 'the client closed the connection inside the content, as expected');
  if ('timedOut' in input) play.deviate(line, '<close>', '(the connection stayed open)', `the client neither closed the connection nor sent anything for ${play.timeoutAt(line)} ms`, false);
  if (cut.kind === 'bdat') {
    play.note('info', `${'value' in input ? input.value : 0} more octets of chunk`);
    play.deviate(line, '<close>', '(more octets of the chunk)', 'the client sent more of the chunk than the transcript holds: it expects the client to close the connection inside the chunk');
  }
  if (!('value' in input)) return play.inputProblem(input, line, '<close>');
  const sent = String(input.value);
  play.note('C', sent);
  if (sent === '.') play.deviate(line, '<close>', '.', 'the client ended the message with `.`: the transcript expects it to close the connection inside the content, without the final `.`');
  await drainContent(play);
  play.deviate(line, '<close>', sent, 'the message has more lines than the transcript, which expects the client to close the connection after the line above');
}

/** Keeps what a content line captured; a value no reply may hold is refused at its line, once the message has ended. */
async function keepCaptured(play: ContentPlay, want: ContentLine, actual: string, captured: ReadonlyMap<string, string>): Promise<void> {
  const refused = refusedCapture(captured);
  if (refused) {
    await drainContent(play);
    play.deviate(want.line, shownExpectation(want.pattern), actual, refused);
  }
  play.capture(captured);
}

async function drainContent(play: ContentPlay): Promise<void> {
  for (let n = 0; n < MAX_DRAIN_LINES; n++) {
    const input = await play.reader.readLine(play.timeoutMs);
    if (!('value' in input) || input.value === '.') return;
  }
}

/** `BDAT n [LAST]` then exactly n octets (RFC 3030 §2), compared with the chunk as written. */
export async function expectChunk(play: ContentPlay, bdat: BdatExchange): Promise<void> {
  const commandLine = bdat.command.line;
  const expected = play.expectation(commandLine, false);
  const actual = await play.readLine(commandLine.line, expected, false);
  play.note('C', actual);
  const declared = declaredChunk(actual);
  // `BDAT *` in the file accepts the count the client declares, as it wrote it.
  const pattern = { text: expected.text.replace(/^(\S+\s+)\*/, '$1' + (declared?.written ?? '*')), names: expected.names };
  if (!declared || !matchClientLine(pattern, actual, true).matches) {
    play.deviate(commandLine.line, shownExpectation(expected), actual, `the client sent something other than line ${commandLine.line + 1}`);
  }
  const count = declared.size;
  // The chunk is held in memory to compare: a declared size past the cap is refused before anything is read.
  if (count > MAX_CHUNK_OCTETS) {
    play.deviate(commandLine.line, shownExpectation(expected), actual, `the client declared a chunk of ${count} octets, more than the ${MAX_CHUNK_OCTETS} the scripted server reads`);
  }
  const only = bdat.parts.length === 1 ? bdat.parts[0] : undefined;
  const anyLines = only !== undefined && !isInclude(only) && isAnyLines(only.text);
  const written = anyLines ? undefined : await writtenChunk(play, bdat);
  // RFC 3030 §2: a client that closes the connection inside the chunk (`C: <close>` next) sends only what is written;
  // a server that closes there (`S: <closed>`) reads only that.
  const cut = bdat.cutByClient || bdat.closedByServer;
  const reading = cut && written ? written.length : count;
  const chunk = await play.reader.readOctets(reading, play.timeoutAt(commandLine.line));
  if (!('value' in chunk)) play.inputProblem(chunk, commandLine.line, `${reading} octets of chunk`);
  if (!written) {
    play.note('info', `${count} octets of chunk, accepted whole ({{$any-lines}})`);
    return;
  }
  play.note('info', cut ? `${reading} of the ${count} octets of chunk${bdat.closedByServer ? ', then the server closes the connection' : ''}` : `${count} octets of chunk`);
  play.judge?.addChunk(chunk.value);
  if (!written.equals(chunk.value)) {
    const first = bdat.parts[0];
    const firstLine = first && !isInclude(first) ? first.line : commandLine.line;
    play.deviate(firstLine, `${written.length} octets as written`, `${count} octets that differ`, 'the chunk differs from the transcript');
  }
}

/** The chunk's octets as the transcript writes them (variables resolved, includes read). */
async function writtenChunk(play: ContentPlay, bdat: BdatExchange): Promise<Buffer> {
  const pieces = await Promise.all(
    bdat.parts.map(async (part, k) => {
      if (isInclude(part)) return play.readInclude(play.resolve(part.path.text, part.line).text, part.line);
      const text = play.resolve(part.text, part.line).text;
      return Buffer.from(k === bdat.parts.length - 1 && bdat.endsMidLine ? text : `${text}\r\n`);
    }),
  );
  return Buffer.concat(pieces);
}

/** The octet count a client's `BDAT n [LAST]` line declares (RFC 3030 §2, read by the framing), and its digits as written. */
function declaredChunk(line: string): { size: number; written: string } | undefined {
  const { verb, argument } = wireCommand(line);
  if (argument === undefined || verbOpens(verb) !== 'chunk') return undefined;
  const { size } = parseBdatArgument(argument);
  return typeof size === 'number' ? { size, written: argument.split(' ', 1)[0] } : undefined;
}

/** The content's lines as expected on the wire: written lines (patterns), includes dot-stuffed and split. */
async function contentLines(play: ContentPlay, parts: MessageExchange['parts']): Promise<ContentLine[]> {
  const lines: ContentLine[] = [];
  for (const part of parts) {
    if (!isInclude(part) && isAnyLines(part.text)) {
      lines.push({ line: part.line, pattern: { text: '{{$any-lines}}', names: [] }, any: true });
      continue;
    }
    if (!isInclude(part)) {
      const capturing = takeCaptures(part.text);
      lines.push({ line: part.line, pattern: { text: play.resolve(capturing.text, part.line).text, names: capturing.names } });
      continue;
    }
    const path = play.resolve(part.path.text, part.line).text;
    const bytes = await play.readInclude(path, part.line);
    const text = bytes.toString('utf8').replace(/\r?\n$/, '');
    for (const raw of text.split(/\r?\n/)) {
      // Literal text: a `*` or `{{` in a file is what the client sends, not a pattern.
      const literal = raw.startsWith('.') ? `.${raw}` : raw;
      lines.push({ line: part.line, pattern: { text: literal.replace(/\*/g, '\\*'), names: [] } });
    }
  }
  return lines;
}

/** The lines a message's verdict reads, kept only when messages are judged and up to `MAX_JUDGED_OCTETS`. */
class JudgedContent {
  readonly lines: string[] = [];
  private octets = 0;
  tooLarge = false;

  constructor(private readonly judged: boolean) {}

  add(line: string): void {
    if (!this.judged || this.tooLarge) return;
    this.octets += lineOctets(line) + CRLF_OCTETS;
    if (this.octets > MAX_JUDGED_OCTETS) {
      this.tooLarge = true;
      this.lines.length = 0;
    } else this.lines.push(line);
  }
}

/** The log of one `{{$any-lines}}` run: its first lines, then how many more it accepted. */
class AnyLinesLog {
  private shown = 0;
  private hidden = 0;

  constructor(private readonly play: ContentPlay) {}

  line(text: string): void {
    if (this.shown < ANY_LINES_SHOWN) {
      this.shown++;
      this.play.note('C', text);
    } else this.hidden++;
  }

  end(): void {
    if (this.hidden > 0) this.play.note('info', `${this.hidden} more line${this.hidden === 1 ? '' : 's'} accepted by {{$any-lines}}, not shown`);
    this.shown = 0;
    this.hidden = 0;
  }
}

/** A client that closes where QUIT is due may never send one (Nodemailer does not): the transcript can say so. */
export function closedProblem(expected: string): string {
  return /^QUIT$/i.test(expected) ? 'the client closed the connection without QUIT (for a client that never sends QUIT, write `C: <close>` here)' : 'the client closed the connection';
}
