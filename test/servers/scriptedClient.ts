// A scripted SMTP session for captures swaks cannot make (BDAT, RFC 3030): it sends each flight of lines,
// reads the given number of replies and returns every line that crossed the wire.
import { SmtpTestConnection } from './smtpTestConnection';
import type { WireEvent } from './swaksOutput';

export interface Flight {
  /** Lines sent together; each is followed by CRLF except the last when `endsMidLine` (a BDAT chunk). */
  lines: string[];
  endsMidLine?: boolean;
  /** Replies to read after sending. */
  replies: number;
}

/** Plain connection; after the last flight (QUIT) it waits for the server to close. */
export async function runScriptedSession(host: string, port: number, flights: Flight[]): Promise<WireEvent[]> {
  const connection = await SmtpTestConnection.open(host, port);
  try {
    await connection.readReply();
    for (const flight of flights) {
      connection.write(flight.lines.join('\r\n') + (flight.endsMidLine ? '' : '\r\n'), flight.lines);
      for (let reply = 0; reply < flight.replies; reply++) await connection.readReply();
    }
    await connection.closedByServer();
    return connection.events;
  } finally {
    connection.close();
  }
}
