// A message's MIME structure read from its literal lines (RFC 2045, RFC 2046): each entity's header fields, its
// Content-Type and Content-Transfer-Encoding, and for multipart entities the parts between the boundary lines.
// An include is opaque: a MIME `< part`/`< attach` include is a whole part, any other hides what it holds.
import { fieldNameLength } from '../../messageSections';
import { startsWithBlank } from '../textScan';
import type { MessageLine, MessagePart } from './sentMessages';

export interface HeaderField {
  name: string;
  /** Unfolded (RFC 5322 §2.2.3). */
  value: string;
  lines: MessageLine[];
  hasReferences: boolean;
}

/**
 * Parts `[start, end)` of a message, read in place: an entity's body is most of a message (a 100k-line attachment),
 * and a copy of it on every lint of the message was most of what the lint allocated.
 */
export interface PartSpan {
  readonly parts: readonly MessagePart[];
  readonly start: number;
  readonly end: number;
}

export interface MimeEntity {
  headers: HeaderField[];
  /** False when an include or a reference makes the header section unknown. */
  headersKnown: boolean;
  body: PartSpan;
}

/** All of `parts`, as a span. */
export function wholeSpan(parts: readonly MessagePart[]): PartSpan {
  return { parts, start: 0, end: parts.length };
}

export function readEntity({ parts, start, end }: PartSpan): MimeEntity {
  const headers: HeaderField[] = [];
  let known = true;
  let at = start;
  for (; at < end; at++) {
    const part = parts[at];
    if (part.kind === 'include') {
      known = false;
      break;
    }
    if (part.text === '') {
      at++;
      break;
    }
    const previous = headers[headers.length - 1];
    if (startsWithBlank(part.text) && previous) {
      previous.value += part.text;
      previous.lines.push(part);
      previous.hasReferences ||= part.hasReferences;
      continue;
    }
    const field = readField(part.text);
    if (!field) {
      // Not a header field: the body starts here (header-syntax reports it).
      break;
    }
    headers.push({ name: field.name, value: field.value, lines: [part], hasReferences: part.hasReferences });
  }
  return { headers, headersKnown: known, body: { parts, start: at, end } };
}

/** `Name : value` (RFC 5322 §3.6.8: field-name = 1*ftext; spaces before the colon tolerated), the value trimmed. */
function readField(text: string): { name: string; value: string } | undefined {
  const nameLength = fieldNameLength(text);
  if (nameLength === 0) return undefined;
  let colon = nameLength;
  while (startsWithBlank(text.charAt(colon))) colon++;
  if (text.charCodeAt(colon) !== 0x3a) return undefined;
  return { name: text.slice(0, nameLength), value: text.slice(colon + 1).trim() };
}

export function header(entity: MimeEntity, name: string): HeaderField | undefined {
  const lower = name.toLowerCase();
  // Field names are ASCII (RFC 5322 §3.6.8), whose case does not change their length: a name of another length is not
  // lower-cased (three lookups per message, each of which lower-cased every field name).
  return entity.headers.find((h) => h.name.length === lower.length && h.name.toLowerCase() === lower);
}

export interface ContentType {
  type: string;
  params: Map<string, string>;
}

/** `multipart/alternative; boundary="b1"` -> type and lower-cased parameter names (RFC 2045 §5.1). */
export function parseContentType(value: string): ContentType | undefined {
  const [typeText, ...rest] = splitParameters(value.replace(/\([^)]*\)/g, ''));
  const type = typeText.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return undefined;
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    let paramValue = param.slice(eq + 1).trim();
    if (paramValue.startsWith('"') && paramValue.endsWith('"') && paramValue.length >= 2) paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    params.set(param.slice(0, eq).trim().toLowerCase(), paramValue);
  }
  return { type, params };
}

/** Splits at `;` outside quoted strings. */
function splitParameters(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\' && quoted) {
      current += char + (value[i + 1] ?? '');
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += char;
  }
  out.push(current);
  return out;
}

/** The body of a multipart entity split at its boundary lines (RFC 2046 §5.1.1). */
export interface MultipartBody {
  parts: PartSpan[];
  delimiters: MessageLine[];
  close?: MessageLine;
}

const TRAILING_BLANKS = /[ \t]+$/;

export function splitMultipart(body: PartSpan, boundary: string): MultipartBody {
  const result: MultipartBody = { parts: [], delimiters: [] };
  const delimiter = `--${boundary}`;
  const close = `--${boundary}--`;
  const { parts, end } = body;
  // Where the part being read starts (after the last delimiter line): -1 in the preamble and after the close. Parts
  // are spans of the body, not copies (an attachment is most of a message).
  let start = -1;
  for (let i = body.start; i < end && !result.close; i++) {
    const part = parts[i];
    // Only a line starting with the delimiter can be one: the others (nearly all) are read no further.
    if (part.kind !== 'line' || !part.text.startsWith(delimiter)) continue;
    // Transport padding (spaces and tabs) may follow a boundary line.
    const text = part.text.replace(TRAILING_BLANKS, '');
    if (text !== close && text !== delimiter) continue;
    if (start >= 0) result.parts.push({ parts, start, end: i });
    if (text === close) {
      result.close = part;
      start = -1;
    } else {
      result.delimiters.push(part);
      start = i + 1;
    }
  }
  if (start >= 0) result.parts.push({ parts, start, end });
  return result;
}
