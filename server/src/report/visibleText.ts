// Text from a server (or a file) shown on a terminal or in an editor's log: control characters and escape
// sequences would be obeyed by the terminal (colours, titles, cursor moves, cleared lines), so a server could
// forge or hide output. They are shown as `\x1b`, `\x07`, bidirectional overrides as `\u202e`.
import { HAS_INVISIBLE_CHARACTER, visibleText } from '../model/invisibleCharacters';

export { visibleText };

// Past the longest line SMTP allows (998 octets, RFC 5322 §2.1.1): a line of a negative test, or a client's, that
// would fill a terminal or an editor's hover for screens.
const LONGEST_SHOWN = 1000;

/** `visibleText` of one expected or actual line, cut after 1000 characters with how many more there were. */
export function shownLine(text: string): string {
  if (text.length <= LONGEST_SHOWN) return visibleText(text);
  return `${visibleText(text.slice(0, LONGEST_SHOWN))}… (+${text.length - LONGEST_SHOWN} characters)`;
}

/**
 * Text for an XML report (JUnit): each line made visible as the text reporter shows it (a server's CR or escape
 * sequence as `\x0d`, `\x1b`: `cat` of the report must not rewrite the terminal, and XML 1.0 allows no C0 control
 * but tab and line breaks), then the markup characters escaped.
 */
export function xmlText(text: string): string {
  const visible = HAS_INVISIBLE_CHARACTER.test(text) ? text.split('\n').map(visibleText).join('\n') : text;
  return visible.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
