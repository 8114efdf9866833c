// Where a session connects: the file's settings, the caller's overrides and defaults, and for `mx:domain` the
// domain's mail exchangers in preference order (RFC 5321 §5.1), each tried in turn until one accepts a connection.
import { promises as dns } from 'node:dns';
import { Connection, type ConnectOptions } from './connection';
import { ReplayError, type ReplayErrorKind } from './replayError';
import type { MxRecord, ReplayOptions, ReplayTarget, TlsMode } from './replayTypes';
import type { SessionSettings } from './sessionSettings';
import { unixSocketPath } from '../settings/settingValues';
import { socketTlsNeedsName } from '../settings/replaySettings';

export interface TargetPlan {
  /** Hosts to try, in order. */
  hosts: string[];
  port: number;
  tls: TlsMode;
  servername?: string;
  mx?: string;
}

const MX_PREFIX = 'mx:';
// Failures that say "this host, not the transcript": the next exchanger may do better (RFC 5321 §5.1).
const TRY_NEXT: ReadonlySet<ReplayErrorKind> = new Set(['connect-refused', 'connect-timeout', 'connect-failed', 'dns', 'connection-reset']);

/**
 * `note` hears what the plan assumed (a domain without MX records standing in as its own exchanger); `startsTls`: the
 * session sends STARTTLS, so TLS comes whatever `@tls` says.
 */
export async function planTarget(settings: SessionSettings, options: ReplayOptions, note: (text: string) => void = () => undefined, startsTls = false): Promise<TargetPlan> {
  const server = options.target?.host ?? settings.server ?? options.defaults?.host;
  if (!server) {
    throw new ReplayError('transcript', 'no server to connect to: add `@server = host` to the transcript or pass a target host');
  }
  const tls = options.target?.tls ?? settings.tls ?? options.defaults?.tls ?? 'none';
  const port = options.target?.port ?? settings.port ?? options.defaults?.port ?? (tls === 'implicit' ? 465 : 25);
  const plan: TargetPlan = { hosts: [server], port, tls, servername: settings.servername };
  // A certificate names a host, not a socket path: TLS over a UNIX-domain socket is verified against @tls-servername.
  if (unixSocketPath(server) !== undefined && (tls !== 'none' || startsTls) && !settings.servername) {
    throw new ReplayError('transcript', socketTlsNeedsName(server));
  }
  if (!server.toLowerCase().startsWith(MX_PREFIX)) return plan;
  const domain = server.slice(MX_PREFIX.length).trim();
  return { ...plan, hosts: await mailExchangers(domain, options.resolveMx ?? ((d) => dns.resolveMx(d)), note), mx: server };
}

// "No such name" and "no MX records" both leave the domain's own address records to try (getaddrinfo also reads
// the hosts file, where `localhost` lives); any other lookup failure is the resolver's problem, reported as such.
const NO_MX_RECORDS: ReadonlySet<string> = new Set(['ENODATA', 'ENOTFOUND']);

async function mailExchangers(domain: string, resolveMx: (domain: string) => Promise<MxRecord[]>, note: (text: string) => void): Promise<string[]> {
  let records: MxRecord[];
  try {
    records = await resolveMx(domain);
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || !NO_MX_RECORDS.has(code)) {
      throw new ReplayError('dns', `cannot look up the MX records of ${domain} (${code ?? (error as Error).message})`);
    }
    records = [];
  }
  // RFC 7505 §3: a single MX of "." (Node reports it as "") says the domain accepts no mail.
  if (records.length === 1 && (records[0].exchange === '' || records[0].exchange === '.')) {
    throw new ReplayError('dns', `${domain} publishes a null MX (RFC 7505): it accepts no mail`);
  }
  // RFC 5321 §5.1: no MX records -> the domain's own A/AAAA address, as an implicit MX of preference 0.
  if (records.length === 0) {
    note(`${domain} has no MX records: connecting to its own address (implicit MX, RFC 5321 §5.1)`);
    return [domain];
  }
  return [...records].sort((a, b) => a.priority - b.priority).map((r) => r.exchange.replace(/\.$/, ''));
}

export interface ConnectAttempts {
  connection: Connection;
  target: ReplayTarget;
}

/** Connects to the first host of the plan that accepts; later hosts are tried only after connection failures. */
export async function connectToTarget(
  plan: TargetPlan,
  options: Omit<ConnectOptions, 'host' | 'port' | 'implicitTls' | 'tls'>,
  tlsFor: (host: string) => ConnectOptions['tls'],
  open: (options: ConnectOptions) => Promise<Connection> = (o) => Connection.open(o),
): Promise<ConnectAttempts> {
  let lastError: ReplayError | undefined;
  for (const host of plan.hosts) {
    const tls = tlsFor(host);
    try {
      const connection = await open({ ...options, host, port: plan.port, implicitTls: plan.tls === 'implicit', tls });
      const target: ReplayTarget = { host, port: plan.port, tls: plan.tls, servername: tls.servername };
      if (plan.mx) target.mx = plan.mx;
      return { connection, target };
    } catch (error) {
      // `open` maps every socket and TLS failure to a ReplayError: anything else is a bug, reported as `internal`.
      if (!(error instanceof ReplayError)) throw error;
      const failure = error;
      options.log.add('info', failure.message);
      if (!TRY_NEXT.has(failure.kind) || plan.hosts.length === 1) throw failure;
      lastError = failure;
    }
  }
  throw new ReplayError(lastError!.kind, `no mail exchanger of ${plan.mx} accepted a connection (last: ${lastError!.message})`);
}
