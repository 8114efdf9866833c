// What `{{$capture name}}` keeps is text for the `S:` lines below. A value holding a control character would carry it
// into a reply's text, which RFC 5321 §4.2 forbids (a bare CR that the client reads as a line end, an ESC that its
// terminal obeys): the scripted server refuses the client's line that carried it instead, and the play ends there.
import { replyTextControlCharacter } from '../dialogue/replyLine';

/** Why the captured values cannot be kept, naming the capture and the character; undefined when they can. */
export function refusedCapture(captured: ReadonlyMap<string, string>): string | undefined {
  for (const [name, value] of captured) {
    const control = replyTextControlCharacter(value);
    if (control !== undefined) {
      return `the client sent a control character (${characterName(control)}) where {{$capture ${name}}} takes text for the replies (RFC 5321 §4.2: a reply's text holds none but HT)`;
    }
  }
  return undefined;
}

const NAMES: Readonly<Record<string, string>> = { '\0': 'NUL', '\n': 'LF', '\r': 'CR', '\x1b': 'ESC', '\x7f': 'DEL' };

function characterName(character: string): string {
  return NAMES[character] ?? `0x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
