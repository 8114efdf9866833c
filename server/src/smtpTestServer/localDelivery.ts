// The end of a message on the local server: store it, judge it when receiving checks are on (an enforcing server
// refuses with the RFC 7372 code, sent as is), report it, and answer.
import { authenticateStoredMessage, type LocalAuthenticationOptions } from './messageAuthentication';
import { storeMessage, type ReceivedMessage } from './messageStore';
import { LOCAL_REPLIES, reply, type Reply } from './localReplies';
import type { Envelope } from './localEnvelope';
import type { NewestItems } from './newestItems';
import { answerWord } from '../mailauth/enforcement';

export interface AuthenticationReport {
  id: string;
  mailFrom: string;
  /** `spf=pass dkim=pass dmarc=pass arc=none` */
  summary: string;
  /** The reply when an enforcing server refused the message: `550 5.7.26 ...`. */
  refused?: string;
}

export interface DeliveryTarget {
  mailDir: string;
  /** The newest messages stored, and how many in all. */
  messages: NewestItems<ReceivedMessage>;
  authentication?: LocalAuthenticationOptions;
  onMessage?: (message: ReceivedMessage) => void;
  onAuthentication?: (report: AuthenticationReport) => void;
  onLog?: (line: string) => void;
}

export interface DeliveredFrom {
  id: string;
  envelope: Envelope;
  secure: boolean;
  user?: string;
  remoteAddress: string;
  helo: string;
}

export async function deliverMessage(content: Buffer, from: DeliveredFrom, target: DeliveryTarget): Promise<Reply> {
  let message: ReceivedMessage;
  try {
    message = await storeMessage(content, target.mailDir, {
      id: from.id,
      mailFrom: from.envelope.mailFrom,
      recipients: [...from.envelope.recipients],
      secure: from.secure,
      ...(from.user !== undefined ? { user: from.user } : {}),
    });
  } catch (error) {
    return LOCAL_REPLIES.notStored(`Could not store the message: ${(error as Error).message}`);
  }
  if (target.authentication) {
    let judged;
    try {
      judged = await authenticateStoredMessage(message.file, { ip: from.remoteAddress, helo: from.helo, mailFrom: message.mailFrom }, target.authentication);
    } catch (error) {
      // A temporary failure (RFC 5321 §4.2.1, 4yz): the checks could not run; the client may try again.
      return LOCAL_REPLIES.notStored(`Could not check the message's authentication: ${(error as Error).message}`);
    }
    const rejection = judged.rejection;
    const refused = rejection && `${rejection.code} ${rejection.enhanced} ${rejection.text}`;
    target.onLog?.(`info auth ${message.id}: ${judged.summary}${refused ? `: ${answerWord(refused)} ${refused}` : ''}`);
    target.onAuthentication?.({ id: message.id, mailFrom: message.mailFrom, summary: judged.summary, ...(refused ? { refused } : {}) });
    if (rejection) return reply(rejection.code, rejection.enhanced, rejection.text);
    message.authentication = judged.summary;
    message.authenticationResults = judged.verdict.headers;
    message.size += Buffer.byteLength(judged.verdict.headers, 'latin1');
  }
  target.messages.add(message);
  target.onMessage?.(message);
  return LOCAL_REPLIES.stored(message.id);
}
