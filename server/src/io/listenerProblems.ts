// Why a built-in server (`serve`, `mock`, `record`, and the editor's local test server and mock) cannot listen, said
// with the option or setting whose port it was: `--tls-port 2525 is already in use (try --tls-port 0)`,
// `smtp.localServer.tlsPort 2525 is already in use (0 picks a free port)`.
import { describeError } from './regularFiles';

export type NamedPort = readonly [name: string, port: number | undefined];

/** The plain and the implicit-TLS listener cannot share a port (0 picks a free one for each); why, or undefined. */
export function sharedPortProblem([portName, port]: NamedPort, [tlsName, tlsPort]: NamedPort): string | undefined {
  return port !== undefined && port !== 0 && port === tlsPort ? `${portName} and ${tlsName} are both ${port}: the two servers need a port each` : undefined;
}

/** Why a listener did not start, naming the port's option; `freePort` says how to ask for a free port instead. */
export function cannotListen(error: unknown, ports: readonly NamedPort[], freePort = (name: string) => `try ${name} 0`): string {
  const e = error as NodeJS.ErrnoException & { port?: number };
  const name = ports.find(([, port]) => port !== undefined && port !== 0 && port === e.port)?.[0];
  if (e.code === 'EADDRINUSE') return name ? `${name} ${e.port} is already in use (${freePort(name)})` : 'the port is already in use';
  return name ? `${name} ${e.port}: ${describeError(e)}` : describeError(e);
}
