// Credentials above STARTTLS: a session that asks for TLS with a `C: STARTTLS` line sends nothing that carries them
// before TLS is up (replay/tlsPolicy.ts, RFC 3207 §4: what is written with STARTTLS in its pipelined group goes out
// in clear). Replay refuses such a line and ends the session there; lint says so as an error where the line stands.
// A whole-file check: the STARTTLS line may stand far below the AUTH, past the quiet `C: MAIL` lines a long session is
// otherwise checked in segments between (segmentedLint.ts).
import { replyOpens } from '../../../dialogue/dialogueState';
import { isAuthDialogueExchange, isStarttlsCommand, targetOf } from '../../../model/dialogueEvents';
import { exchangeStartLine } from '../../../model/exchangeRange';
import { allReferences } from '../../../model/variableReferences';
import { isSecretName } from '../../../model/secrets';
import { isInclude } from '../../../model/contentParts';
import type { ClientLine, Exchange, Session, Transcript } from '../../../model/types';
import { keptPerSession } from '../../keptPerSession';
import { rule, type Finding, type RuleGroup } from '../rule';
import { sentRange } from '../session/precondition';

export const StarttlsCredentialRules = {
  credentialsBeforeStarttls: rule(
    'credentials-before-starttls',
    'error',
    'A line that sends credentials (AUTH, an answer to its 334, a `{{password}}`) above the session\'s `C: STARTTLS`, pipelined with it, or after a STARTTLS the transcript expects to be refused, without `@tls = implicit`: it would go in clear, and replay never sends it; it ends the session there.',
    { rfc: 3207, section: '4' },
  ),
};

interface Found {
  /** The lines that would send credentials before TLS is up, in the session's order (replay stops at the first). */
  credentials: Exchange[];
  starttls: Exchange;
  /** The transcript expects STARTTLS to be refused (`S: 454 ...`): TLS never starts in the session. */
  refused: boolean;
  /** STARTTLS and the credentials, in the session's order: what the check reads of the session. */
  read: Exchange[];
}

function credentialsBeforeStarttls(session: Session): Found | undefined {
  const exchanges = session.exchanges;
  const at = exchanges.findIndex(isStarttlsCommand);
  if (at < 0) return undefined;
  const starttls = exchanges[at];
  // RFC 3207 §4: only a 2xx (220) starts the handshake; no reply written says nothing either way.
  const code = starttls.reply?.code;
  const refused = code !== undefined && replyOpens(targetOf(starttls), code, 'class') !== 'tls-handshake';
  const credentials: Exchange[] = [];
  const read: Exchange[] = [];
  for (let i = 0; i < exchanges.length; i++) {
    const exchange = exchanges[i];
    // Past STARTTLS's pipelined group, TLS is up; a refused one leaves the rest of the session plain.
    if (i > at && exchange.pipelineGroup !== starttls.pipelineGroup && (!refused || credentials.length > 0)) break;
    if (i === at) read.push(exchange);
    else if (sendsCredentials(exchange)) {
      credentials.push(exchange);
      read.push(exchange);
    }
  }
  return credentials.length > 0 ? { credentials, starttls, refused, read } : undefined;
}

/** An AUTH dialogue's line (RFC 4954 §4), or a line naming a secret's variable (`{{password}}`, `{{token}}`). */
function sendsCredentials(exchange: Exchange): boolean {
  if (isAuthDialogueExchange(exchange)) return true;
  return clientLines(exchange).some((line) => line.variables.length > 0 && allReferences(line.variables).some((ref) => isSecretName(ref.name)));
}

function clientLines(exchange: Exchange): readonly ClientLine[] {
  switch (exchange.kind) {
    case 'command':
      return [exchange.command.line];
    case 'auth-response':
    case 'client-close':
      return [exchange.line];
    case 'bdat':
      return [exchange.command.line, ...exchange.parts.filter((part): part is ClientLine => !isInclude(part))];
    case 'message':
      return exchange.parts.filter((part): part is ClientLine => !isInclude(part));
    default:
      return [];
  }
}

/**
 * `@tls` where the credentials stand (the last definition above them, file-level or the session's): `implicit`
 * encrypts from the first byte, and a value written with a reference is known only at replay.
 */
function encryptedOrUnknown(transcript: Transcript, session: Session, line: number): boolean {
  let value: string | undefined;
  for (const d of transcript.directives) if (d.name === 'tls' && d.range.start.line < line) value = d.value.text;
  for (const d of session.directives) if (d.name === 'tls' && d.range.start.line < line) value = d.value.text;
  return value !== undefined && (value.includes('{{') || value.trim().toLowerCase() === 'implicit');
}

/**
 * Whether the session has such lines, kept per session text: this runs on every lint, and a session that only moved
 * is then not read, nor parsed again (a line added at the top of the file moves every session, model/movedSession.ts).
 */
const hasCredentialsBeforeStarttls = keptPerSession(
  (session: Session) => credentialsBeforeStarttls(session) !== undefined,
  (has) => has,
);

function checkCredentialsBeforeStarttls(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    if (!hasCredentialsBeforeStarttls(session)) continue;
    const found = credentialsBeforeStarttls(session);
    if (!found) continue;
    // Replay ends the session at the first of them: one finding, where it stops.
    const first = found.credentials[0];
    if (encryptedOrUnknown(transcript, session, exchangeStartLine(first))) continue;
    findings.push({ ruleId: StarttlsCredentialRules.credentialsBeforeStarttls.id, range: sentRange(first), message: messageFor(first, found) });
  }
  return findings;
}

function messageFor(first: Exchange, found: Found): string {
  const starttlsLine = exchangeStartLine(found.starttls) + 1;
  const firstLine = exchangeStartLine(first);
  if (firstLine > exchangeStartLine(found.starttls) && found.refused && first.pipelineGroup !== found.starttls.pipelineGroup) {
    return `This line sends credentials, but the transcript expects \`C: STARTTLS\` (line ${starttlsLine}) to be refused (\`${found.starttls.reply!.code}\`): the connection stays plain, so replay never sends them, and ends the session at the STARTTLS line (RFC 3207 §4). Expect \`S: 220\` to STARTTLS, or leave the credentials out of this session.`;
  }
  const where = firstLine < exchangeStartLine(found.starttls) ? `above \`C: STARTTLS\` (line ${starttlsLine})` : `in the same pipelined group as \`C: STARTTLS\` (line ${starttlsLine}), which goes out before the TLS handshake`;
  return `This line sends credentials ${where}: they would travel in clear, so replay never sends them and ends the session here (RFC 3207 §4). Send them after STARTTLS, its \`S: 220\` and the EHLO that follows it.`;
}

export const starttlsCredentialRules: RuleGroup = {
  rules: Object.values(StarttlsCredentialRules),
  check: checkCredentialsBeforeStarttls,
  // What the whole-file check reads of a session when each is dropped once checked (lintText.ts).
  wholeFileReads: (session) => (hasCredentialsBeforeStarttls(session) ? (credentialsBeforeStarttls(session)?.read ?? []) : []),
};
