// Credentials before TLS is up: a session that asks for TLS (a `C: STARTTLS` line, or `@tls = starttls`) sends
// nothing that carries them in clear (replay/tlsPolicy.ts, RFC 3207 §4: what is written with STARTTLS in its pipelined
// group goes out before the handshake). Replay refuses such a line and ends the session there; lint says so as an
// error where the line stands.
// A whole-file check: STARTTLS may stand far below the AUTH, past the quiet `C: MAIL` lines a long session is otherwise
// checked in segments between (segmentedLint.ts), and `@tls` may be a file-level setting.
import { replyOpens } from '../../../dialogue/dialogueState';
import { isAuthDialogueExchange, isStarttlsCommand, targetOf } from '../../../model/dialogueEvents';
import { exchangeStartLine } from '../../../model/exchangeRange';
import { editedSessionOf } from '../../../model/sessionLineage';
import { exchangeCount, headExchanges } from '../../../model/lazyTail';
import { allReferences } from '../../../model/variableReferences';
import { isSecretName } from '../../../model/secrets';
import { someSentLine } from '../../../model/exchangePayloads';
import { writtenTlsMode } from '../../../model/sessionTls';
import { shiftedRange } from '../../../model/ranges';
import type { ClientLine, Exchange, Range, Session, Transcript } from '../../../model/types';
import { keptPerSession } from '../../keptPerSession';
import { rule, type Finding, type RuleGroup } from '../rule';
import { sentRange } from '../session/precondition';

export const StarttlsCredentialRules = {
  credentialsBeforeStarttls: rule(
    'credentials-before-starttls',
    'error',
    'A line that sends credentials (AUTH, an answer to its 334, a `{{password}}`) before TLS is up in a session that asks for it: above `C: STARTTLS`, pipelined with it, after a STARTTLS the transcript expects to be refused, or with `@tls = starttls` and no STARTTLS line. It would go in clear, and replay never sends it; it ends the session there.',
    { rfc: 3207, section: '4' },
  ),
};

/** Where a session's first line that would send credentials in clear stands, and why; lines move with the session. */
type CredentialFacts =
  | { kind: 'none' }
  /** No STARTTLS line: the first line sending credentials (refused only under `@tls = starttls`). */
  | { kind: 'no-starttls'; first: Range }
  | { kind: 'above' | 'pipelined'; first: Range; starttlsLine: number }
  | { kind: 'refused'; first: Range; starttlsLine: number; code: string };

const NONE: CredentialFacts = { kind: 'none' };

/**
 * The facts, whether the session has a STARTTLS line, and the last exchange the scan read (an index; Infinity when it
 * read to the end): an edit below that exchange leaves the facts as they are.
 */
interface ScannedFacts {
  facts: CredentialFacts;
  starttls: boolean;
  readTo: number;
}

/** Credentials before the session's first STARTTLS can have started TLS; `none` without a STARTTLS line. */
function starttlsFactsOf(session: Session): ScannedFacts {
  return factsAfterEdit(session) ?? scannedFacts(session.exchanges);
}

/**
 * A long session edited in place (model/sessionLineage.ts): the previous session's facts when the scan read only
 * exchanges above the edit, or still none when it had no STARTTLS line and the new exchanges bring none; undefined
 * when the session must be scanned. Typing in a 100k-line session then reads the edited exchanges, not all of them.
 */
function factsAfterEdit(session: Session): ScannedFacts | undefined {
  const edit = editedSessionOf(session);
  const from = edit?.from.deref();
  const before = from && starttlsFacts.peek(from);
  if (!edit || !before) return undefined;
  if (before.readTo < edit.start) return before;
  if (before.starttls) return undefined;
  // The new exchanges are made even when the session's tail is not (model/lazyTail.ts).
  const end = edit.resume === undefined ? exchangeCount(session) : edit.start + edit.inserted;
  const exchanges = end <= headExchanges(session).length ? headExchanges(session) : session.exchanges;
  for (let i = edit.start; i < end; i++) if (isStarttlsCommand(exchanges[i])) return undefined;
  return before;
}

function scannedFacts(exchanges: readonly Exchange[]): ScannedFacts {
  let at = 0;
  while (at < exchanges.length && !isStarttlsCommand(exchanges[at])) at++;
  if (at === exchanges.length) return { facts: NONE, starttls: false, readTo: Infinity };
  const starttls = exchanges[at];
  const starttlsLine = exchangeStartLine(starttls);
  for (let i = 0; i < at; i++) if (sendsCredentials(exchanges[i])) return { facts: { kind: 'above', first: sentRange(exchanges[i]), starttlsLine }, starttls: true, readTo: at };
  // RFC 3207 §4: only a 2xx (220) starts the handshake; no reply written says nothing either way.
  const code = starttls.reply?.code;
  const refused = code !== undefined && replyOpens(targetOf(starttls), code, 'class') !== 'tls-handshake';
  for (let i = at + 1; i < exchanges.length; i++) {
    const exchange = exchanges[i];
    const pipelined = exchange.pipelineGroup === starttls.pipelineGroup;
    // Past STARTTLS's pipelined group TLS is up, unless the transcript expects STARTTLS to be refused.
    if (!pipelined && !refused) return { facts: NONE, starttls: true, readTo: i };
    if (!sendsCredentials(exchange)) continue;
    const first = sentRange(exchange);
    return { facts: pipelined ? { kind: 'pipelined', first, starttlsLine } : { kind: 'refused', first, starttlsLine, code: code! }, starttls: true, readTo: i };
  }
  return { facts: NONE, starttls: true, readTo: Infinity };
}

