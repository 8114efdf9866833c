// Timing and faults the scripted server (`smtp-transcript mock`) can play, written as `S: <name argument>` lines like
// `S: <closed>`. One table for the parser, lint, completion, hover and the scripted server. They describe a server
// misbehaving on purpose, to test how a mail client times out, retries and backs off (RFC 5321 §4.5.3.2, §4.5.4.1).
import { rfc, type SpecRef } from './rfc';

export const SERVER_MARKER_NAMES = ['delay', 'drip', 'cut', 'reset', 'silence'] as const;
export type ServerMarkerName = (typeof SERVER_MARKER_NAMES)[number];

/**
 * What a marker acts on. `reply`: the reply written right below it. `next`: the reply below it, or the way the
 * connection ends (`<closed>`, `<reset>`, `<silence>`). `ending`: it ends the connection itself; nothing follows.
 */
export type ServerMarkerPlacement = 'reply' | 'next' | 'ending';

export interface ServerMarkerSpec {
  readonly name: ServerMarkerName;
  /** `duration`: `500ms`, `2s`, `1m`; `octets`: a whole number; undefined: none. */
  readonly argument?: 'duration' | 'octets';
  readonly placement: ServerMarkerPlacement;
  /** It may stand inside DATA content (after some content lines): the server acts after reading those lines. */
  readonly inContent: boolean;
  /** `<delay DURATION>`, as shown in completion and hover. */
  readonly syntax: string;
  readonly summary: string;
  /** Why a client meets this on the Internet, with the section that says what the client should do. */
  readonly why: string;
  readonly ref: SpecRef;
}

export const SERVER_MARKERS: Readonly<Record<ServerMarkerName, ServerMarkerSpec>> = {
  delay: {
    name: 'delay',
    argument: 'duration',
    placement: 'next',
    inContent: true,
    syntax: '<delay DURATION>',
    summary: 'Waits DURATION (`500ms`, `2s`, `1m`) before the reply below, or before `<closed>`, `<reset>` or `<silence>`.',
    why: 'A slow or overloaded server: clients must wait minutes, not seconds, for each reply (5 min for the greeting and MAIL, 10 min after the final dot).',
    ref: rfc(5321, '4.5.3.2'),
  },
  drip: {
    name: 'drip',
    argument: 'duration',
    placement: 'reply',
    inContent: false,
    syntax: '<drip DURATION>',
    summary: 'Sends the reply below one octet every DURATION: a client must gather a reply across many reads.',
    why: 'TCP keeps no message boundaries: a reply may arrive in any number of pieces, and tarpitting servers send it slowly on purpose.',
    ref: rfc(5321, '4.5.3.2'),
  },
  cut: {
    name: 'cut',
    argument: 'octets',
    placement: 'reply',
    inContent: false,
    syntax: '<cut OCTETS>',
    summary: 'Sends only the first OCTETS octets of the reply below, then ends the connection: it closes, or does what the next `S: <reset>` or `S: <silence>` says.',
    why: 'A server that crashes or loses its connection mid-reply: the client must treat the transaction as failed, not as accepted.',
    ref: rfc(5321, '4.1.1.4'),
  },
  reset: {
    name: 'reset',
    placement: 'ending',
    inContent: true,
    syntax: '<reset>',
    summary: 'Resets the connection (TCP RST) instead of anything further: where a reply is due, or inside DATA content after the lines above it.',
    why: 'A server that crashes or a middlebox that drops the connection: the client sees a connection reset and must retry later; a message whose reply never came is not delivered.',
    ref: rfc(5321, '6.1'),
  },
  silence: {
    name: 'silence',
    placement: 'ending',
    inContent: true,
    syntax: '<silence>',
    summary: 'Sends nothing more and keeps the connection open until the client gives up (as the first line: a greeting that never comes).',
    why: 'A hung server: only the client\'s own timeouts end the wait, and it should close and retry later.',
    ref: rfc(5321, '4.5.3.2'),
  },
};

/** `<name>` or `<name argument>`, as a marker is written after `S: `; undefined when the text is not in brackets. */
export function splitServerMarker(text: string): { name: string; argument?: string; nameStart: number; argumentStart?: number } | undefined {
  const match = /^<([a-z-]*)(?: +([^>]*?))? *>$/i.exec(text);
  if (!match) return undefined;
  const name = match[1];
  if (match[2] === undefined) return { name, nameStart: 1 };
  return { name, argument: match[2], nameStart: 1, argumentStart: text.indexOf(match[2], 1 + name.length) };
}

export function lookupServerMarker(name: string): ServerMarkerSpec | undefined {
  return (SERVER_MARKER_NAMES as readonly string[]).includes(name) ? SERVER_MARKERS[name as ServerMarkerName] : undefined;
}
