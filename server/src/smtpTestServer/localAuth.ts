// AUTH on the local server (RFC 4954): PLAIN (RFC 4616), LOGIN and CRAM-MD5 (RFC 2195) against its one account.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readPlainMessage } from '../dialogue/saslPlain';
import { readCramMd5Response } from '../dialogue/saslText';
import { LOCAL_REPLIES, type Reply } from './localReplies';
import { freshChallenge } from './scriptedReplies';

export const LOCAL_AUTH_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const;

export interface AuthAccount {
  name: string;
  password: string;
}

/** Sends a 334 with `challenge` (base64) and resolves with the client's answer line; undefined when it is gone. */
export type AskClient = (challenge: string) => Promise<string | undefined>;

export type AuthOutcome = { reply: Reply; user?: string };

const CANCEL = '*';
const USERNAME_PROMPT = Buffer.from('Username:').toString('base64');
const PASSWORD_PROMPT = Buffer.from('Password:').toString('base64');

/** RFC 4954 §4: `=` is an empty initial response; otherwise base64, strictly. */
function decode(text: string): Buffer | undefined {
  if (text === '=') return Buffer.alloc(0);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Runs the mechanism's dialogue; `initial` is the initial response of the AUTH line, if any. */
export async function authenticate(mechanism: string, initial: string | undefined, ask: AskClient, account: AuthAccount): Promise<AuthOutcome | undefined> {
  const answer = async (challenge: string, given?: string): Promise<Buffer | Reply | undefined> => {
    const line = given ?? (await ask(challenge));
    if (line === undefined) return undefined;
    if (line === CANCEL) return LOCAL_REPLIES.authCancelled;
    return decode(line) ?? LOCAL_REPLIES.authUndecodable;
  };
  const verdict = (name: string, passes: boolean): AuthOutcome =>
    passes && sameText(name, account.name) ? { reply: LOCAL_REPLIES.authenticated, user: name } : { reply: LOCAL_REPLIES.authFailed };

  switch (mechanism) {
    case 'PLAIN': {
      const response = await answer('', initial);
      if (!Buffer.isBuffer(response)) return response && { reply: response };
      const message = readPlainMessage(response.toString('utf8'));
      if (!message) return { reply: LOCAL_REPLIES.authUndecodable };
      const { authzid, user, password } = message;
      return verdict(user, (authzid === '' || authzid === user) && sameText(password, account.password));
    }
    case 'LOGIN': {
      const name = await answer(USERNAME_PROMPT, initial);
      if (!Buffer.isBuffer(name)) return name && { reply: name };
      const password = await answer(PASSWORD_PROMPT);
      if (!Buffer.isBuffer(password)) return password && { reply: password };
      return verdict(name.toString('utf8'), sameText(password.toString('utf8'), account.password));
    }
    case 'CRAM-MD5': {
      if (initial !== undefined) return { reply: LOCAL_REPLIES.syntax('CRAM-MD5 takes no initial response') };
      const challenge = freshChallenge();
      const response = await answer(challenge);
      if (!Buffer.isBuffer(response)) return response && { reply: response };
      // RFC 2195 §2: `user SP hex(HMAC-MD5(password, challenge))`, the challenge as sent before base64.
      const cram = readCramMd5Response(response.toString('utf8'));
      const expected = createHmac('md5', account.password).update(Buffer.from(challenge, 'base64')).digest('hex');
      return verdict(cram?.user ?? '', cram !== undefined && sameText(cram.digest.toLowerCase(), expected));
    }
    default:
      return { reply: LOCAL_REPLIES.unknownMechanism };
  }
}
