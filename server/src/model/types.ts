// The transcript model: what `parseTranscript` returns. Positions are 0-based (line, UTF-16 character), as in LSP.
// Every node carries the exact range it came from, so features never re-scan text; a `C:`/`S:` line, of which a
// transcript holds hundreds of thousands, carries where its payload starts, and its ranges follow (lineRanges.ts), as
// an exchange's follows from its lines (exchangeRange.ts).
import type { ParseRuleId } from './parseRuleIds';

import type { Verb } from '../knowledge/verbSpec';
import type { ReplySeparator } from '../dialogue/replyLine';
import type { ServerMarkerName } from '../knowledge/serverFaults';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem found while reading the file's structure (lint rules add their own findings on top). */
export interface ParseDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable public id, e.g. `unknown-line`. */
  code: ParseRuleId;
  message: string;
}

/** A `{{...}}` reference inside a payload or directive value. */
export interface VariableReference {
  /** `user` for `{{user}}`, `$base64` for `{{$base64 ...}}`. */
  name: string;
  /** Raw argument text of a built-in (after the name), unsubstituted. */
  args: string;
  /** The whole `{{...}}`, braces included. */
  range: Range;
  /** Just the name. */
  nameRange: Range;
  /** References nested in the arguments of a built-in. */
  nested: VariableReference[];
}

/** The text after `C:`/`S:` (or a directive value), with where it starts (its range: `payloadRange`, lineRanges.ts). */
export interface Payload {
  text: string;
  /** Where the text starts: its line and (UTF-16) character; it ends on the same line. */
  line: number;
  character: number;
  variables: VariableReference[];
}

export interface Comment {
  line: number;
  text: string;
  range: Range;
  /** Rule ids named by `# smtp-lint-disable-next-line id1 id2` (empty list: every rule). */
  disableNextLine?: string[];
}

export interface Directive {
  name: string;
  nameRange: Range;
  value: Payload;
  range: Range;
}

export type { ReplySeparator };

/** One `S:` line. Its range and the code's, enhanced code's and text's follow from it: lineRanges.ts. */
export interface ReplyLine {
  line: number;
  payload: Payload;
  /** `250`, `2xx`, `25x`; undefined when the line has no code (a parse error) or is `...`/`<closed>`. */
  code?: string;
  /** `-` continues the reply, ` ` or `` ends it. */
  separator: ReplySeparator;
  /** `2.1.0` (or with `x` wildcards) when the text starts with an enhanced status code. */
  enhancedCode?: string;
  /** The text after the code (and enhanced code), possibly empty. */
  text: string;
  /** `S: ...`: any number of further lines (strict mode). */
  isEllipsis: boolean;
}

/**
 * The `S:` lines that form one expected reply (RFC 5321 §4.2). Its range, from its first line to its last, follows from
 * them: `replyRange` (lineRanges.ts).
 */
export interface ReplyExpectation {
  lines: ReplyLine[];
  /** The reply's code as expected (the last line's code, else the first with one). */
  code?: string;
  enhancedCode?: string;
  /** True when the last line continues (`250-`): the reply never ends. */
  unterminated: boolean;
  /** `S: <delay 2s>`, `S: <drip 50ms>`, `S: <cut 10>` written right above the reply: how the scripted server sends it. */
  markers?: ServerMarker[];
}

/** `S: <delay 2s>`, `S: <reset>`...: timing or a fault the scripted server plays (knowledge/serverFaults.ts). */
export interface ServerMarker {
  name: ServerMarkerName;
  line: number;
  range: Range;
  nameRange: Range;
  argument?: { text: string; range: Range };
  /** Milliseconds for a duration, octets for `cut`; undefined when the marker takes none or it is unreadable. */
  value?: number;
}

/**
 * One `C:` line: its payload, the text after `C:`, which starts on the line at `character` (its range, `wholeLineRange`,
 * and its prefix's, `clientPrefixRange`: lineRanges.ts). The line is its own payload, not a holder of one: a transcript
 * holds hundreds of thousands of them, and one object a line instead of two is what a parse allocates less.
 */
export type ClientLine = Payload;

/** `< base64 PATH`, `< quoted-printable PATH`, `< part TYPE PATH`, `< attach TYPE PATH` (MIME without hand-encoding). */
export const MIME_INCLUDE_MODES = ['base64', 'quoted-printable', 'part', 'attach'] as const;
export type MimeIncludeMode = (typeof MIME_INCLUDE_MODES)[number];

export interface MimeInclude {
  mode: MimeIncludeMode;
  modeRange: Range;
  /** `part`/`attach`: the media type written before the path (`text/html;charset=utf-8`); undefined when missing. */
  contentType?: string;
  contentTypeRange?: Range;
}

/** `< ./file.eml` inside DATA/BDAT content. */
export interface Include {
  line: number;
  range: Range;
  path: Payload;
  /** Set for a MIME include: the file goes encoded (and, for part/attach, with its part headers). */
  mime?: MimeInclude;
}

/**
 * A line of message content or an include, in the order written: the `C:` line or the include itself, no wrapper (an
 * include has a `path`, a line none: `isInclude`, contentParts.ts).
 */
export type ContentPart = ClientLine | Include;

export interface Command {
  line: ClientLine;
  /** The verb-table entry's verb (`MAIL` for `mail`); undefined for a verb no table knows. `verbText` keeps the spelling. */
  verb: Verb | undefined;
  verbText: string;
  /** The verb's first character on the line (blanks before it are the lint rule `command-whitespace`'s); its range: `verbRange`. */
  verbStart: number;
  /** Everything after the verb and one space, to the line's end (where it starts: `argumentStart`, `argumentRange`). */
  argument: string;
}

