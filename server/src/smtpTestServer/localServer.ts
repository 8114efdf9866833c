// The built-in local SMTP server: a loopback test target for replay, built on the npm package smtp-server.
// One server speaks plain SMTP with STARTTLS (RFC 3207) on `port`, a second implicit TLS (RFC 8314) on `tlsPort`.
// Both offer AUTH PLAIN, LOGIN and CRAM-MD5 (RFC 4954, optional), PIPELINING, SIZE, 8BITMIME, SMTPUTF8, DSN and
// ENHANCEDSTATUSCODES. No CHUNKING/BDAT (RFC 3030): smtp-server does not implement it, so BDAT gets `500`.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { authenticateStoredMessage, useEnhancedCodeForNextReply, type LocalAuthenticationOptions } from './messageAuthentication';
import { defaultClientPace, watchClientPace, type ClientPace } from './clientPace';
import { generateTestCertificate, type TestCertificate } from './testCertificate';
import { storeMessage, type ReceivedMessage } from './messageStore';
import { lineLogger } from './serverLog';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';

export type { ReceivedMessage } from './messageStore';

export interface LocalServerUser {
  name: string;
  password: string;
}

export interface LocalServerOptions {
  /** Loopback only. */
  host?: '127.0.0.1';
  /** Plain/STARTTLS port; 0 (the default) picks a free one. */
  port?: number;
  /** Implicit-TLS port; 0 (the default) picks a free one. */
  tlsPort?: number;
  /** Where received messages are stored as `.eml` files; created when missing. */
  mailDir: string;
  /** The one account AUTH accepts; testuser/testpass by default. */
  user?: LocalServerUser;
  /** Recipients at these domains (or their subdomains) get `550 5.1.1`; `reject.test` by default. */
  rejectDomains?: string[];
  /** SIZE limit in octets (RFC 1870); 10 MiB by default. */
  size?: number;
  /** How slowly a client may send before it is told `421 4.4.2` and closed (see clientPace.ts); defaultClientPace by default. */
  pace?: Partial<ClientPace>;
  /**
   * Judge each message for SPF, DKIM, DMARC and ARC with these DNS answers (docs/zone-file.md), add
   * Authentication-Results to the stored file, and with `enforce` refuse failing messages. Absent: no checks.
   */
  authentication?: LocalAuthenticationOptions;
  /** Each verdict of the receiving checks, refused messages included (they reach neither the store nor onMessage). */
  onAuthentication?: (report: AuthenticationReport) => void;
  onMessage?: (message: ReceivedMessage) => void;
  onLog?: (line: string) => void;
}

export interface AuthenticationReport {
  id: string;
  mailFrom: string;
  /** `spf=pass dkim=pass dmarc=pass arc=none` */
  summary: string;
  /** The reply when an enforcing server refused the message: `550 5.7.26 ...`. */
  refused?: string;
}

export interface LocalServer {
  host: string;
  port: number;
  tlsPort: number;
  /** The server's certificate, to trust as the CA so that TLS verification stays on. */
  certificatePem: string;
  /** Every message received so far, oldest first. */
  messages: ReceivedMessage[];
  /** Stops listening at once; connections still open are told `421` and closed within a second. */
  close(): Promise<void>;
}

export const defaultLocalServerUser: LocalServerUser = { name: TEST_SERVER_DEFAULTS.user, password: TEST_SERVER_DEFAULTS.password };
export const defaultRejectDomains: readonly string[] = TEST_SERVER_DEFAULTS.rejectDomains;
const defaultSize = 10 * 1024 * 1024;
const SERVER_NAME = 'localhost';

/** What one server's handlers need of the server itself (its pace watch, its connections), set once it exists. */
interface ServerSelf {
  server?: SMTPServer;
  /** Watches a socket's pace from its TLS upgrade on. */
  watch?: (socket: Socket) => void;
}

/** An error smtp-server turns into a reply with this code (its enhanced status code is added by smtp-server). */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

export function isRejectedDomain(address: string, rejectDomains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return rejectDomains.some((rejected) => {
    const name = rejected.toLowerCase();
    return domain === name || domain.endsWith(`.${name}`);
  });
}

