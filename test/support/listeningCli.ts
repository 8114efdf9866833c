// A listening CLI command (record or mock) as a test starts it: with --write-cert, waited for until it says where it
// listens and that it wrote its certificate.
import * as path from 'node:path';
import { spawnCli, type CliRun } from './cli';

export interface Listening {
  /** 0 when listening on a UNIX-domain socket (--socket). */
  port: number;
  tlsPort?: number;
  /** The certificate the command made at start, written with --write-cert. */
  cert: string;
  exit: Promise<CliRun>;
}

let counter = 0;

/** `dir`: where the certificate is written; `env`: the command's environment besides the test's. */
export function listenWithCert(args: string[], dir: string, env: Record<string, string>): Promise<Listening> {
  const cert = path.join(dir, `cert-${++counter}.pem`);
  const child = spawnCli([...args, '--write-cert', cert], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const exit = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // Read from the lines that say so: a warning before them may name a socket or a certificate too.
      const port = /(?:record: listening|mock: playing .+?) on (?:127\.0\.0\.1:(\d+)|unix:\/)/.exec(stderr);
      if (port && /certificate \(self-signed, localhost, made at start\) written to /.test(stderr)) {
        const tlsPort = /and :(\d+) \(implicit TLS\)/.exec(stderr);
        resolve({ port: Number(port[1] ?? 0), ...(tlsPort ? { tlsPort: Number(tlsPort[1]) } : {}), cert, exit });
      }
    });
    void exit.then((result) => reject(new Error(`the command ended before listening: ${result.stderr}`)));
  });
}
