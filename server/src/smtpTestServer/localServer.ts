// The built-in local SMTP server: a loopback test target for replay. Plain SMTP with STARTTLS (RFC 3207) on `port`,
// implicit TLS (RFC 8314) on `tlsPort`; AUTH PLAIN, LOGIN and CRAM-MD5 (RFC 4954) after TLS, PIPELINING, SIZE,
// 8BITMIME, SMTPUTF8, DSN, ENHANCEDSTATUSCODES, CHUNKING and BINARYMIME (RFC 3030).
// It runs on the project's own dialogue core, not on the npm package smtp-server it used before: that one has no
// BDAT, waits 100 ms for early talkers before every greeting (a session took over 100 ms; now about 2 ms),
// bundles a default private key into whatever ships it, and needed a private method overridden to send the RFC 7372
// codes; here what each command and reply opens is asked of dialogue/, as the replay client and the mock ask it.
import { mkdir } from 'node:fs/promises';
import type { Server, Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { LocalAuthenticationOptions } from './messageAuthentication';
import { defaultClientPace, type ClientPace } from './clientPace';
import { generateTestCertificate } from './testCertificate';
import type { ReceivedMessage } from './messageStore';
import { listenSocket, listenTcp, stopListening } from './localListener';
import { clientText, listeningText, type ListenAddress } from './socketListener';
import { LocalSession, type SessionSetup, type TlsFailure } from './localSession';
import type { AuthenticationReport } from './localDelivery';
import type { WireTapFactory } from './wireTap';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';
import { LISTED_NEWEST, NewestItems } from './newestItems';

export type { ReceivedMessage } from './messageStore';
export type { AuthenticationReport } from './localDelivery';
export type { TlsFailure } from './localSession';
export { isRejectedDomain } from './localEnvelope';

export interface LocalServerUser {
  name: string;
  password: string;
}

export interface LocalServerOptions {
  /** Loopback only. */
  host?: '127.0.0.1';
  /** Plain/STARTTLS port; 0 (the default) picks a free one. */
  port?: number;
  /** Listen for plain/STARTTLS clients on this UNIX-domain socket instead of `port`: where an MTA delivers over LMTP. */
  socketPath?: string;
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
  /** A TLS handshake that failed, and why (a client refusing the certificate): else only a client's own error says it. */
  onTlsFailure?: (failure: TlsFailure) => void;
  onLog?: (line: string) => void;
  /** Told each connection's plaintext bytes both ways, its TLS start and its end (a recorder, wireTap.ts). */
  recordSession?: WireTapFactory;
  /** How many of the newest messages `messages` lists (their files all stay in `mailDir`); LISTED_NEWEST by default. */
  listMessages?: number;
}

export interface LocalServer {
  host: string;
  /** The plain/STARTTLS port; 0 on a socket. */
  port: number;
  /** Where plain/STARTTLS clients connect: `127.0.0.1:port` or `unix:/path`. */
  listening: string;
  tlsPort: number;
  /** The server's certificate, to trust as the CA so that TLS verification stays on. */
  certificatePem: string;
  /** The newest messages received (up to `listMessages`), oldest first. */
  readonly messages: readonly ReceivedMessage[];
  /** How many messages were received in all, those no longer listed included. */
  readonly received: number;
  /** Stops listening at once; connections still open are told `421` and closed within a second. */
  close(): Promise<void>;
}

export const defaultLocalServerUser: LocalServerUser = { name: TEST_SERVER_DEFAULTS.user, password: TEST_SERVER_DEFAULTS.password };
export const defaultRejectDomains: readonly string[] = TEST_SERVER_DEFAULTS.rejectDomains;
const defaultSize = 10 * 1024 * 1024;
const SERVER_NAME = 'localhost';

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  await mkdir(options.mailDir, { recursive: true });
  const messages = new NewestItems<ReceivedMessage>(options.listMessages ?? LISTED_NEWEST);
  const pace: ClientPace = { ...defaultClientPace, ...options.pace };
  // Made at start for localhost: no private key ships with the extension, and each run has its own.
  const certificate = await generateTestCertificate();
  const setup: SessionSetup = {
    settings: {
      name: SERVER_NAME,
      size: options.size ?? defaultSize,
      user: options.user ?? defaultLocalServerUser,
      rejectDomains: options.rejectDomains ?? defaultRejectDomains,
      authNeedsTls: true,
    },
    pace,
    secureContext: createSecureContext({ key: certificate.privateKeyPem, cert: certificate.certificatePem }),
    delivery: { mailDir: options.mailDir, messages, ...pick(options, 'authentication', 'onMessage', 'onAuthentication', 'onLog') },
    ...(options.onLog ? { onLog: options.onLog } : {}),
    ...(options.onTlsFailure ? { onTlsFailure: options.onTlsFailure } : {}),
  };
  const sessions = new Set<LocalSession>();
  const accept =
    (implicitTls: boolean) =>
    (socket: Socket): void => {
      const at: ListenAddress = implicitTls ? { port: implicit.port } : plainAt;
      const tap = options.recordSession?.({ remote: clientText(socket, at), server: at, password: setup.settings.user.password });
      const session = new LocalSession(socket, setup, implicitTls, tap);
      sessions.add(session);
      socket.once('close', () => sessions.delete(session));
      session.run().catch((error: Error) => {
        options.onLog?.(`error [${session.id}] ${error.message}`);
        socket.destroy();
      });
    };
  const plain = options.socketPath === undefined ? await listenTcp(options.port ?? 0, host, accept(false)) : await listenSocket(options.socketPath, accept(false));
  const plainAt: ListenAddress = 'socketPath' in plain ? { socketPath: plain.socketPath } : { port: plain.port };
  let implicit: { server: Server; port: number };
  try {
    implicit = await listenTcp(options.tlsPort ?? 0, host, accept(true));
  } catch (error) {
    await stopListening(plain.server);
    throw error;
  }
  options.onLog?.(`info local SMTP server on ${listeningText(plainAt)} (STARTTLS) and ${host}:${implicit.port} (implicit TLS)`);
  return {
    host,
    port: 'port' in plainAt ? plainAt.port : 0,
    listening: listeningText(plainAt),
    tlsPort: implicit.port,
    certificatePem: certificate.certificatePem,
    messages: messages.items,
    get received() {
      return messages.total;
    },
    close: async () => {
      const stopped = Promise.all([stopListening(plain.server), stopListening(implicit.server)]);
      for (const session of sessions) session.shutdown();
      await stopped;
    },
  };
}

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]])) as Partial<Pick<T, K>>;
}