/** Its range, from its first sent line to its last expected reply line: `exchangeRange` (exchangeRange.ts). */
interface ExchangeBase {
  reply?: ReplyExpectation;
  /** Exchanges whose client lines are written together share a group index (RFC 2920 pipelining). */
  pipelineGroup: number;
  /**
   * No reply is written for it, and `S: <closed>` comes while it awaits one: the server closes the connection instead
   * of replying, as a failing server does (RFC 5321 §3.8 allows a close only after 221 or 421). Replay takes that
   * close as the answer; the scripted server closes there.
   */
  answeredByClose?: true;
  /**
   * LMTP (a session opened with LHLO): the further replies to a message's final `.` (or to BDAT LAST) after `reply`,
   * one for each further recipient the server accepted, in RCPT order (RFC 2033 §4.2). Set on those exchanges only.
   */
  recipientReplies?: ReplyExpectation[];
}

export interface GreetingExchange extends ExchangeBase {
  kind: 'greeting';
}

export interface CommandExchange extends ExchangeBase {
  kind: 'command';
  command: Command;
}

/** A line answering a `334` challenge during AUTH (RFC 4954 §4). */
export interface AuthResponseExchange extends ExchangeBase {
  kind: 'auth-response';
  line: ClientLine;
}

/** Message content after `DATA` and `354`, up to and including the `.` line (RFC 5321 §4.1.1.4). */
export interface MessageExchange extends ExchangeBase {
  kind: 'message';
  parts: ContentPart[];
  /** The `C: .` line; undefined when the file ends (or a `S:` comes) before it. */
  terminator?: ClientLine;
  /**
   * The client closes the connection inside the content: the content's last `C: <close>` line, with no content and no
   * `C: .` after it, is the client-close exchange that follows. The message never ends, so no reply answers it and no
   * server may deliver it (RFC 5321 §4.1.1.4: only the final `.` completes a message).
   */
  cutByClient?: true;
  /**
   * `S: <closed>`, or the server's own 421 (RFC 5321 §3.8, the session's `closingNotice`), stands inside the content:
   * the server closes the connection after reading the lines above it, before any `.` (it timed a slow client out, or
   * gave up on an oversized message). The client never ends the message, so no reply answers it and no server
   * delivers it (RFC 5321 §4.1.1.4).
   */
  closedByServer?: true;
  /**
   * Only on a message with no content line and no `.` line (a reply, a fault, `C: <close>` or the end came first):
   * where the 354 that opened it stands, or the line read where that 354 was missing. Its range starts there.
   */
  opening?: Range;
}

/** `BDAT n [LAST]` and its chunk (RFC 3030 §2). */
export interface BdatExchange extends ExchangeBase {
  kind: 'bdat';
  command: Command;
  /** Declared octet count; `'*'` to compute at send time; undefined when unreadable. */
  declaredSize?: number | '*';
  last: boolean;
  parts: ContentPart[];
  /** Octets the written chunk lines hold (includes excluded). */
  chunkOctets: number;
  /** True when the chunk ends right after a line's text (that line's CRLF is not sent). */
  endsMidLine: boolean;
  /**
   * The client closes the connection inside the chunk, short of its declared octets: the chunk's last `C: <close>`
   * line is the client-close exchange that follows. No reply answers the chunk (RFC 3030 §2).
   */
  cutByClient?: true;
  /**
   * `S: <closed>` stands inside the chunk, short of its declared octets: the server closes the connection after reading
   * the octets written above it. No reply answers the chunk, and the message is never complete (RFC 3030 §2).
   */
  closedByServer?: true;
}

/** The text of the `C:` line that drops the connection from the client's side. */
export const CLIENT_CLOSE = '<close>';

/** `S: <closed>`: the server closes the connection there (RFC 5321 §3.8), between exchanges or inside DATA content. */
export const SERVER_CLOSED = '<closed>';

/** `C: <close>`: the client drops the connection (between commands, or inside content: see `cutByClient`). */
export interface ClientCloseExchange extends ExchangeBase {
  kind: 'client-close';
  line: ClientLine;
}

export type Exchange =
  | GreetingExchange
  | CommandExchange
  | AuthResponseExchange
  | MessageExchange
  | BdatExchange
  | ClientCloseExchange;

export interface Session {
  /** From `### name`; undefined for an unnamed session. */
  name?: string;
  /** 0-based index in the file. */
  index: number;
  /** The `###` line, if any. */
  separator?: { line: number; range: Range; nameRange?: Range };
  range: Range;
  /** Directives inside this session, in order (file-level ones are on the transcript). */
  directives: Directive[];
  exchanges: Exchange[];
  /** `S: <closed>`: the line where the server is expected to close the connection (after the `<delay>` above it). */
  expectsClose?: { line: number; range: Range; before?: ServerMarker[] };
  /** `S: <reset>` or `S: <silence>`: the scripted server ends the connection so (after the `<delay>` above it). */
  fault?: { marker: ServerMarker; before: ServerMarker[] };
  /**
   * A `421` that answers no command: the server ends the session on its own (RFC 5321 §3.8: an idle timeout, a
   * shutdown). Its `<delay>` markers say when the scripted server sends it.
   */
  closingNotice?: ReplyExpectation;
  /** Every marker with a known name, in order (for hover and highlighting). */
  serverMarkers?: ServerMarker[];
}

export interface Transcript {
  /** Text split into lines (no line terminators). */
  lines: string[];
  /** Directives before the first session, applying to all. */
  directives: Directive[];
  sessions: Session[];
  comments: Comment[];
  diagnostics: ParseDiagnostic[];
  /**
   * The text started with a byte order mark (U+FEFF), which no line holds: the editor's line 0 counts it as its first
   * character, so an editor's positions on line 0 are one more than the transcript's (features/editorPositions.ts).
   */
  byteOrderMark?: boolean;
}
