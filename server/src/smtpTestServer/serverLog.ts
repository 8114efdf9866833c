// Adapts smtp-server's bunyan-style logger calls (`logger.info({ cid, ... }, 'format %s', value)`) to plain lines.
import { format } from 'node:util';

type LogMethod = (...args: unknown[]) => void;

export interface LineLogger {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
}

function connectionId(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || !('cid' in entry)) return undefined;
  const cid = (entry as { cid?: unknown }).cid;
  return typeof cid === 'string' ? cid : undefined;
}

/** Lines look like `info [k3j2h1] Connection from [127.0.0.1]`; smtp-server masks AUTH data itself. */
export function lineLogger(onLog: (line: string) => void): LineLogger {
  const method =
    (level: string): LogMethod =>
    (...args) => {
      const entry = typeof args[0] === 'string' ? undefined : args.shift();
      const cid = connectionId(entry);
      const prefix = `${level}${cid ? ` [${cid}]` : ''}`;
      // A multi-line reply is logged as one message: one line each, so every line carries its prefix.
      for (const text of format(...args).split(/\r?\n/)) onLog(`${prefix} ${text}`);
    };
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
  };
}
