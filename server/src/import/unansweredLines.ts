// Lines a capture shows the client sending that the server never answered, because the session was over: a 421
// closes it (RFC 5321 §3.8), so commands pipelined after the one it answers get no reply (RFC 2920 §3.1), nor does
// what follows the reply to QUIT (§4.1.1.10). They stay where they were sent, as comments: replay and the mock then
// end the session where the server did.
import { maskedAuthCommand } from '../model/authLineText';
import { lineBreaksAsReferences } from '../model/variables';

/** What a session draft says about such lines: a comment above them, and the problem reported. */
export interface Said {
  note: string;
  problem: string;
}

/** Comments out the `C:` lines of `lines` from index `from` on; says how many there were. */
export function commentOutClientLines(lines: string[], from: number): number {
  let count = 0;
  for (let i = from; i < lines.length; i++) {
    if (!lines[i].startsWith('C:')) continue;
    lines[i] = `# ${lines[i]}`;
    count++;
  }
  return count;
}

/** `count` lines the client had pipelined after the command the server's closing `code` answered. */
export function pipelinedPastClose(count: number, code: string): Said {
  const [lines, them] = count === 1 ? ['the line', 'it'] : [`the ${count} lines`, 'them'];
  return {
    note: `the client had sent ${lines} commented out above before the server's ${code}, and the server closed without answering ${them} (RFC 5321 §3.8)`,
    problem: `the client pipelined ${count === 1 ? 'a line' : `${count} lines`} after the command the server's ${code} answered; kept as comments, unanswered`,
  };
}

/** The first line the client sent after the session ended (`why`: how it ended). */
export function sentAfterEnd(why: string): Said {
  return {
    note: `the client went on after the session ended (${why}); unanswered, what it sent is kept as comments:`,
    problem: `the client sent lines after the session ended (${why}); they are kept as comments`,
  };
}

/** A client line sent after the session ended, as a comment; AUTH data in it is `****`, as a reference would have hidden it. */
export function unansweredLine(sent: string): string {
  return `# C: ${maskedAuthCommand(lineBreaksAsReferences(sent))}`;
}
