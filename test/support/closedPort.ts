// A loopback port nothing listens on, for a connection that must be refused.
import { createServer, type AddressInfo } from 'node:net';

/** Binds a free port, reads it and closes it again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}
