// The MIME boundaries of a message a client sent, written as `{{$boundary N}}` (model/builtins.ts): each client makes
// its own (RFC 2046 §5.1.1 asks for one that occurs nowhere in the content), so a transcript holding the captured one
// would only match that message. Written as a reference, replay sends a boundary of its own and the scripted server
// takes whatever boundary the client makes. Only DATA content: a BDAT chunk's octet count is written with it.
import { literalText } from './saslCredentials';

// RFC 2045 §5.1: `boundary=value` among the Content-Type parameters, the value quoted or a token. A folded header
// puts the parameter on a line of its own, so every content line is looked at.
const BOUNDARY_PARAMETER = /(\bboundary\s*=\s*)(?:"([^"\r\n]+)"|([^\s;"]+))/i;

/** One message's boundaries, numbered as they are declared; `payload` gives each content line as it is written. */
export class MimeBoundaries {
  private readonly numbers = new Map<string, number>();

  /** The `C:` payload for a line of content: literal text, a declared boundary as its reference. */
  payload(text: string): string {
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
    const number = delimiter && this.numbers.get(delimiter[1]);
    if (!delimiter || number === undefined) return literalText(text);
    return `--{{$boundary ${number}}}${delimiter[2] ?? ''}${delimiter[3]}`;
  }

  private reference(boundary: string): string {
    let number = this.numbers.get(boundary);
    if (number === undefined) this.numbers.set(boundary, (number = this.numbers.size + 1));
    return `{{$boundary ${number}}}`;
  }
}