function serverOptions(options: LocalServerOptions, secure: boolean, messages: ReceivedMessage[], self: ServerSelf, certificate: TestCertificate): SMTPServerOptions {
  const user = options.user ?? defaultLocalServerUser;
  const rejectDomains = options.rejectDomains ?? defaultRejectDomains;
  return {
    secure,
    // Made at start for localhost: no private key ships with the extension, and each run has its own.
    key: certificate.privateKeyPem,
    cert: certificate.certificatePem,
    name: SERVER_NAME,
    banner: 'smtp-transcripts local test server',
    size: options.size ?? defaultSize,
    rejectOversized: true,
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    authOptional: true,
    hideENHANCEDSTATUSCODES: false,
    hideDSN: false,
    disableReverseLookup: true,
    closeTimeout: 1000,
    logger: options.onLog ? lineLogger(options.onLog) : false,
    onSecure(socket, _session, callback) {
      self.watch?.(socket as Socket);
      callback();
    },
    onAuth(auth, _session, callback) {
      const passwordMatches =
        auth.method === 'CRAM-MD5' ? auth.validatePassword(user.password) : auth.password === user.password;
      if (auth.username === user.name && passwordMatches) return callback(null, { user: auth.username });
      callback(smtpError(535, 'Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      if (!isRejectedDomain(address.address, rejectDomains)) return callback();
      // 550 gets the enhanced status code 5.1.1 (bad destination mailbox, RFC 3463 §3.2) from smtp-server.
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1);
      callback(smtpError(550, `<${address.address}>: recipient rejected: ${domain} is a rejecting test domain`));
    },
    onData(stream, session, callback) {
      const envelope = {
        id: `${session.id}-${session.transaction}`,
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
        secure: session.secure,
        ...(typeof session.user === 'string' ? { user: session.user } : {}),
      };
      storeMessage(stream, options.mailDir, envelope).then(
        async (message) => {
          // Oversized content: rejectOversized makes smtp-server answer 552 5.3.4 itself (RFC 1870 §6.3).
          if (!message) return callback(smtpError(552, 'Message exceeds fixed maximum message size'));
          if (options.authentication) {
            const client = { ip: session.remoteAddress, helo: session.hostNameAppearsAs || '', mailFrom: message.mailFrom };
            let judged;
            try {
              judged = await authenticateStoredMessage(message.file, client, options.authentication);
            } catch (error) {
              // A temporary failure (RFC 5321 §4.2.1, 4yz): the checks could not run; the client may try again.
              return callback(smtpError(451, `Could not check the message's authentication: ${(error as Error).message}`));
            }
            const refused = judged.rejection && `${judged.rejection.code} ${judged.rejection.enhanced} ${judged.rejection.text}`;
            options.onLog?.(`info auth ${message.id}: ${judged.summary}${refused ? `: refused ${refused}` : ''}`);
            options.onAuthentication?.({ id: message.id, mailFrom: message.mailFrom, summary: judged.summary, ...(refused ? { refused } : {}) });
            if (judged.rejection) {
              const { code, enhanced, text } = judged.rejection;
              if (self.server) useEnhancedCodeForNextReply(self.server, session.id, code, enhanced);
              return callback(smtpError(code, text));
            }
            message.authentication = judged.summary;
            message.authenticationResults = judged.verdict.headers;
            message.size += Buffer.byteLength(judged.verdict.headers, 'latin1');
          }
          messages.push(message);
          options.onMessage?.(message);
          callback(null, `Message stored as ${message.id}`);
        },
        (error: Error) => callback(smtpError(451, `Could not store the message: ${error.message}`)),
      );
    },
  };
}

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

async function closeServer(server: SMTPServer): Promise<void> {
  // Stop accepting first and let sockets accepted just before reach their TLS upgrade, which smtp-server defers by
  // one setImmediate: its close() destroys pending sockets, and upgrading one already destroyed crashes Node 20
  // (segfault in TLSSocket.getProtocol) when a client connected to the TLS port a moment before close().
  server.server.close();
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  await mkdir(options.mailDir, { recursive: true });
  const messages: ReceivedMessage[] = [];
  const pace = { ...defaultClientPace, ...options.pace };
  const certificate = await generateTestCertificate();
  const starttlsSelf: ServerSelf = {};
  const implicitSelf: ServerSelf = {};
  const starttls = new SMTPServer(serverOptions(options, false, messages, starttlsSelf, certificate));
  const implicit = new SMTPServer(serverOptions(options, true, messages, implicitSelf, certificate));
  starttlsSelf.server = starttls;
  implicitSelf.server = implicit;
  starttlsSelf.watch = watchClientPace(starttls, pace, SERVER_NAME, options.onLog);
  implicitSelf.watch = watchClientPace(implicit, pace, SERVER_NAME, options.onLog);
  for (const server of [starttls, implicit]) {
    // Without a listener, any socket error (a bare TCP probe of the TLS port, a reset) crashes the process.
    server.on('error', (error: Error) => options.onLog?.(`error ${error.message}`));
  }
  const port = await listen(starttls, options.port ?? 0, host);
  let tlsPort: number;
  try {
    tlsPort = await listen(implicit, options.tlsPort ?? 0, host);
  } catch (error) {
    await closeServer(starttls);
    throw error;
  }
  options.onLog?.(`info local SMTP server on ${host}:${port} (STARTTLS) and ${host}:${tlsPort} (implicit TLS)`);
  return {
    host,
    port,
    tlsPort,
    certificatePem: certificate.certificatePem,
    messages,
    close: async () => {
      await Promise.all([closeServer(starttls), closeServer(implicit)]);
    },
  };
}
