// Inlay hints: what a line means that its text does not show. A pipelined group's replies stand below all of its
// commands (RFC 2920 §3.1), so each names what it answers, a link to that line. AUTH's base64 (RFC 4954 §4) reads
// decoded at the line's end, the password masked as hovers and replay output mask it.
import type { InlayHint, InlayHintLabelPart, Position, Range } from 'vscode-languageserver-types';
import { listedOpening } from '../dialogue/dialogueState';
import { isAuthCommand } from '../model/dialogueEvents';
import { payloadEndPosition, verbRange } from '../model/lineRanges';
import { comparePositions } from '../model/ranges';
import type { CommandExchange, Exchange, ReplyLine, Session, Transcript } from '../model/types';
import { refuses } from '../dialogue/lmtpRecipients';
import { authStepOf, initialResponseStep } from '../model/authSteps';
import { decodedChallenge, decodedPayload } from './authPayloads';
import { answeredRange } from './exchangePairs';
import { indexTranscript, type LineEntry, type TranscriptIndex } from './transcriptIndex';
import { everyReply } from '../model/exchangeReplies';

/** A label longer than this is cut with `…`: a hint must not push the line's own text out of sight. */
const LONGEST_LABEL = 48;

/** The hints at the ends of the lines `range` covers (LSP 3.17 `textDocument/inlayHint`). */
export function getInlayHints(uri: string, transcript: Transcript, range: Range): InlayHint[] {
  const index = indexTranscript(transcript);
  const hints: InlayHint[] = [];
  const last = Math.min(range.end.line, transcript.lines.length - 1);
  for (let line = Math.max(0, range.start.line); line <= last; line++) {
    const entry = index.at(line);
    const found = entry?.kind === 'reply' ? replyHints(uri, index, entry.session, entry.exchange, entry.reply) : entry?.kind === 'client' ? clientHints(entry) : [];
    for (const hint of found) hints.push(hint);
  }
  return hints.filter((hint) => comparePositions(hint.position, range.start) >= 0 && comparePositions(hint.position, range.end) <= 0);
}

/** On a reply's first line: what it answers, when that is not the line right above; on a 334, the challenge decoded. */
function replyHints(uri: string, index: TranscriptIndex, session: Session, exchange: Exchange, reply: ReplyLine): InlayHint[] {
  const hints: InlayHint[] = [];
  const end = payloadEndPosition(reply.payload);
  const answered = answeredRange(exchange);
  if (answered && exchange.reply?.lines[0] === reply && !standsRightAbove(index, exchange, reply.line)) {
    const line = answered.start.line;
    const answers: InlayHintLabelPart = {
      value: shortened(answeredText(exchange)),
      location: { uri, range: answered },
      tooltip: `The reply to line ${line + 1}: in a pipelined group the replies come after all of its commands, in their order (RFC 2920 §3.1).`,
    };
    hints.push({ position: end, label: [{ value: '← ' }, answers], paddingLeft: true });
  }
  const recipient = recipientOf(exchange, session, reply);
  if (recipient) {
    const label: InlayHintLabelPart = {
      value: shortened(recipient.command.line.text),
      location: { uri, range: verbRange(recipient.command) },
      tooltip: `An LMTP server answers the end of a message once for each recipient it accepted, in RCPT order (RFC 2033 §4.2): this reply is for the recipient of line ${recipient.command.line.line + 1}.`,
    };
    hints.push({ position: end, label: [{ value: '← ' }, label], paddingLeft: true });
  }
  if (reply.code && listedOpening(reply.code) === 'auth-response') {
    const challenge = decodedChallenge(reply.text);
    if (challenge) hints.push(decodedHint(end, challenge, 'The 334 challenge, decoded from base64 (RFC 4954 §4).'));
  }
  return hints;
}

/**
 * LMTP: the RCPT a reply to a message's end is for, when there are several (the first line of its `reply`, or of one of
 * its `recipientReplies`): the accepted RCPTs of the transaction, in order (RFC 2033 §4.2).
 */
function recipientOf(exchange: Exchange, session: Session, reply: ReplyLine): CommandExchange | undefined {
  if (!exchange.recipientReplies || !exchange.reply) return undefined;
  const place = everyReply(exchange).findIndex((r) => r.lines[0] === reply);
  if (place < 0) return undefined;
  const accepted: CommandExchange[] = [];
  for (let i = session.exchanges.indexOf(exchange) - 1; i >= 0; i--) {
    const before = session.exchanges[i];
    if (before.kind !== 'command') continue;
    if (before.command.verb === 'MAIL') break;
    if (before.command.verb === 'RCPT' && !refuses(before.reply?.code)) accepted.unshift(before);
  }
  return accepted[place];
}

/** An AUTH response, or the initial response on the AUTH line, decoded with its credentials masked. */
function clientHints(entry: Extract<LineEntry, { kind: 'client' }>): InlayHint[] {
  const { exchange, line } = entry;
  let decoded: string | undefined;
  if (exchange.kind === 'auth-response' && exchange.line === line && line.variables.length === 0) {
    decoded = decodedPayload(line.text, authStepOf(entry.session, exchange));
  } else if (isAuthCommand(exchange) && line.variables.length === 0) {
    const initial = exchange.command.argument.split(' ')[1];
    if (initial) decoded = decodedPayload(initial, initialResponseStep(exchange));
  }
  // Control characters are a mechanism's own (PLAIN's NULs, XOAUTH2's ^A); invalid UTF-8 was never encoded text.
  if (!decoded || decoded.includes('\uFFFD')) return [];
  return [decodedHint(payloadEndPosition(line), decoded, 'The AUTH response, decoded from base64 (RFC 4954 §4); the password masked.')];
}

function decodedHint(position: Position, text: string, tooltip: string): InlayHint {
  return { position, label: shortened(text), tooltip, paddingLeft: true };
}

/**
 * Whether the nearest line above `line` holding dialogue (comments, blank lines and server markers passed over) is
 * the exchange's own: then the reply stands where it is read anyway.
 */
function standsRightAbove(index: TranscriptIndex, exchange: Exchange, line: number): boolean {
  for (let above = line - 1; above >= 0; above--) {
    const entry = index.at(above);
    if (entry === undefined || entry.kind === 'comment' || entry.kind === 'server-marker') continue;
    return (entry.kind === 'client' || entry.kind === 'content') && entry.exchange === exchange;
  }
  return false;
}

/** What the hint names: the command as written; an AUTH response is never repeated (it holds credentials). */
function answeredText(exchange: Exchange): string {
  switch (exchange.kind) {
    case 'command':
    case 'bdat':
      return exchange.command.line.text;
    case 'message':
      return 'end of DATA';
    default:
      return 'AUTH response';
  }
}

function shortened(text: string): string {
  return text.length > LONGEST_LABEL ? `${text.slice(0, LONGEST_LABEL - 1)}…` : text;
}
