// The EHLO reply a command's arguments are completed against (RFC 5321 §4.1.1.1: a client uses only what the server
// advertised). It is read from the `S:` lines written right under each EHLO, not from the model's pairing of replies
// to commands: while a file is being edited, one half-typed `C:` line above shifts that pairing for every command
// below it, and the EHLO would lose its reply.
import { isHandshakeVerb, restartsSession, listsExtensions } from '../../knowledge/verbs';
import { verbOpens } from '../../dialogue/dialogueState';
import type { ReplyExpectation, ReplyLine, Session, Transcript } from '../../model/types';
import { readEhloCapabilities, type EhloCapabilities } from '../lint';
import { indexTranscript } from '../transcriptIndex';

export type RecordedCapabilities =
  /** The last EHLO above the line records its keywords, and nothing since reset them. */
  | { kind: 'in-force'; capabilities: EhloCapabilities; line: number }
  /**
   * The EHLO in force records none (`S: 250-*`, or no EHLO yet after STARTTLS), but an earlier one does: a good
   * guess, not a rule (RFC 3207 §4.2 makes the client forget it after STARTTLS).
   */
  | { kind: 'earlier'; capabilities: EhloCapabilities; line: number; beforeStarttls: boolean }
  | { kind: 'none' };

/** What the session's EHLO replies above `line` advertise. */
export function recordedCapabilities(transcript: Transcript, session: Session, line: number): RecordedCapabilities {
  let inForce: { capabilities?: EhloCapabilities; line: number } | undefined;
  let earlier: { capabilities: EhloCapabilities; line: number; beforeStarttls: boolean } | undefined;
  for (const exchange of session.exchanges) {
    if (exchange.kind !== 'command') continue;
    const commandLine = exchange.command.line.line;
    if (commandLine >= line) break;
    const verb = exchange.command.verb;
    // XCLIENT's 220 starts the session over as STARTTLS's does: the EHLO before it is no longer in force.
    if (!isHandshakeVerb(verb) && !restartsSession(verb)) continue;
    const reply = writtenReply(transcript, commandLine);
    // A refused command changes nothing (RFC 5321 §4.1.4, RFC 3207 §4).
    if (reply?.code && /^[45]/.test(reply.code)) continue;
    if (inForce?.capabilities) earlier = { capabilities: inForce.capabilities, line: inForce.line, beforeStarttls: verbOpens(verb) === 'tls-handshake' };
    inForce = listsExtensions(verb) ? { capabilities: reply && readEhloCapabilities(reply), line: commandLine } : undefined;
  }
  if (inForce?.capabilities) return { kind: 'in-force', capabilities: inForce.capabilities, line: inForce.line };
  return earlier ? { kind: 'earlier', ...earlier } : { kind: 'none' };
}

/** The `S:` lines written under a command line (blank and comment lines between them skipped), up to a final line. */
function writtenReply(transcript: Transcript, commandLine: number): ReplyExpectation | undefined {
  const index = indexTranscript(transcript);
  const lines: ReplyLine[] = [];
  for (let at = commandLine + 1; at < transcript.lines.length; at++) {
    const entry = index.at(at);
    if (entry === undefined && transcript.lines[at].trim() === '') continue;
    if (entry?.kind === 'comment') continue;
    if (entry?.kind !== 'reply') break;
    lines.push(entry.reply);
    if (entry.reply.separator !== '-') break;
  }
  if (lines.length === 0) return undefined;
  const last = lines[lines.length - 1];
  return {
    lines,
    code: last.code ?? lines.find((l) => l.code !== undefined)?.code,
    unterminated: last.separator === '-',
  };
}
