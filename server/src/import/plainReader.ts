// A terminal log of a hand-typed session (telnet, nc, `openssl s_client`) -> capture events.
// Nothing marks who said what, so this is a heuristic: outside message content a line starting with a three-digit
// code (RFC 5321 §4.2: `250-`, `250 ` or just `250`) is the server's, every other line the client's; between a
// 354 reply and the `.` line everything is content, and so are the n octets after `BDAT n`. The tools' own lines
// are recognized and left out.
import { replyOpens, verbOpens, wireCommand, type ReplyTarget } from '../dialogue/dialogueState';
import { countChunkLine, parseBdatArgument, startChunk, type ChunkCount } from '../dialogue/framing';
import { helloName } from '../dialogue/helloName';
import { continuesReply, splitReplyLine } from '../dialogue/replyLine';
import { GREETING_REPLY_CODES } from '../knowledge/replyCodes';
import { lookupVerb } from '../knowledge/verbs';
import type { CaptureEvent, CaptureReading, ImportProblem } from './importTypes';
import { connectionClosed, isOpensslCertificateCheck, readToolCommand, telnetTrying, TerminalNoise, type ToolCommand } from './terminalNoise';


const DATA_COMMAND: ReplyTarget = { kind: 'command', verb: 'DATA' };

/** A line the server sends first, as the format reads a reply: a code, then `-`, a space or nothing (RFC 5321 §4.2). */
export function isReplyLine(text: string): boolean {
  return splitReplyLine(text, 'wire') !== undefined;
}

/** RFC 5321 §4.3.1: the greeting that says the server is ready. */
function isGreetingCode(code: string): boolean {
  return GREETING_REPLY_CODES.success.includes(Number(code));
}

/** `DATA` alone on the line (spaces after it allowed): the command whose 354 opens the content. */
function isDataLine(text: string): boolean {
  const verb = text.trimEnd();
  return !/\s/.test(verb) && verbOpens(lookupVerb(verb)?.verb) === 'content';
}

/** The octets `BDAT n` or `BDAT n LAST` declares (RFC 3030 §2), and the EHLO keyword it needs; undefined for any other line. */
function declaredChunk(text: string): { size: number; extension?: string } | undefined {
  const { verb, argument } = wireCommand(text);
  if (argument === undefined || verbOpens(verb) !== 'chunk') return undefined;
  const size = parseBdatArgument(argument).size;
  return typeof size === 'number' ? { size, extension: lookupVerb(verb!)?.extension } : undefined;
}

/** s_client's default EHLO argument (OpenSSL 3) when neither `-name` nor a later EHLO tells another. */
const opensslDefaultEhlo = 'mail.example.com';

