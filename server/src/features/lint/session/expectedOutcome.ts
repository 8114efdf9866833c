// What the transcript expects a command to achieve, read from the first digit of its expected reply (RFC 5321 §4.2.1).
import { outcomeOf, type Outcome } from '../../../dialogue/sessionState';
import { SERVER_CLOSED, type Exchange } from '../../../model/types';
import type { Finding } from '../rule';

/** `unknown`: no reply written, or a wildcard first digit (`xxx`). */
export type ExpectedOutcome = Outcome;

export function expectedOutcome(exchange: Exchange): ExpectedOutcome {
  return outcomeOf(exchange.reply?.code);
}

/** The command is expected to be refused, or the reply is written as a 4xx/5xx pattern. */
export function expectsRefusal(exchange: Exchange): boolean {
  return expectedOutcome(exchange) === 'failure';
}

/**
 * Test scripts send what a server must refuse on purpose: when the transcript expects a refusal, breaking the rule
 * is a valid negative test and the finding becomes a hint (without a fix, which would change what is tested). A reply
 * written `xxx` accepts whatever the server says, so it cannot be wrong either; nor can a close in place of the reply.
 */
export function unlessRefusalExpected(exchange: Exchange, finding: Finding): Finding {
  const code = exchange.reply?.code;
  // No reply, the server closes in its place: nothing is expected to succeed (a server dropping a client it refuses).
  if (exchange.answeredByClose) return { ruleId: finding.ruleId, range: finding.range, severity: 'hint', message: `${finding.message} The transcript expects the server to close the connection instead (\`S: ${SERVER_CLOSED}\`).` };
  if (code === undefined) return finding;
  const why = expectsRefusal(exchange)
    ? `The transcript expects the refusal (${code}): fine for a negative test.`
    : code[0] === 'x'
      ? `The transcript accepts any reply here (${code}).`
      : undefined;
  if (why === undefined) return finding;
  return { ruleId: finding.ruleId, range: finding.range, severity: 'hint', message: `${finding.message} ${why}` };
}
