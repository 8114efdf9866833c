// What a failed session's test result says, as plain data (transcriptTests.ts makes VS Code's TestMessages of it): a
// message for each failed exchange, up to MESSAGES_SHOWN, and the lines left unchecked. A replay of 140,000 failing
// exchanges made as many messages and a line list of a megabyte; the test output keeps the whole session log.
import type { ExchangeResult, SessionResult } from '../../../server/src/engine';

export const MESSAGES_SHOWN = 100;
/** Line numbers a "not run" message names before it says how many more. */
const LINES_NAMED = 20;

export interface FailureMessages {
  /** Failed or errored exchanges, each to be its own message, in the file's order. */
  failed: ExchangeResult[];
  /** Set when more exchanges failed than `failed` holds. */
  moreFailed?: string;
  /** The exchanges the failure kept from being checked, and the message that lists their lines. */
  notRun?: { first: ExchangeResult; text: string };
}

export function failureMessages(session: SessionResult): FailureMessages {
  const failed = session.exchanges.filter((e) => e.status === 'fail' || e.status === 'error');
  const result: FailureMessages = { failed: failed.slice(0, MESSAGES_SHOWN) };
  if (failed.length > MESSAGES_SHOWN) result.moreFailed = `${failed.length - MESSAGES_SHOWN} more exchanges failed: the test output lists them all`;
  const notRun = session.exchanges.filter((e) => e.status === 'skipped');
  if (notRun.length > 0) {
    const lines = notRun.slice(0, LINES_NAMED).map((e) => (e.expectedLines[0] ?? e.line) + 1);
    const more = notRun.length > LINES_NAMED ? ` and ${notRun.length - LINES_NAMED} more` : '';
    result.notRun = { first: notRun[0], text: `Not run because of the failure: line${notRun.length === 1 ? '' : 's'} ${lines.join(', ')}${more}` };
  }
  return result;
}
