// What a client makes anew for each message, written as the built-ins that stand for it (model/builtins.ts), so
// that replay sends values of its own and the scripted server takes whatever the client makes:
// - `Date:` and `Message-ID:` in the header section (RFC 5322 §3.6.1, §3.6.4) as `{{$date}}` and `{{$message-id}}`,
//   and a date-time inside another header field (swaks's default `Subject: test <date>`, a relay's `Received:`) as
//   `{{$date}}`;
// - each MIME boundary as `{{$boundary N}}`, numbered as declared: RFC 2046 §5.1.1 asks each client for one that
//   occurs nowhere in the content, so a transcript holding the captured one would only match that message;
// - the ID clause of a `Received:` field (RFC 5321 §4.4), a relay's queue id, new for each message, as `{{$uuid}}`.
// Only DATA content: a BDAT chunk's octet count is written with it.
import { literalText } from './saslCredentials';

// RFC 2045 §5.1: `boundary=value` among the Content-Type parameters, the value quoted or a token. A folded header
// puts the parameter on a line of its own, so every content line is looked at.
const BOUNDARY_PARAMETER = /(\bboundary\s*=\s*)(?:"([^"\r\n]+)"|([^\s;"]+))/i;
const FRESH_FIELD = /^(Date|Message-Id)\s*:/i;
const RECEIVED_FIELD = /^Received\s*:/i;
// RFC 5321 §4.4: `ID = CFWS "ID" FWS ( Atom / msg-id )`, in a Received field or a line folded from one.
const RECEIVED_ID = /(\bid[ \t]+)([^\s;()]+)/i;
// RFC 5322 §3.3 date-time, names in any case: `[day ","] day month year hh:mm[:ss] zone`, the zone numeric or one of
// the obsolete names of §4.3, and a comment after it (`+0000 (UTC)`), as a client writes the current time.
const DATE_TIME = /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*,\s*)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T)\b(?:\s*\([^()\r\n]*\))?/gi;

/** One message's content, line by line. */
export class ClientMadeValues {
  private readonly boundaries = new Map<string, number>();
  private inHeader = true;
  private skippingFold = false;
  /** The header line is a Received field or a line folded from one. */
  private inReceived = false;

  /** The `C:` payload for a line of content (literal text, a made value as its reference); undefined: left out. */
  payload(text: string): string | undefined {
    if (this.inHeader) {
      if (text === '') this.inHeader = false;
      // The rest of a folded Date or Message-ID: its reference stands for the whole field.
      else if (this.skippingFold && /^[ \t]/.test(text)) return undefined;
      else {
        this.skippingFold = false;
        if (!/^[ \t]/.test(text)) this.inReceived = RECEIVED_FIELD.test(text);
        if (this.inReceived) return receivedLine(text);
        const field = FRESH_FIELD.exec(text);
        if (field) {
          this.skippingFold = true;
          return `${field[0]} ${field[1].toLowerCase() === 'date' ? '{{$date}}' : '{{$message-id}}'}`;
        }
        if (!BOUNDARY_PARAMETER.test(text)) {
          const dated = withDates(text);
          if (dated !== undefined) return dated;
        }
      }
    }
    return this.withBoundaries(text);
  }

  private withBoundaries(text: string): string {
    const declared = BOUNDARY_PARAMETER.exec(text);
    if (declared) {
      const value = declared[2] ?? declared[3];
      const quote = declared[2] !== undefined ? '"' : '';
      const start = declared.index + declared[1].length;
      const end = start + value.length + 2 * quote.length;
      return `${literalText(text.slice(0, start))}${quote}${this.reference(value)}${quote}${literalText(text.slice(end))}`;
    }
    // RFC 2046 §5.1.1: a delimiter line is `--` boundary, `--` after the last part, then optional white space.
    const delimiter = /^--(.+?)(--)?([ \t]*)$/.exec(text);
    const number = delimiter && this.boundaries.get(delimiter[1]);
    if (!delimiter || number === undefined) return literalText(text);
    return `--{{$boundary ${number}}}${delimiter[2] ?? ''}${delimiter[3]}`;
  }

  private reference(boundary: string): string {
    let number = this.boundaries.get(boundary);
    if (number === undefined) this.boundaries.set(boundary, (number = this.boundaries.size + 1));
    return `{{$boundary ${number}}}`;
  }
}

/** A line of a Received field: its ID clause's value as `{{$uuid}}`, its date-time as `{{$date}}`, the rest literal. */
function receivedLine(text: string): string {
  const id = RECEIVED_ID.exec(text);
  if (!id) return withDates(text) ?? literalText(text);
  const start = id.index + id[1].length;
  const end = start + id[2].length;
  return `${withDates(text.slice(0, start)) ?? literalText(text.slice(0, start))}{{$uuid}}${withDates(text.slice(end)) ?? literalText(text.slice(end))}`;
}

/** A header line holding a date-time, each written as `{{$date}}` and the rest as literal text; undefined: none. */
function withDates(text: string): string | undefined {
  let written = '';
  let from = 0;
  for (const found of text.matchAll(DATE_TIME)) {
    written += `${literalText(text.slice(from, found.index))}{{$date}}`;
    from = found.index + found[0].length;
  }
  return from === 0 ? undefined : written + literalText(text.slice(from));
}
