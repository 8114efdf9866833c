// AUTH lines (RFC 4954 §4): base64 responses, the PLAIN message `authzid NUL authcid NUL passwd` (RFC 4616 §2), and
// credentials written literally into the file where a variable read from the environment belongs.
import { listedOpening } from '../../../dialogue/dialogueState';
import type { Session, Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup } from '../rule';
import { isBase64 } from '../../../dialogue/saslText';
import { authDialogues, decodeBase64, type AuthDialogue, type AuthLine } from './authDialogues';
import { excerpt } from './excerpt';
import { fileLiteralSecretFindings, noteSecretUses, passwordLineFinding, sessionLiteralSecretFindings } from './literalSecrets';
import { unlessNegativeTest } from './negativeTests';
import { replyTextRange } from '../../../model/lineRanges';

export const AuthRules = {
  authBase64: rule('auth-base64', 'warning', 'AUTH initial responses and answers to 334 are base64 (`=` is an empty initial response, `*` cancels).', { rfc: 4954, section: '4' }),
  authPlainPayload: rule('auth-plain-payload', 'warning', 'An AUTH PLAIN payload decodes to `authzid NUL authcid NUL passwd` with a user and a password.', { rfc: 4616, section: '2' }),
  // Info: under `@match = code` (the default) the text is not compared, and a decoded prompt (`334 Username:`, as swaks
  // prints it) reads well; under `@match = strict` it cannot match what a server sends.
  authChallengeBase64: rule('auth-challenge-base64', 'info', 'A 334 reply in an AUTH dialogue whose text is not base64 (the server challenge is base64-encoded; an empty one is `334 `).', { rfc: 4954, section: '4' }),
  authLiteralPassword: rule('auth-literal-password', 'warning', 'A password, token or key written literally in the transcript instead of read from the environment.', { rfc: 4954, section: '4' }),
};

const RULES = Object.values(AuthRules);
/** Refusals that make a broken or deliberately wrong AUTH line a negative test. */
const AUTH_REFUSALS = ['500', '501', '535'];

function checkSessionAuth(session: Session): Finding[] {
  const dialogues = authDialogues(session);
  const findings = dialogues.flatMap((dialogue) =>
    dialogue.lines.flatMap((line, index) => {
      const lineFindings = checkLine(dialogue, line, index);
      // A wrong password expecting 535 is a test of the refusal; the verdict comes at the end of the dialogue.
      const verdict = lineFindings.some((f) => f.ruleId === AuthRules.authLiteralPassword.id) ? dialogue.final : line.exchange;
      return unlessNegativeTest(lineFindings, verdict, RULES, AUTH_REFUSALS);
    }),
  );
  return [...findings, ...challenges(session), ...sessionLiteralSecretFindings(session, dialogues, AuthRules.authLiteralPassword.id)];
}

// RFC 4954 §4: "A server challenge is sent as a 334 reply with the text part containing the [BASE64] encoded string".
function challenges(session: Session): Finding[] {
  // A loop, not flatMap: it passes every exchange of the file, and few are AUTH challenges.
  const findings: Finding[] = [];
  for (const exchange of session.exchanges) {
    const reply = exchange.reply;
    const line = reply?.lines[reply.lines.length - 1];
    if (!reply || !line || listedOpening(reply.code) !== 'auth-response' || reply.lines.length !== 1) continue;
    const text = line.text.trim();
    const literal = line.code !== undefined && !line.isEllipsis && line.payload.variables.length === 0 && !text.includes('*') && !text.startsWith('/');
    if (!literal || text === '' || isBase64(text)) continue;
    findings.push({
      ruleId: AuthRules.authChallengeBase64.id,
      range: replyTextRange(line),
      message: 'A server challenge (334) carries base64 text (RFC 4954 §4): a server sends this text encoded, so it matches only under `@match = code`. Expect the base64 form, or `334 *` for any challenge.',
    });
  }
  return findings;
}

// Literal secrets in directives are judged by their uses in every session: that part looks at the whole file.
const checkFileSecrets = (transcript: Transcript): Finding[] => fileLiteralSecretFindings(transcript, AuthRules.authLiteralPassword.id);

function checkLine(dialogue: AuthDialogue, line: AuthLine, index: number): Finding[] {
  // `{{...}}` values are encoded at replay.
  if (line.hasReferences) return [];
  const initial = index === 0 && line.exchange === dialogue.command;
  if ((initial && line.text === '=') || (!initial && (line.text === '*' || line.text === ''))) return [];
  if (!isBase64(line.text)) {
    const what = dialogue.mechanism === '' ? 'AUTH' : `AUTH ${excerpt(dialogue.mechanism, 20)}`;
    return [{
      ruleId: AuthRules.authBase64.id,
      range: line.range,
      // The line itself is never quoted: it is credential material.
      message: `The ${what} ${initial ? 'initial response' : 'response to 334'} is not valid base64: AUTH ${initial ? 'initial responses' : 'responses to 334'} are base64-encoded (RFC 4954 §4). Write \`{{$base64 text}}\` to have the text encoded${initial ? ', or `=` for an empty initial response' : ', or `*` to cancel'}.`,
    }];
  }
  const decoded = decodeBase64(line.text);
  if (dialogue.mechanism === 'PLAIN' && index === 0) return plainPayload(line, decoded);
  if (dialogue.mechanism === 'LOGIN' && isLoginPassword(line, index)) {
    return [passwordLineFinding(AuthRules.authLiteralPassword.id, line.range, 'The AUTH LOGIN password is written here in base64', '{{$base64 {{password}}}}')];
  }
  return [];
}

function plainPayload(line: AuthLine, decoded: string): Finding[] {
  const fields = decoded.split('\0');
  if (fields.length !== 3 || fields[1] === '' || fields[2] === '') {
    const shape = fields.length !== 3 ? `${fields.length} NUL-separated part${fields.length === 1 ? '' : 's'}` : `an empty ${fields[1] === '' ? 'user' : 'password'}`;
    return [{
      ruleId: AuthRules.authPlainPayload.id,
      range: line.range,
      message: `This AUTH PLAIN payload decodes to ${shape}; RFC 4616 §2 needs \`authzid NUL authcid NUL passwd\` with a user and a password. Write \`{{$plain user {{password}}}}\` to have it built.`,
    }];
  }
  const user = fields[1];
  return [passwordLineFinding(AuthRules.authLiteralPassword.id, line.range, `This AUTH PLAIN payload holds the password of \`${excerpt(user)}\``, `{{$plain ${excerpt(user)} {{password}}}}`)];
}

const PASSWORD_PROMPT = /pass/i;
const USER_PROMPT = /user/i;

/** The password line of LOGIN: the answer to a challenge `Password:`, else the second line of the dialogue. */
function isLoginPassword(line: AuthLine, index: number): boolean {
  if (line.challenge !== undefined && PASSWORD_PROMPT.test(line.challenge)) return true;
  if (line.challenge !== undefined && USER_PROMPT.test(line.challenge)) return false;
  return index === 1;
}

export const authRules: RuleGroup = {
  rules: RULES,
  check: (transcript) => [...transcript.sessions.flatMap(checkSessionAuth), ...checkFileSecrets(transcript)],
  split: { bySession: checkSessionAuth, wholeFile: checkFileSecrets },
  wholeFileReads: (session) => {
    noteSecretUses(session);
    return [];
  },
};