/** The first line sending credentials in a session without a STARTTLS line (asked only under `@tls = starttls`). */
function noStarttlsFactsOf(session: Session): CredentialFacts {
  // Whether the session has a STARTTLS line is kept with the other facts: not scanned for again.
  if (starttlsFacts(session).starttls) return NONE;
  const first = session.exchanges.find(sendsCredentials);
  return first ? { kind: 'no-starttls', first: sentRange(first) } : NONE;
}

function movedFacts(facts: CredentialFacts, by: number): CredentialFacts {
  if (facts.kind === 'none') return facts;
  const first = shiftedRange(facts.first, by);
  return facts.kind === 'no-starttls' ? { kind: 'no-starttls', first } : { ...facts, first, starttlsLine: facts.starttlsLine + by };
}

// Kept per session text: the check runs on every lint, and a session that only moved is then not read, nor parsed
// again (a line added at the top of the file moves every session, model/movedSession.ts).
const starttlsFacts = keptPerSession(starttlsFactsOf, (scanned: ScannedFacts, by) => ({ ...scanned, facts: movedFacts(scanned.facts, by) }));
const noStarttlsFacts = keptPerSession(noStarttlsFactsOf, movedFacts);

/** An AUTH dialogue's line (RFC 4954 §4), or a line naming a secret's variable (`{{password}}`, `{{token}}`). */
function sendsCredentials(exchange: Exchange): boolean {
  return isAuthDialogueExchange(exchange) || someSentLine(exchange, namesSecret);
}

function namesSecret(line: ClientLine): boolean {
  return line.variables.length > 0 && allReferences(line.variables).some((ref) => isSecretName(ref.name));
}

function messageOf(facts: Exclude<CredentialFacts, { kind: 'none' }>): string {
  const refusedHere = 'so replay never sends them and ends the session here (RFC 3207 §4)';
  switch (facts.kind) {
    case 'no-starttls':
      return `This line sends credentials, but the session asks for TLS with \`@tls = starttls\` and never sends \`C: STARTTLS\`: they would travel in clear, ${refusedHere}. Write \`C: STARTTLS\`, its \`S: 220\` and a new EHLO above this line, or use \`@tls = implicit\` for a port with TLS from the first byte.`;
    case 'refused':
      return `This line sends credentials, but the transcript expects \`C: STARTTLS\` (line ${facts.starttlsLine + 1}) to be refused (\`${facts.code}\`): the connection stays plain, so replay never sends them, and ends the session at the STARTTLS line (RFC 3207 §4). Expect \`S: 220\` to STARTTLS, or leave the credentials out of this session.`;
    case 'above':
    case 'pipelined': {
      const where = facts.kind === 'above' ? `above \`C: STARTTLS\` (line ${facts.starttlsLine + 1})` : `in the same pipelined group as \`C: STARTTLS\` (line ${facts.starttlsLine + 1}), which goes out before the TLS handshake`;
      return `This line sends credentials ${where}: they would travel in clear, ${refusedHere}. Send them after STARTTLS, its \`S: 220\` and the EHLO that follows it.`;
    }
  }
}

function checkCredentialsBeforeTls(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    const mode = writtenTlsMode(transcript, session);
    // `@tls = implicit` encrypts from the first byte; without a STARTTLS line only `@tls = starttls` asks for TLS.
    if (mode === 'implicit' || mode === 'reference') continue;
    let facts = starttlsFacts(session).facts;
    if (facts.kind === 'none' && mode === 'starttls') facts = noStarttlsFacts(session);
    if (facts.kind === 'none') continue;
    findings.push({ ruleId: StarttlsCredentialRules.credentialsBeforeStarttls.id, range: facts.first, message: messageOf(facts) });
  }
  return findings;
}

export const starttlsCredentialRules: RuleGroup = {
  rules: Object.values(StarttlsCredentialRules),
  check: checkCredentialsBeforeTls,
  // The check reads no exchange, only what is kept for each session: noted while the whole session is at hand
  // (lintText.ts drops its exchanges once checked).
  wholeFileReads: (session, transcript) => {
    starttlsFacts(session);
    if (writtenTlsMode(transcript, session) === 'starttls') noStarttlsFacts(session);
    return [];
  },
};
