// The local server's log lines: `info [k3j2h1] Connection from [127.0.0.1]`, `debug [k3j2h1] S: 250 2.1.0 Accepted`.
// The level says what it is (info: events, debug: the protocol), the bracket which connection.

export type LogLevel = 'info' | 'debug' | 'error';

export interface SessionLog {
  (level: LogLevel, text: string): void;
}

/** One line per text line, each with its prefix; nothing when there is no `onLog`. */
export function sessionLog(onLog: ((line: string) => void) | undefined, connectionId: string): SessionLog {
  if (!onLog) return () => undefined;
  return (level, text) => {
    for (const line of text.split(/\r?\n/)) onLog(`${level} [${connectionId}] ${line}`);
  };
}
