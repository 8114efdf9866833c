// How a session ends: `S: <closed>` checks that the server closes; after a failure the client says QUIT politely
// when the protocol state allows it.
import type { Connection } from './connection';
import { closesChannel } from '../dialogue/dialogueState';
import { actualTexts } from './exchangeResults';
import type { ExchangeResult } from './replayTypes';
import type { WireLog } from './wireLog';
import { SERVER_CLOSED } from '../model/types';

export interface Politeness {
  /** The server is reading message content: a QUIT would become part of the message. */
  awaitingContent: boolean;
  /** The server waits for an AUTH response: cancel with `*` first (RFC 4954 §4). */
  awaitingAuth: boolean;
  timeoutMs: number;
}

export async function endPolitely(connection: Connection, log: WireLog, politeness: Politeness): Promise<void> {
  if (!connection.usable) return connection.destroy();
  if (politeness.awaitingContent) {
    // Sending `.` would deliver a half-written message; closing is the only way out of DATA (RFC 5321 §4.1.1.4).
    log.add('info', 'closing without QUIT: the server is reading message content');
    return connection.close();
  }
  log.add('info', 'ending the session with QUIT');
  try {
    if (politeness.awaitingAuth) await say(connection, '*', politeness.timeoutMs);
    await say(connection, 'QUIT', politeness.timeoutMs);
  } catch {
    // The session already has its verdict; a QUIT that goes unanswered changes nothing.
  }
  connection.close();
}

async function say(connection: Connection, command: string, timeoutMs: number): Promise<void> {
  connection.reader.expect(1);
  await connection.write(`${command}\r\n`, [{ direction: 'C', text: command }], timeoutMs);
  await connection.reader.read(timeoutMs);
}

/**
 * The `S: <closed>` expectation: the server must close the connection (RFC 5321 §3.8, §4.1.1.10), saying 421 first
 * or not.
 */
export async function expectServerClose(connection: Connection, line: number, timeoutMs: number): Promise<ExchangeResult> {
  const result: ExchangeResult = {
    kind: 'close',
    line,
    status: 'pass',
    sent: [],
    expected: [SERVER_CLOSED],
    actual: [],
    differences: [],
    message: 'the server closed the connection',
    expectedLines: [line],
    insertAfterLine: line - 1,
  };
  const started = Date.now();
  let outcome = await connection.reader.waitForClose(timeoutMs);
  // RFC 5321 §3.8: a server that closes on its own (an idle timeout, a shutdown) should say 421 first; the close
  // that follows is the one expected. The 421 is shown with it.
  const notice = 'reply' in outcome && closesChannel(outcome.reply.code) ? outcome.reply : undefined;
  if (notice) outcome = await connection.reader.waitForClose(Math.max(0, timeoutMs - (Date.now() - started)));
  result.timeMs = Date.now() - started;
  if ('closed' in outcome) {
    result.actual = notice ? [...actualTexts(notice), SERVER_CLOSED] : [SERVER_CLOSED];
    if (notice) result.message = `the server said ${result.actual[0]} and closed the connection`;
    return result;
  }
  result.status = 'fail';
  const said = notice ? actualTexts(notice) : [];
  if ('reply' in outcome) {
    const more = actualTexts(outcome.reply);
    result.actual = [...said, ...more];
    result.message = `expected the server to close the connection, it sent ${notice ? `${more[0]} after ${said[0]}` : more[0]}`;
  } else {
    result.actual = said;
    result.message = `expected the server to close the connection, it ${notice ? `said ${said[0]} but ` : ''}kept it open for ${timeoutMs} ms`;
  }
  result.differences = [result.message];
  return result;
}
