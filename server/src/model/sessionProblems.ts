// The parse problems a session's lines can have, each with its RFC section: what `SessionBuilder` reports where the
// lines do not make the dialogue the format reads.
import type { BdatExchange, ClientLine, ParseDiagnostic, Range, ReplyLine } from './types';
import { argumentRange, wholeLineRange } from './lineRanges';

export function includeOutsideContent(range: Range): ParseDiagnostic {
  return {
    range,
    severity: 'error',
    code: 'include-outside-content',
    message: '`< file` includes message content: it belongs after `C: DATA` and its `S: 354`, or after `C: BDAT`.',
  };
}

export function bdatSizeUnreadable(range: Range): ParseDiagnostic {
  return {
    range,
    severity: 'warning',
    code: 'bdat-size-unreadable',
    message: 'Expected `BDAT <octets> [LAST]` (RFC 3030 §2); without a readable size the chunk cannot be framed.',
  };
}

export function bdatSizeMismatch(exchange: BdatExchange, declared: number): ParseDiagnostic {
  return {
    range: argumentRange(exchange.command),
    severity: 'error',
    code: 'bdat-size-mismatch',
    message: `BDAT declares ${declared} octets but the chunk written below holds ${exchange.chunkOctets} (each line counts its text plus CRLF; RFC 3030 §2). Use \`BDAT *${exchange.last ? ' LAST' : ''}\` to have the count computed.`,
  };
}

export function dataReplyMissing(range: Range): ParseDiagnostic {
  return {
    range,
    severity: 'warning',
    code: 'data-reply-missing',
    message: 'Expected `S: 354 ...` after `C: DATA`: message content starts only after the server says 354 (RFC 5321 §4.1.1.4).',
  };
}

/** `closeAsContent`: a `C: <close>` line of the content, read as content because more content follows it. */
export function dataUnterminated(range: Range, closeAsContent?: ClientLine): ParseDiagnostic {
  const close = closeAsContent
    ? ` The \`C: <close>\` on line ${closeAsContent.line + 1} is a line of the content: the client closes the connection inside the content only with \`C: <close>\` as its last line.`
    : '';
  return {
    range,
    severity: 'error',
    code: 'data-unterminated',
    message: `Message content must end with a line \`C: .\` before the server's reply (RFC 5321 §4.1.1.4).${close}`,
  };
}

export function replyWithoutCommand(range: Range): ParseDiagnostic {
  return {
    range,
    severity: 'error',
    code: 'reply-without-command',
    message: 'No command awaits this reply: every `S:` reply answers the greeting or a `C:` line above it.',
  };
}

/** An `S:` after `C: <close>`: the client has gone, so no reply to the close is ever read. */
export function replyAfterClientClose(range: Range, closeLine: number): ParseDiagnostic {
  return {
    range,
    severity: 'error',
    code: 'reply-without-command',
    message: `Nothing answers \`C: <close>\`: the client closed the connection on line ${closeLine + 1}, so it reads no reply after it (replay and the mock never use this line). Remove it, or end the session with \`C: QUIT\` and its \`221\` (RFC 5321 §4.1.1.10).`,
  };
}

/** `lines`: the reply's lines so far, its last one continuing (`-`, or `S: ...`). */
export function replyUnterminated(lines: readonly ReplyLine[]): ParseDiagnostic {
  const last = lines[lines.length - 1];
  const code = lines.find((line) => line.code !== undefined)?.code ?? '250';
  return {
    range: wholeLineRange(last),
    severity: 'error',
    code: 'reply-unterminated',
    message: last.isEllipsis
      ? `This reply never ends: \`S: ...\` stands for lines inside a reply, and its last line is still to come. Add it below (\`S: ${code} *\` matches any text), or write the whole reply as \`S: ${code} *\`, which matches a reply of any number of lines (RFC 5321 §4.2.1).`
      : `This reply never ends: its last line continues with \`-\`; write the final line with a space (\`S: ${last.code ?? '250'} ...\`, RFC 5321 §4.2.1).`,
  };
}

/** `ended`: where the connection closed and by what. */
export function lineAfterClose(at: Range, ended: { line: number; what: string }): ParseDiagnostic {
  return {
    range: at,
    severity: 'error',
    code: 'line-after-close',
    message: `The connection is closed at line ${ended.line + 1} (${ended.what}): start a new session with \`###\` to continue.`,
  };
}
