// Framing: what kind of line is this? Decided by the first characters alone (docs/transcript-format.md, "Line kinds").
import { looksLikeReplyLine } from '../dialogue/replyLine';
import { range } from './ranges';
import type { MimeIncludeMode, Range } from './types';

export type ClassifiedLine =
  | { kind: 'blank' }
  | { kind: 'comment'; text: string }
  | { kind: 'separator'; name?: string; nameStart: number }
  | { kind: 'directive'; name: string; nameStart: number; value: string; valueStart: number }
  | { kind: 'bad-directive'; message: string; range: Range }
  | { kind: 'client' | 'server'; payload: string; payloadStart: number; prefixEnd: number }
  | { kind: 'include'; path: string; pathStart: number; mime?: ClassifiedMime }
  | { kind: 'unknown'; message: string };

const DIRECTIVE = /^@([A-Za-z_][\w.-]*)\s*(=)?\s*/;
const COLON = 0x3a;
const SPACE = 0x20;

export interface ClassifiedMime {
  mode: MimeIncludeMode;
  modeStart: number;
  contentType?: string;
  contentTypeStart?: number;
}

// `< part text/html ./body.html`: a mode word, for part/attach a media type (RFC 2045 §5.1, no spaces), then the path.
const MIME_MODE = /^(base64|quoted-printable|part|attach)[ \t]+/i;
const MEDIA_TYPE_TOKEN = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?:;[^\s;]+)*(?=[ \t])/;

function classifyInclude(text: string): ClassifiedLine {
  const afterMarker = text.slice(1);
  const lead = afterMarker.length - afterMarker.trimStart().length;
  let at = 1 + lead;
  const mode = MIME_MODE.exec(text.slice(at));
  let mime: ClassifiedMime | undefined;
  if (mode) {
    mime = { mode: mode[1].toLowerCase() as MimeIncludeMode, modeStart: at };
    at += mode[0].length;
    if (mime.mode === 'part' || mime.mode === 'attach') {
      const type = MEDIA_TYPE_TOKEN.exec(text.slice(at));
      if (type) {
        mime.contentType = type[0];
        mime.contentTypeStart = at;
        at += type[0].length;
        at += text.slice(at).length - text.slice(at).trimStart().length;
      }
    }
  }
  const path = text.slice(at).trim();
  return { kind: 'include', path, pathStart: path === '' ? text.length : text.indexOf(path, at), ...(mime ? { mime } : {}) };
}

// Reads stay inside the line (its length is checked first): a read past the end of a short line makes V8 drop the
// optimized code of the function, and of the parse loop it is inlined into, to compile it again.

/** `C:` or `S:` (any case) starts the line: whose line it is; checked by character, as every line of a transcript is. */
export function lineSide(text: string): 'client' | 'server' | undefined {
  if (text.length < 2 || text.charCodeAt(1) !== COLON) return undefined;
  const first = text.charCodeAt(0);
  if (first === 0x43 || first === 0x63) return 'client';
  return first === 0x53 || first === 0x73 ? 'server' : undefined;
}

/** Where the payload of a `C:`/`S:` line starts: after the prefix and one optional space. */
export function payloadStartOf(text: string): number {
  return text.length > 2 && text.charCodeAt(2) === SPACE ? 3 : 2;
}

export function classifyLine(text: string, line: number): ClassifiedLine {
  // A `C:`/`S:` line is never blank: asked first, as most lines are one.
  const side = lineSide(text);
  if (side) {
    const payloadStart = payloadStartOf(text);
    return { kind: side, payload: text.slice(payloadStart), payloadStart, prefixEnd: 2 };
  }
  if (text.trim() === '') return { kind: 'blank' };
  const first = text.charCodeAt(0);
  if (text.startsWith('###')) {
    const rest = text.slice(3).replace(/^#*/, '');
    const name = rest.trim();
    return { kind: 'separator', name: name || undefined, nameStart: text.length - rest.trimStart().length };
  }
  if (first === 0x23 /* # */) return { kind: 'comment', text };
  if (first === 0x40 /* @ */) return classifyDirective(text, line);
  if (text.startsWith('<') && !text.startsWith('<-')) {
    return classifyInclude(text);
  }
  return { kind: 'unknown', message: unknownLineMessage(text) };
}

function classifyDirective(text: string, line: number): ClassifiedLine {
  const match = DIRECTIVE.exec(text);
  if (!match) {
    return {
      kind: 'bad-directive',
      message: 'Expected a directive name after `@`: a letter or `_`, then letters, digits, `_`, `-` or `.` (`@server = 127.0.0.1`).',
      range: range(line, 0, text.length),
    };
  }
  if (!match[2]) {
    return {
      kind: 'bad-directive',
      message: `Expected \`=\` after \`@${match[1]}\`: write \`@${match[1]} = value\`.`,
      range: range(line, match[0].length, text.length),
    };
  }
  const value = text.slice(match[0].length).trimEnd();
  return { kind: 'directive', name: match[1], nameStart: 1, value, valueStart: match[0].length };
}

/**
 * What a line of no known kind most likely meant, read from its first characters: its message says it, and lint's
 * quick fix writes it (features/lint/parseFixes.ts). `payload` is the text a `C:`/`S:` line would carry.
 */
export type UnknownLineGuess =
  | { kind: 'reply' | 'command'; payload: string }
  /** swaks's `-> ` / `~> ` (sent, in clear or over TLS) and `<-  ` / `<~  ` (received) lines. */
  | { kind: 'swaks'; side: 'client' | 'server'; payload: string }
  /** swaks's own `***` notes, and smtplib's `send:` / `reply:` debug lines (Python reprs): no line to write. */
  | { kind: 'swaks-note' | 'smtplib' }
  | { kind: 'none' };

const SWAKS_ARROW = /^(->|<-|~>|<~)/;

export function guessUnknownLine(text: string): UnknownLineGuess {
  const trimmed = text.trimStart();
  if (looksLikeReplyLine(trimmed)) return { kind: 'reply', payload: trimmed };
  const arrow = SWAKS_ARROW.exec(trimmed);
  if (arrow) {
    const rest = trimmed.slice(2);
    // swaks writes one blank after a client arrow (the rest is the line as sent) and two after a server arrow.
    return arrow[1] === '->' || arrow[1] === '~>' ? { kind: 'swaks', side: 'client', payload: rest.startsWith(' ') ? rest.slice(1) : rest } : { kind: 'swaks', side: 'server', payload: rest.trimStart() };
  }
  if (trimmed.startsWith('***')) return { kind: 'swaks-note' };
  if (/^(send|reply|data):/.test(trimmed)) return { kind: 'smtplib' };
  if (/^[A-Za-z]{4}\b/.test(trimmed)) return { kind: 'command', payload: trimmed };
  return { kind: 'none' };
}

function unknownLineMessage(text: string): string {
  const guess = guessUnknownLine(text);
  switch (guess.kind) {
    case 'reply':
      return `Expected a line prefix: did you mean \`S: ${guess.payload}\`?`;
    case 'swaks':
    case 'swaks-note':
      return 'This looks like a swaks transcript line: write what the client sends as `C: ...` and what the server replies as `S: ...`.';
    case 'smtplib':
      return 'This looks like smtplib debug output: write what the client sends as `C: ...` and what the server replies as `S: ...`.';
    case 'command':
      return `Expected a line prefix: did you mean \`C: ${guess.payload}\`?`;
    case 'none':
      return 'Expected `C:` (client sends), `S:` (server replies), `#` (comment), `@name = value` (directive), `###` (new session) or a blank line.';
  }
}
