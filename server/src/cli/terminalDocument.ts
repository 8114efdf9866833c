// A document a command prints (import's transcript, export's command) may hold control characters it carries as they
// were sent: a client's escape sequence in a command line or message content, which the file must keep. A terminal
// would obey them (clear the screen, set its title, hide lines), so on a terminal they are shown as `\x1b`, and the
// exact text is a redirect or `--out` away.
import { INVISIBLE_CHARACTERS, visibleText } from '../model/invisibleCharacters';
import type { CliIo } from './io';

// Tabs and line ends are the document's own layout; any other of those characters a terminal would act on.
const ACTED_ON = new RegExp(`(?![\\t\\n])${INVISIBLE_CHARACTERS.source}`);
const ACTED_ON_ALL = new RegExp(ACTED_ON.source, 'g');

/** Writes `text` to standard output; on a terminal with its control characters shown, and a note on standard error. */
export function printDocument(io: CliIo, command: string, text: string, exactly: string): void {
  if (!io.stdoutIsTerminal || !ACTED_ON.test(text)) return io.stdout(text);
  io.stdout(text.replace(ACTED_ON_ALL, visibleText));
  io.stderr(`smtp-transcript ${command}: the output holds control characters, shown here as \\xHH so that the terminal does not act on them; ${exactly} for the exact text\n`);
}
