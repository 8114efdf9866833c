// A file that is no text at all (an image, an archive, a mail store opened by mistake): one diagnostic says so, instead
// of an unknown-line error for every fragment between its newline bytes.
import { range, splitLines } from './ranges';
import type { Transcript } from './types';

// Like git, judge by the start of the file: a text file does not turn binary later.
const SAMPLE_LENGTH = 8000;
/**
 * Above this share of NULs and other control characters (or bytes that were no UTF-8) the sample is not text; a few
 * stray ones (a captured NUL, an escape sequence) do not make a transcript binary.
 */
const MAX_ODD_SHARE = 0.1;
const MIN_ODD = 8;

export function looksBinary(text: string): boolean {
  const sample = text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Tab, LF, FF and CR are text; U+FFFD stands for bytes the decoder could not read as UTF-8.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) odd++;
  }
  return odd >= MIN_ODD && odd > sample.length * MAX_ODD_SHARE;
}

/** The transcript is `binaryTranscript`'s: the file is no text, and nothing in it is to be read (or formatted). */
export function isBinaryTranscript(transcript: Transcript): boolean {
  return transcript.diagnostics.length === 1 && transcript.diagnostics[0].code === 'not-a-transcript';
}

/** The transcript of a file that is not text: no sessions, one error, nothing else read. */
export function binaryTranscript(text: string): Transcript {
  const lines = splitLines(text);
  return {
    lines,
    directives: [],
    sessions: [],
    comments: [],
    diagnostics: [
      {
        range: range(0, 0, Math.min(lines[0].length, 1)),
        severity: 'error',
        code: 'not-a-transcript',
        message: 'This does not look like a text transcript: it holds NUL bytes or mostly control characters. A `.smtp` file is UTF-8 text: `C:` lines the client sends, `S:` lines the server replies.',
      },
    ],
  };
}

/**
 * The text starts with a byte order mark (U+FEFF), as an editor's text may: a mark of the encoding, no character of
 * line 1 (`decodeTranscript` drops it from a file's bytes; the parse drops it from text).
 */
export function startsWithByteOrderMark(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/** A transcript's bytes read as text, and the lines (0-based) whose bytes were not valid UTF-8. */
export interface DecodedTranscript {
  text: string;
  /** Lines holding bytes that are not UTF-8 (each shows U+FFFD in `text`); empty for a clean file. */
  invalidUtf8Lines: number[];
  /** The byte order mark the file started with (not in `text`): what a writer of the file puts back. */
  byteOrderMark?: 'utf-8' | 'utf-16le' | 'utf-16be';
}

/**
 * The one decoding of transcript bytes (CLI lint, replay and import): UTF-8, a byte order mark dropped (editors hide
 * it too, so that line 1 reads as written), and the lines where bytes could not be decoded, so that lint can say so
 * and replay can refuse to send a U+FFFD in their place. A file starting with a UTF-16 byte order mark is UTF-16.
 */
export function decodeTranscript(bytes: Uint8Array): DecodedTranscript {
  // A UTF-16 file with its byte order mark (what PowerShell's `>` writes) is read as UTF-16, as editors read it.
  const utf16 = utf16Encoding(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), invalidUtf8Lines: [], byteOrderMark: utf16 };
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  const mark = hasBom ? { byteOrderMark: 'utf-8' as const } : {};
  if (!text.includes('\ufffd')) return { text, invalidUtf8Lines: [], ...mark };
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const invalidUtf8Lines: number[] = [];
  // Lines end as `splitLines` ends them (CRLF, CR or LF); no UTF-8 sequence holds either byte.
  let line = 0;
  let start = 0;
  const check = (end: number) => {
    try {
      strict.decode(body.subarray(start, end));
    } catch {
      invalidUtf8Lines.push(line);
    }
    line++;
  };
  for (let at = 0; at < body.length; at++) {
    const byte = body[at];
    if (byte !== 0x0a && byte !== 0x0d) continue;
    check(at);
    if (byte === 0x0d && body[at + 1] === 0x0a) at++;
    start = at + 1;
  }
  check(body.length);
  return { text, invalidUtf8Lines, ...mark };
}

/** The UTF-16 encoding a file's byte order mark names (FF FE: little-endian, FE FF: big-endian), if it starts with one. */
export function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}
