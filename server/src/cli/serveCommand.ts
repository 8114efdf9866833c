// `smtp-transcript serve [--port N] [--tls-port N] [--mail-dir DIR] [--user NAME] [--reject-domain D]...`
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalServer } from '../local/localServer';
import type { CliIo } from './io';
import { UsageError } from './io';

const HELP = `usage: smtp-transcript serve [options]

Runs the built-in local SMTP test server on 127.0.0.1 until interrupted (Ctrl-C).

  --port N              plain/STARTTLS port (default 2525; 0 picks a free one)
  --tls-port N          implicit-TLS port (default 4650; 0 picks a free one)
  --mail-dir DIR        where received messages are stored as .eml files (default ./smtp-mail)
  --user NAME           the AUTH user (default testuser); its password is SMTP_LOCAL_PASSWORD or testpass
  --reject-domain D     recipients at D get 550 (repeatable; default reject.test)
`;

export async function runServe(io: CliIo, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        'tls-port': { type: 'string' },
        'mail-dir': { type: 'string' },
        user: { type: 'string' },
        'reject-domain': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const port = portOption('--port', values.port, 2525);
  const tlsPort = portOption('--tls-port', values['tls-port'], 4650);
  const mailDir = resolve(io.cwd, values['mail-dir'] ?? 'smtp-mail');
  let server;
  try {
    server = await startLocalServer({
      port,
      tlsPort,
      mailDir,
      user: { name: values.user ?? 'testuser', password: io.env.SMTP_LOCAL_PASSWORD ?? 'testpass' },
      rejectDomains: values['reject-domain'] ?? ['reject.test'],
      onMessage: (m) => io.stdout(`received ${m.file} from <${m.mailFrom}> to ${m.recipients.map((r) => `<${r}>`).join(', ')} (${m.size} octets)\n`),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.stderr(`smtp-transcript serve: cannot listen: ${e.code === 'EADDRINUSE' ? 'the port is already in use (try --port 0)' : e.message}\n`);
    return 2;
  }
  io.stdout(
    `local SMTP server on ${server.host}:${server.port} (STARTTLS) and ${server.host}:${server.tlsPort} (implicit TLS)\n` +
      `AUTH user ${values.user ?? 'testuser'}; recipients at ${(values['reject-domain'] ?? ['reject.test']).join(', ')} are rejected; messages go to ${mailDir}\n` +
      'Press Ctrl-C to stop.\n',
  );
  await new Promise<void>((done) => io.interrupted.addEventListener('abort', () => done(), { once: true }));
  await server.close();
  io.stdout(`stopped; ${server.messages.length} message(s) received\n`);
  return 0;
}

function portOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${name} takes a port number from 0 to 65535, not '${text}'`);
  return port;
}
