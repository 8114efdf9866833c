// AUTH dialogues (RFC 4954 §4): the AUTH command, its optional initial response, and the lines answering each 334
// challenge, grouped so the rules can tell which line carries which part of the credentials.
import type { AuthResponseExchange, CommandExchange, Exchange, Range, Session } from '../../../model/types';
import { range } from '../../../model/ranges';
import { isAuthCommand } from '../../../model/dialogueEvents';
import { argumentStart, payloadRange } from '../../../model/lineRanges';
import { isBase64 } from '../../../dialogue/saslText';

export interface AuthLine {
  /** The base64 text as written (`=` for an empty initial response, `*` to cancel). */
  text: string;
  range: Range;
  hasReferences: boolean;
  /** The exchange whose reply answers this line. */
  exchange: Exchange;
  /** The server's 334 challenge this line answers, decoded; undefined for the initial response. */
  challenge?: string;
}

export interface AuthDialogue {
  command: CommandExchange;
  /** Upper-cased SASL mechanism name. */
  mechanism: string;
  /** The initial response, then each line answering a 334, in order. */
  lines: AuthLine[];
  /** The last exchange of the dialogue: its reply is the verdict (235, 535, ...). */
  final: Exchange;
}

export function authDialogues(session: Session): AuthDialogue[] {
  const dialogues: AuthDialogue[] = [];
  let current: AuthDialogue | undefined;
  let previous: Exchange | undefined;
  for (const exchange of session.exchanges) {
    if (isAuthCommand(exchange)) {
      current = startDialogue(exchange);
      dialogues.push(current);
    } else if (exchange.kind === 'auth-response' && current) {
      current.lines.push(responseLine(exchange, previous));
      current.final = exchange;
    } else current = undefined;
    previous = exchange;
  }
  return dialogues;
}

function startDialogue(exchange: CommandExchange): AuthDialogue {
  const { command } = exchange;
  const [mechanism = '', initial] = command.argument.split(' ');
  const dialogue: AuthDialogue = { command: exchange, mechanism: mechanism.toUpperCase(), lines: [], final: exchange };
  if (initial !== undefined && initial !== '') {
    const start = argumentStart(command) + mechanism.length + 1;
    dialogue.lines.push({
      text: initial,
      range: range(command.line.line, start, start + initial.length),
      hasReferences: initial.includes('{{'),
      exchange,
    });
  }
  return dialogue;
}

function responseLine(exchange: AuthResponseExchange, previous: Exchange | undefined): AuthLine {
  const payload = exchange.line;
  const challengeText = previous?.reply?.lines[previous.reply.lines.length - 1]?.text;
  const line: AuthLine = { text: payload.text, range: payloadRange(payload), hasReferences: payload.variables.length > 0, exchange };
  if (challengeText !== undefined && isBase64(challengeText)) line.challenge = decodeBase64(challengeText);
  return line;
}

/** Decodes as Latin-1 so every octet (NUL included) stays one character. */
export function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('latin1');
}