export function readPlain(lines: string[]): CaptureReading {
  const events: CaptureEvent[] = [];
  const problems: ImportProblem[] = [
    {
      severity: 'info',
      message:
        'read as a plain log, a heuristic: lines starting with a three-digit code are server replies, the others client lines, and everything between a 354 reply and the "." line, or in the octets a BDAT command declares, is message content',
    },
  ];
  const noise = new TerminalNoise();
  let command: ToolCommand | undefined;
  let handshakeAt: number | undefined;
  let preambleEhlo: Extract<CaptureEvent, { kind: 'sent' }> | undefined;
  let droppingReplies = false;
  // Where the replies left out after s_client's handshake began, and how many ended: one is what s_client printed of
  // its own EHLO; more answered commands the log does not show.
  let dropped = { from: 0, replies: 0 };
  const endDropping = (): void => {
    if (droppingReplies && dropped.replies > 1) {
      problems.push({
        line: dropped.from + 1,
        severity: 'warning',
        message: `s_client printed ${dropped.replies} replies after its handshake to commands the log does not show (it does not echo commands piped into it); they were left out: capture the session typed in a terminal`,
      });
    }
    droppingReplies = false;
  };
  let inContent = false;
  let dataSent = false;
  /** The BDAT chunk being read: its lines, typed as they are, until the octets its command declares are counted. */
  let chunk: { count: ChunkCount; offered: boolean } | undefined;
  // RFC 5321 §4.1.1.1: the words that start the lines of the reply to the last EHLO, its keywords among them; an EHLO
  // after STARTTLS or on a new connection learns them afresh.
  let offered = new Set<string>();
  let ehloReply = false;
  // Whether an SMTP line came since the last connection began: a certificate check before any is s_client's handshake.
  let sessionStarted = false;

  lines.forEach((text, line) => {
    // RFC 3030 §2: the chunk is octets, whatever its lines look like (a reply code, a blank line, a tool's words), and
    // the server answers BDAT after them. A reply before the first, from a server that did not offer CHUNKING,
    // answered the command alone: that server read no chunk.
    if (chunk && !chunk.count.done && (chunk.offered || chunk.count.octets > 0 || !isReplyLine(text))) {
      chunk.count = countChunkLine(chunk.count, text);
      return events.push({ kind: 'sent', line, text });
    }
    chunk = undefined;
    const tool = inContent ? undefined : readToolCommand(text);
    if (tool) {
      command = tool;
      sessionStarted = false;
      // s_client's handshake follows its command line; `-quiet` prints no CONNECTED( block to say when it is done.
      if (tool.tool === 'openssl') handshakeAt = line;
      return events.push({ kind: 'connect', line, host: tool.host, port: tool.port });
    }
    // Message content is taken as typed: a body may hold a `---` line.
    const kind = inContent ? undefined : noise.classify(text);
    if (kind === 'openssl-block' && text.startsWith('CONNECTED(')) {
      events.push({ kind: 'connect', line, host: command?.host, port: command?.port });
      handshakeAt = line;
      sessionStarted = false;
      return undefined;
    }
    // `s_client -quiet` without its command line in the log (run under `script`, pasted from a terminal): the
    // certificate check is all there is to say a handshake came before the first SMTP line.
    if (kind === 'line' && handshakeAt === undefined && !sessionStarted && isOpensslCertificateCheck(text)) handshakeAt = line;
    if (kind === 'line' && /^(DONE|RENEGOTIATING)$/.test(text)) dropCommandLetterLine(events, problems, text);
    if (kind) return undefined;
    const trying = inContent ? null : telnetTrying.exec(text);
    if (trying) return events.push({ kind: 'connect', line, host: trying[1], port: command?.port });
    if (!inContent && connectionClosed.test(text)) return events.push({ kind: 'closed', line });

    const reply = inContent ? undefined : splitReplyLine(text, 'wire');
    if (reply || text.trim() !== '') sessionStarted = true;
    if (handshakeAt !== undefined && (reply || text.trim() !== '')) {
      // The first SMTP line after s_client's handshake: a 220 greeting means TLS from the first byte (RFC 8314);
      // anything else means s_client ran EHLO and STARTTLS itself (`-starttls smtp`) and printed none of it.
      if (reply && isGreetingCode(reply.code) && !command?.starttls) events.push({ kind: 'tls', line: handshakeAt });
      else {
        preambleEhlo = { kind: 'sent', line: handshakeAt, text: `EHLO ${command?.ehloName ?? opensslDefaultEhlo}` };
        for (const added of starttlsPreamble(handshakeAt, preambleEhlo)) events.push(added);
        droppingReplies = true;
        dropped = { from: line, replies: 0 };
      }
      handshakeAt = undefined;
    }
    if (reply) {
      if (droppingReplies) {
        problems.push({ line: line + 1, severity: 'info', message: `a reply s_client printed after its handshake, to none of the typed commands; left out` });
        if (!continuesReply(reply.separator)) dropped.replies++;
        return undefined;
      }
      events.push({ kind: 'received', line, text });
      if (ehloReply) offered.add(reply.text.trim().split(' ', 1)[0].toUpperCase());
      if (!continuesReply(reply.separator)) {
        ehloReply = false;
        inContent = dataSent && replyOpens(DATA_COMMAND, reply.code, 'listed') === 'content';
        dataSent = false;
      }
      return undefined;
    }
    if (!inContent && text.trim() === '') return undefined;
    if (inContent && text === '.') inContent = false;
    else if (!inContent) {
      dataSent = isDataLine(text);
      ehloReply = helloName(text) !== undefined;
      if (ehloReply) offered = new Set();
      const declared = declaredChunk(text);
      if (declared) chunk = { count: startChunk(declared.size), offered: declared.extension !== undefined && offered.has(declared.extension) };
      const hello = helloName(text);
      if (hello !== undefined && preambleEhlo && droppingReplies) preambleEhlo.text = `EHLO ${command?.ehloName ?? hello}`;
    }
    endDropping();
    return events.push({ kind: 'sent', line, text });
  });
  endDropping();
  if (preambleEhlo) {
    const at = preambleEhlo.line + 1;
    const added = ['S: 220 *', `C: ${preambleEhlo.text}`, 'S: 250 *', 'C: STARTTLS', 'S: 220 *'].map((l) => `"${l}"`).join(', ');
    problems.push({
      line: at,
      severity: 'info',
      message: `openssl s_client -starttls smtp exchanged the greeting, EHLO and STARTTLS before printing anything; they were added as ${added}`,
    });
  }
  return { events, problems };
}

/**
 * s_client reads a typed line starting with Q as "quit" and one starting with R as "renegotiate" (unless run with
 * -ign_eof, -quiet or -nocommands): that line never reached the server, so it leaves the transcript.
 */
function dropCommandLetterLine(events: CaptureEvent[], problems: ImportProblem[], text: string): void {
  const last = events[events.length - 1];
  const letter = text === 'DONE' ? 'Q' : 'R';
  if (last?.kind !== 'sent' || !last.text.startsWith(letter)) return;
  events.pop();
  problems.push({
    line: last.line + 1,
    severity: 'warning',
    message: `openssl s_client took "${last.text}" for its own command ${letter} (${letter === 'Q' ? 'quit' : 'renegotiate'}) and did not send it, so it was left out; run s_client with -ign_eof or -nocommands, or type commands in lower case`,
  });
}

function starttlsPreamble(line: number, ehlo: CaptureEvent): CaptureEvent[] {
  return [
    { kind: 'received', line, text: '220 *' },
    ehlo,
    { kind: 'received', line, text: '250 *' },
    { kind: 'sent', line, text: 'STARTTLS' },
    { kind: 'received', line, text: '220 *' },
    { kind: 'tls', line },
  ];
}
