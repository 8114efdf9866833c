// What a reply does to the session where it stands: by the step it answers and its class (RFC 5321 §4.2.1: 2yz done,
// 3yz go on, 4yz not now, 5yz not at all). The reply code table says what a code means anywhere; this one says what
// it means after MAIL, after a message's end, after STARTTLS. The session state machine (dialogue/sessionState.ts)
// moves the same way; these are its moves in words.
import { XCLIENT_PAGE, XFORWARD_PAGE } from './forwardedAttributes';
import { rfc, type SpecRef } from './rfc';
import type { Verb } from './verbSpec';

export interface ReplyOutcome {
  readonly text: string;
  readonly rfc: SpecRef;
}

/** By reply class; `refused` stands for 4yz and 5yz where the two mean the same at that step. */
export interface ReplyOutcomes {
  readonly success?: ReplyOutcome;
  readonly intermediate?: ReplyOutcome;
  readonly transient?: ReplyOutcome;
  readonly permanent?: ReplyOutcome;
  readonly refused?: ReplyOutcome;
}

/** What a reply answers: the greeting, a command, a message's end (DATA's `.` or BDAT LAST), a chunk, an AUTH response. */
export type ReplyStep = 'greeting' | 'message-end' | 'chunk' | 'auth-response' | Verb;

const AUTH_OUTCOMES: ReplyOutcomes = {
  success: { text: 'the client is authenticated for the rest of the session; a further AUTH gets 503.', rfc: rfc(4954, '4') },
  intermediate: { text: 'the exchange goes on: each 334 gets one line from the client, until the server answers 235 or a refusal.', rfc: rfc(4954, '4') },
  refused: { text: 'the client is not authenticated; it may try AUTH again, with another mechanism.', rfc: rfc(4954, '4') },
};

export const REPLY_OUTCOMES: Readonly<Partial<Record<ReplyStep, ReplyOutcomes>>> = {
  greeting: {
    success: { text: 'the client names itself with EHLO (or HELO) next.', rfc: rfc(5321, '3.2') },
    refused: { text: 'the server turns the session down; it waits for QUIT and answers other commands 503.', rfc: rfc(5321, '3.1') },
  },
  EHLO: {
    success: { text: 'the session is open; the lines after the first list the service extensions the client may use.', rfc: rfc(5321, '4.1.1.1') },
    refused: { text: 'the session is not opened; a client whose EHLO is not recognized (500, 502) falls back to HELO.', rfc: rfc(5321, '3.2') },
  },
  HELO: {
    success: { text: 'the session is open, with no service extensions.', rfc: rfc(5321, '4.1.1.1') },
    refused: { text: 'the session is not opened, and no mail transaction may start before an accepted EHLO or HELO.', rfc: rfc(5321, '4.1.4') },
  },
  MAIL: {
    success: { text: 'a mail transaction is open, and RCPT commands name its recipients next.', rfc: rfc(5321, '3.3') },
    refused: { text: 'no transaction is open, so a RCPT before an accepted MAIL gets 503.', rfc: rfc(5321, '3.3') },
  },
  RCPT: {
    success: { text: 'the recipient is added to the transaction.', rfc: rfc(5321, '3.3') },
    refused: { text: 'this recipient is not added; the transaction goes on with those accepted (DATA needs at least one).', rfc: rfc(5321, '3.3') },
  },
  DATA: {
    // The code table says how the content is sent; here, what it does to the transaction.
    intermediate: { text: 'the recipients are settled and the content follows; the reply to its final `.` accepts or refuses the message as a whole.', rfc: rfc(5321, '3.3') },
    refused: { text: 'the client must not send the content, which goes only after a 354.', rfc: rfc(5321, '3.3') },
  },
  'message-end': {
    success: { text: 'the server takes full responsibility for the message; the transaction is over.', rfc: rfc(5321, '4.1.1.4') },
    transient: { text: 'the message is not taken for now; the transaction is over, and the client may send it again later.', rfc: rfc(5321, '4.2.1') },
    permanent: { text: 'the message is refused; the transaction is over, and the client should not send it again as it is.', rfc: rfc(5321, '4.2.1') },
  },
  chunk: {
    success: { text: 'the chunk is taken; more follow, the last one sent with BDAT LAST.', rfc: rfc(3030, '2') },
    refused: { text: 'the transaction has failed, and the client must not send another chunk.', rfc: rfc(3030, '2') },
  },
  RSET: {
    success: { text: 'any transaction is dropped, with its sender, recipients and content.', rfc: rfc(5321, '4.1.1.5') },
  },
  QUIT: {
    success: { text: 'the session ends, and a mail transaction not completed by its final `.` is abandoned.', rfc: rfc(5321, '4.1.1.10') },
  },
  STARTTLS: {
    success: { text: 'the TLS handshake starts at once; after it the client sends EHLO again, both sides having forgotten what they learned before.', rfc: rfc(3207, '4.2') },
    refused: { text: 'there is no TLS; the client decides by its own policy whether to go on in plain text or to end the session.', rfc: rfc(3207, '4') },
  },
  AUTH: AUTH_OUTCOMES,
  'auth-response': AUTH_OUTCOMES,
  XCLIENT: {
    success: { text: 'the server takes the attributes as the client\'s and is back at its greeting: the client sends EHLO again, and the access rules judge what follows as from that client.', rfc: XCLIENT_PAGE },
    refused: { text: 'the attributes are not taken (550: this client is not trusted for XCLIENT; 503: a mail transaction is open); the session goes on as the client it is.', rfc: XCLIENT_PAGE },
  },
  XFORWARD: {
    success: { text: 'the attributes are kept for the next mail transaction, which the server logs as from that client.', rfc: XFORWARD_PAGE },
    refused: { text: 'the attributes are not taken (550: this client is not trusted for XFORWARD; 503: a mail transaction is open).', rfc: XFORWARD_PAGE },
  },
};

/** 421 at any step (see dialogue/dialogueState.ts closesChannel). */
export const CLOSING_OUTCOME: ReplyOutcome = { text: 'the server is closing the connection, and the session ends here.', rfc: rfc(5321, '3.8') };

/** The outcome of a reply whose first digit is `classDigit` at `step`, when the table says one. */
export function replyOutcome(step: ReplyStep, classDigit: string): ReplyOutcome | undefined {
  const outcomes = REPLY_OUTCOMES[step];
  if (!outcomes) return undefined;
  switch (classDigit) {
    case '2':
      return outcomes.success;
    case '3':
      return outcomes.intermediate;
    case '4':
      return outcomes.transient ?? outcomes.refused;
    case '5':
      return outcomes.permanent ?? outcomes.refused;
    default:
      return undefined;
  }
}
