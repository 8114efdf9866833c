// Text from a server (or a file) shown on a terminal or in an editor's log: control characters and escape
// sequences would be obeyed by the terminal (colours, titles, cursor moves, cleared lines), so a server could
// forge or hide output. They are shown as `\x1b`, `\x07`, bidirectional overrides as `\u202e`.
import { HAS_INVISIBLE_CHARACTER, INVISIBLE_CHARACTERS } from '../model/invisibleCharacters';

export function visibleText(text: string): string {
  if (!HAS_INVISIBLE_CHARACTER.test(text)) return text;
  return text.replace(INVISIBLE_CHARACTERS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
