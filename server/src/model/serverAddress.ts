// Server addresses as people write them (`@server`, `--server`, `smtp.replay.server`), with a port: `mx.example.com:2525`, `[::1]:2525`, `mx:example.com:2525`.
// A bare IPv6 address (`::1`) has more than one colon and no brackets: it is all host.

import { serverProblem, readPort } from '../settings/settingValues';

export interface ServerAddress {
  host: string;
  /** The text after the last colon, unchecked; undefined when the value names no port. */
  port?: string;
}

export function splitServerAddress(text: string): ServerAddress {
  // A UNIX-domain socket (`unix:/path`) has no port; its path may hold colons.
  if (/^unix:/i.test(text)) return { host: text };
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) return bracketed[2] === undefined ? { host: bracketed[1] } : { host: bracketed[1], port: bracketed[2] };
  const mx = /^mx:/i.exec(text)?.[0] ?? '';
  const rest = text.slice(mx.length);
  const colon = rest.indexOf(':');
  if (colon < 0 || rest.indexOf(':', colon + 1) >= 0) return { host: text };
  return { host: mx + rest.slice(0, colon), port: rest.slice(colon + 1) };
}

/** host, host:port, [ipv6]:port, mx:domain or unix:/path, checked like `@server`: the host and a numeric port, or undefined. */
export function parseServerAddress(text: string): { host: string; port?: number } | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || serverProblem(trimmed) !== undefined) return undefined;
  const { host, port } = splitServerAddress(trimmed);
  return port === undefined ? { host } : { host, port: readPort(port) };
}

/**
 * A server to connect to as it is (the recording proxy's upstream): host:port or [ipv6]:port, a port required and no
 * `mx:` (the proxy resolves no MX records); undefined otherwise.
 */
export function parseHostAndPort(text: string): { host: string; port: number } | undefined {
  const parsed = parseServerAddress(text);
  if (!parsed || parsed.port === undefined || /^mx:/i.test(parsed.host)) return undefined;
  return { host: parsed.host, port: parsed.port };
}
