// What the real servers of servers.sh delivered: each keeps accepted mail in a sink under the servers' root (the
// directory of the env file), Postfix and aiosmtpd one file a message, Exim one mbox. smtp-server's sink is left
// out: its handler writes the DATA stream to a file as it arrives, so a file there does not mean the message was
// accepted.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultServersEnvFile, type ServerName } from './available';

export type SinkServer = Extract<ServerName, 'postfix' | 'exim' | 'aiosmtpd'>;

const root = (): string => dirname(process.env.SMTP_SERVERS_ENV || defaultServersEnvFile);

/** The texts of the messages delivered since `since` (ms since the epoch; Exim's mbox is read whole). */
export async function deliveredSince(server: SinkServer, since: number): Promise<string[]> {
  if (server === 'exim') return [await readFile(join(root(), 'exim', 'mail', 'sink.mbox'), 'latin1').catch(() => '')];
  const folders = server === 'postfix' ? ['new', 'cur'].map((f) => join(root(), 'postfix', 'mail', 'sink', f)) : [join(root(), 'aiosmtpd', 'mail')];
  const texts: string[] = [];
  for (const folder of folders) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      const path = join(folder, name);
      // The sinks keep earlier runs' mail (thousands of files): only what arrived since is read.
      if ((await stat(path)).mtimeMs >= since - 1000) texts.push(await readFile(path, 'latin1'));
    }
  }
  return texts;
}

/**
 * Waits until a message holding `token` was delivered (Postfix and Exim deliver after the reply, from their queue),
 * for at most `timeoutMs`; true when it came.
 */
export async function awaitDelivery(server: SinkServer, token: string, since: number, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await deliveredSince(server, since)).some((text) => text.includes(token))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
