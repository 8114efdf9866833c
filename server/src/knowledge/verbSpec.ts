// The shape of one SMTP command's entry in the verb table.
import type { ExtensionKeyword } from './extensions';
import { rfc, type SpecRef } from './rfc';

export const VERBS = [
  'EHLO',
  'HELO',
  'MAIL',
  'RCPT',
  'DATA',
  'BDAT',
  'RSET',
  'VRFY',
  'EXPN',
  'HELP',
  'NOOP',
  'QUIT',
  'STARTTLS',
  'AUTH',
  'ETRN',
  'ATRN',
  'BURL',
  'TURN',
  'SEND',
  'SOML',
  'SAML',
  'XCLIENT',
  'XFORWARD',
  'LHLO',
] as const;

export type Verb = (typeof VERBS)[number];

/** What follows the verb. */
export type ArgumentKind =
  | 'none'
  | 'domain' // Domain (HELO)
  | 'domain-or-address-literal' // EHLO
  | 'reverse-path' // "FROM:" Reverse-path
  | 'forward-path' // "TO:" Forward-path
  | 'string' // String = Atom / Quoted-string (VRFY, EXPN, HELP, NOOP)
  | 'mechanism' // SASL mechanism [initial-response]
  | 'chunk-size' // BDAT octets [LAST]
  | 'node-name' // ETRN
  | 'domain-list' // ATRN
  | 'url' // BURL
  | 'attributes'; // XCLIENT, XFORWARD: name=value pairs

export type ArgumentPresence = 'required' | 'optional' | 'forbidden';

export type VerbStatus = 'current' | 'deprecated' | 'obsolete';

/**
 * How the command relates to a mail transaction (RFC 5321 §4.1.4): `starts` one (MUST NOT be sent while one is open),
 * `requires` one, `resets` the session state (ending any transaction), `neutral` (allowed any time, no effect on it),
 * `forbidden` inside one, or `unspecified` by its RFC.
 */
export type TransactionRole = 'starts' | 'requires' | 'resets' | 'neutral' | 'forbidden' | 'unspecified';

/** Where the command may stand in a pipelined group (RFC 2920 §3.1). */
export type PipelinePosition = 'anywhere' | 'last';

/** What a command opens on the connection besides commands: content, a chunk, an AUTH response, TLS, the end. */
export type VerbOpening = 'content' | 'chunk' | 'auth-response' | 'tls-handshake' | 'end';

/**
 * When the opening happens: as soon as the command is `sent` (BDAT: its chunk follows at once), or on a reply of the
 * `intermediate` (3yz) or `success` (2yz) class. `code` is the reply the command's RFC names for it.
 */
export type VerbOpens =
  | { readonly on: 'sent'; readonly opening: VerbOpening }
  | { readonly on: 'intermediate' | 'success'; readonly opening: VerbOpening; readonly code: number };

/** Replies as RFC 5321 §4.3.2 lists them: S (success), I (intermediate), E (error). */
export interface ReplySet {
  readonly success: readonly number[];
  readonly intermediate: readonly number[];
  readonly error: readonly number[];
}

/** The codes of a set that say the command went through or goes on (2xx, 3xx): any other is a refusal. */
export function positiveReplies(set: ReplySet): readonly number[] {
  return [...set.success, ...set.intermediate];
}

export interface VerbSpec {
  readonly verb: Verb;
  /** The ABNF (or RFC 821 style) line of the defining RFC. */
  readonly syntax: string;
  readonly summary: string;
  /** The defining RFC, or (XCLIENT, XFORWARD) the implementer's protocol page. */
  readonly rfc: SpecRef;
  readonly status: VerbStatus;
  /** Why the verb is deprecated or obsolete, or other things worth a line in a hover. */
  readonly note?: string;
  readonly argument: ArgumentKind;
  readonly argumentPresence: ArgumentPresence;
  /** Takes ESMTP parameters after its path (MAIL, RCPT). */
  readonly acceptsParameters: boolean;
  /**
   * The EHLO keyword a server lists when it implements the command. RFC 5321 §4.1.1.1 requires a keyword for every
   * command outside the minimum of §4.5.1 (EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, VRFY).
   */
  readonly extension?: ExtensionKeyword;
  /** VS Code snippet for completion. */
  readonly snippet: string;
  readonly replies: ReplySet;
  /** Where the reply lists come from (RFC 5321 §4.3.2 for its own commands). */
  readonly repliesRfc: SpecRef;
  /**
   * The replies that close the step an intermediate reply opened: after DATA's content and its final `.`, after an
   * AUTH response line.
   */
  readonly continuationReplies?: ReplySet;
  readonly transaction: TransactionRole;
  readonly pipelining: PipelinePosition;
  /** The text that decides `pipelining`. */
  readonly pipeliningRfc: SpecRef;
  /** What the command opens (DATA: content after 354; AUTH: a response after 334; ...). The dialogue core reads it. */
  readonly opens?: VerbOpens;
  /** EHLO, HELO, STARTTLS: the handshake, before the server's last word on its extensions (`@requires`). */
  readonly handshake?: true;
  /** EHLO, HELO, LHLO: opens the session and names the client, its argument (RFC 5321 §4.1.1.1). */
  readonly namesClient?: true;
  /** EHLO, LHLO: the reply lists the server's extensions, a keyword a line after the first (RFC 5321 §4.1.1.1). */
  readonly listsExtensions?: true;
  /**
   * LHLO: the session speaks LMTP (RFC 2033): the final `.` of a message (and BDAT LAST) is answered once for each
   * recipient the server accepted, in their order (§4.2).
   */
  readonly opensLmtp?: true;
  /** Ends any open mail transaction (RFC 5321 §4.1.1.1, §4.1.1.5; RFC 3207 §4.2); QUIT ends the session instead. */
  readonly endsTransaction?: true;
  /** May come between STARTTLS's 220 and the new EHLO without skipping it (RFC 3207 §4.2). */
  readonly allowedBeforeEhloAfterTls?: true;
  /** Never answered 530 "authentication required" (RFC 4954 §6). */
  readonly allowedBeforeAuth?: true;
  /** XCLIENT: on success the session starts over as at the greeting (the server says 220 again); EHLO comes again. */
  readonly restartsSession?: true;
}

// Building blocks for the verb tables.

export function replySet(success: readonly number[], error: readonly number[], intermediate: readonly number[] = []): ReplySet {
  return { success, intermediate, error };
}

export const NO_ARGUMENT = { argument: 'none', argumentPresence: 'forbidden', acceptsParameters: false } as const;

/** RFC 2920 §3.1: which commands may stand before the end of a pipelined group. */
export const PIPELINING_RULE = rfc(2920, '3.1');

/**
 * What the commands that open a session (EHLO, HELO, LHLO) share: they reset any transaction, end a pipelined group,
 * belong to the handshake, name the client, and may come before AUTH and right after STARTTLS's 220.
 */
export const OPENS_SESSION = {
  transaction: 'resets',
  pipelining: 'last',
  pipeliningRfc: PIPELINING_RULE,
  handshake: true,
  namesClient: true,
  endsTransaction: true,
  allowedBeforeEhloAfterTls: true,
  allowedBeforeAuth: true,
} as const;
