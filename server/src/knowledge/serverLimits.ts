// The LIMITS extension (RFC 9422): limits a server announces in its EHLO reply for the current session,
// `250-LIMITS MAILMAX=1000 RCPTMAX=100 RCPTDOMAINMAX=10`. The IANA "SMTP Server Limits" registry holds these three.
import { rfc, type RfcRef } from './rfc';

export const SERVER_LIMIT_NAMES = ['MAILMAX', 'RCPTMAX', 'RCPTDOMAINMAX'] as const;

export type ServerLimitName = (typeof SERVER_LIMIT_NAMES)[number];

export interface ServerLimitSpec {
  readonly name: ServerLimitName;
  /** What the number counts. */
  readonly counts: string;
  readonly summary: string;
  readonly rfc: RfcRef;
}

export const SERVER_LIMITS: Readonly<Record<ServerLimitName, ServerLimitSpec>> = {
  MAILMAX: {
    name: 'MAILMAX',
    counts: 'mail transactions (MAIL commands) in the session',
    summary: 'The most transactions the server accepts in one session; the client should open a new connection for more.',
    rfc: rfc(9422, '4.1'),
  },
  RCPTMAX: {
    name: 'RCPTMAX',
    counts: 'RCPT commands in one transaction',
    summary: 'The most recipients the server accepts in one transaction; more are refused (452) and go in another transaction.',
    rfc: rfc(9422, '4.2'),
  },
  RCPTDOMAINMAX: {
    name: 'RCPTDOMAINMAX',
    counts: 'recipient domains in one transaction',
    summary: 'The most different recipient domains the server accepts in one transaction.',
    rfc: rfc(9422, '4.3'),
  },
};

/** RFC 9422 §3; the registered limits' values are numbers (§4). */
export const SERVER_LIMIT_SYNTAX = 'LIMITS SP limit-name-value *(SP limit-name-value)  ; limit-name-value = limit-name ["=" limit-value]';

/** The limits an EHLO reply's LIMITS line gives (`MAILMAX=1000`); unknown names and bad values are left out. */
export function readServerLimits(parameters: readonly string[]): Partial<Record<ServerLimitName, number>> {
  const limits: Partial<Record<ServerLimitName, number>> = {};
  for (const parameter of parameters) {
    const match = /^([A-Za-z0-9_-]+)=(\d{1,9})$/.exec(parameter);
    const name = match?.[1].toUpperCase();
    if (match && (SERVER_LIMIT_NAMES as readonly string[]).includes(name!)) limits[name as ServerLimitName] = Number(match[2]);
  }
  return limits;
}

/** Limit names are case-insensitive: `lookupServerLimit('rcptmax')`. */
export function lookupServerLimit(name: string): ServerLimitSpec | undefined {
  const upper = name.toUpperCase();
  return (SERVER_LIMIT_NAMES as readonly string[]).includes(upper) ? SERVER_LIMITS[upper as ServerLimitName] : undefined;
}
