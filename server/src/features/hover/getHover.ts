// Hover by what is under the cursor: a variable or built-in, a verb, a MAIL/RCPT parameter, an AUTH mechanism or
// payload, a reply code, an enhanced status code, an EHLO keyword, a header field name, a directive name, a rule id
// in a suppression comment, a `###` separator, `<closed>`, `<close>`, `...` and the scripted server's markers.
import { listedOpening, verbOpens } from '../../dialogue/dialogueState';
import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { lookupExtension, lookupHeaderField, lookupMailParameter, lookupServerLimit, lookupVerb, suggestVerb } from '../../knowledge';
import { containsPosition } from '../../model/ranges';
import { contentCutAt } from '../../model/dialogueEvents';
import type { ClientLine, Command, Exchange, ReplyLine, Session, Transcript } from '../../model/types';
import { stuffedDots } from '../../dialogue/framing';
import { parseEnvelopeArguments } from '../envelopeArguments';
import { markdown } from '../markdown';
import { messageOf } from '../messageSections';
import { mimeIncludeDocumentation } from '../mimeIncludeModes';
import {
  endOfDataDocumentation,
  enhancedCodeDocumentation,
  extensionDocumentation,
  headerDocumentation,
  mechanismDocumentation,
  parameterDocumentation,
  replyCodeDocumentation,
  serverLimitDocumentation,
  stuffedLineDocumentation,
  verbDocumentation,
} from '../protocolDocumentation';
import { indexTranscript } from '../transcriptIndex';
import { referencesOnLine } from '../variableNavigation';
import { serverMarkerDocumentation } from '../serverMarkerDocumentation';
import { authTagHover } from './authHeaderHover';
import { bdatArgumentHover } from './bdatHover';
import { authStepOf, initialResponseStep } from '../../model/authSteps';
import { authPayloadHover } from './authPayloadHover';
import { decodedChallenge } from '../authPayloads';
import { clientCloseHover, closedHover, ellipsisHover, noticeHover, sessionHover, suppressionHover } from './markerHover';
import { definitionHover, referenceHover } from './variableHover';
import { replyOutcomeParagraph } from '../replyOutcomeText';
import type { ActiveEnvironment } from '../../model/environments';
import { argumentRange, enhancedCodeRange, payloadRange, replyCodeRange, replyTextRange, verbRange } from '../../model/lineRanges';
import { listsExtensions } from '../../knowledge/verbs';

/** `environment`: the chosen environment of smtp-environments.json, whose variables a reference may name. */
export function getHover(transcript: Transcript, position: Position, environment?: ActiveEnvironment): Hover | undefined {
  const index = indexTranscript(transcript);
  const entry = index.at(position.line);
  if (!entry) return undefined;
  const session = entry.session;
  // Innermost first: a nested `{{user}}` inside `{{$plain ...}}` wins over the built-in.
  const refs = referencesOnLine(transcript, position.line).filter((r) => containsPosition(r.range, position));
  const ref = refs.find((r) => containsPosition(r.nameRange, position)) ?? refs[refs.length - 1];
  if (ref) return hover(referenceHover(transcript, session, ref, environment), ref.range);
  switch (entry.kind) {
    case 'directive':
      return containsPosition(entry.directive.nameRange, position)
        ? hover(definitionHover(transcript, entry.directive), entry.directive.nameRange)
        : undefined;
    case 'client':
      if (entry.exchange.kind === 'command' || entry.exchange.kind === 'bdat') return commandHover(entry.exchange, position);
      if (entry.exchange.kind === 'client-close' && containsPosition(payloadRange(entry.line), position)) {
        return clientCloseHover(payloadRange(entry.line), contentCutAt(entry.session.exchanges, entry.session.exchanges.lastIndexOf(entry.exchange)));
      }
      if (entry.exchange.kind === 'auth-response' && containsPosition(payloadRange(entry.line), position)) {
        return hover(authPayloadHover(entry.line.text, authStepOf(entry.session, entry.exchange)), payloadRange(entry.line));
      }
      return undefined;
    case 'reply':
      if (entry.reply.isEllipsis) return containsPosition(payloadRange(entry.reply.payload), position) ? ellipsisHover(transcript, entry.session, entry.reply) : undefined;
      return replyHover(entry.exchange, entry.reply, position);
    case 'content': {
      const mime = entry.include?.mime;
      if (mime && containsPosition(mime.modeRange, position)) return hover(mimeIncludeDocumentation(mime.mode), mime.modeRange);
      return framingHover(entry.exchange, entry.line, position) ?? contentHover(entry.session, entry.exchange, position);
    }
    case 'comment':
      return suppressionHover(transcript, entry.comment, position);
    case 'separator':
      return sessionHover(transcript, entry.session);
    case 'closed':
      return closedHover(position, transcript.lines[position.line]);
    case 'notice':
      return codeHover(entry.reply, position) ?? (containsPosition(replyTextRange(entry.reply), position) ? noticeHover(replyTextRange(entry.reply)) : undefined);
    case 'server-marker': {
      const range = entry.marker.range;
      const start = transcript.lines[position.line].indexOf('<');
      if (position.character < start) return undefined;
      return { contents: serverMarkerDocumentation(entry.marker.name), range: { start: { line: range.start.line, character: start }, end: range.end } };
    }
    default:
      return undefined;
  }
}

function hover(contents: MarkupContent, range: Range): Hover {
  return { contents, range };
}

function commandHover(exchange: Exchange & { command: Command }, position: Position): Hover | undefined {
  const command = exchange.command;
  if (containsPosition(verbRange(command), position)) {
    const spec = lookupVerb(command.verbText);
    if (spec) return hover(verbDocumentation(spec), verbRange(command));
    const suggestion = suggestVerb(command.verbText);
    return hover(
      markdown(`**${command.verbText}**: not a known SMTP command.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`),
      verbRange(command),
    );
  }
  if (exchange.kind === 'bdat') return bdatArgumentHover(exchange, position);
  if (command.verb === 'MAIL' || command.verb === 'RCPT') {
    const parameter = parseEnvelopeArguments(command).parameters.find((p) => containsPosition(p.keywordRange, position));
    const spec = parameter && lookupMailParameter(command.verb, parameter.keyword);
    return spec && parameter ? hover(parameterDocumentation(spec), parameter.keywordRange) : undefined;
  }
  if (verbOpens(command.verb) === 'auth-response' && exchange.kind === 'command') {
    const [mechanism = '', initial] = command.argument.split(' ');
    const { line, character } = argumentRange(command).start;
    const mechanismRange = { start: { line, character }, end: { line, character: character + mechanism.length } };
    if (mechanism && containsPosition(mechanismRange, position)) return hover(mechanismDocumentation(mechanism.toUpperCase()), mechanismRange);
    const initialStart = character + mechanism.length + 1;
    const initialRange = { start: { line, character: initialStart }, end: { line, character: initialStart + (initial?.length ?? 0) } };
    if (initial && containsPosition(initialRange, position)) return hover(authPayloadHover(initial, initialResponseStep(exchange)), initialRange);
  }
  return undefined;
}

/** The reply code or the enhanced status code under the cursor, explained; `here`: what the code does where it stands. */
function codeHover(reply: ReplyLine, position: Position, here?: (code: string) => string | undefined): Hover | undefined {
  const code = replyCodeRange(reply);
  if (reply.code && containsPosition(code, position)) return hover(replyCodeDocumentation(reply.code, here?.(reply.code)), code);
  const enhanced = enhancedCodeRange(reply);
  if (reply.enhancedCode && enhanced && containsPosition(enhanced, position)) return hover(enhancedCodeDocumentation(reply.enhancedCode), enhanced);
  return undefined;
}

function replyHover(exchange: Exchange, reply: ReplyLine, position: Position): Hover | undefined {
  const coded = codeHover(reply, position, (code) => replyOutcomeParagraph(exchange, code));
  if (coded) return coded;
  if (!containsPosition(replyTextRange(reply), position)) return undefined;
  const verb = exchange.kind === 'command' ? exchange.command.verb : undefined;
  if (listsExtensions(verb) && exchange.reply?.lines[0] !== reply) return ehloLineHover(reply, position);
  if (listedOpening(reply.code) === 'auth-response') {
    const challenge = decodedChallenge(reply.text);
    if (challenge !== undefined) return hover(markdown('**334 challenge**, decoded:', '```text\n' + challenge + '\n```'), replyTextRange(reply));
  }
  return undefined;
}

/**
 * `250-AUTH PLAIN LOGIN`: the keyword, or one of the mechanisms after AUTH (RFC 5321 §4.1.1.1, RFC 4954 §3), or a limit
 * name after LIMITS (RFC 9422 §4).
 */
function ehloLineHover(reply: ReplyLine, position: Position): Hover | undefined {
  const { line, character: start } = replyTextRange(reply).start;
  const words = /[^ =]+/g;
  let keyword: string | undefined;
  for (let match = words.exec(reply.text); match; match = words.exec(reply.text)) {
    const range = { start: { line, character: start + match.index }, end: { line, character: start + match.index + match[0].length } };
    keyword ??= match[0].toUpperCase();
    if (!containsPosition(range, position)) continue;
    if (match.index === 0) {
      const spec = lookupExtension(match[0]);
      return spec ? hover(extensionDocumentation(spec), range) : hover(markdown(`**${match[0]}**: an EHLO keyword not in the IANA registry.`), range);
    }
    if (keyword === 'AUTH') return hover(mechanismDocumentation(match[0].toUpperCase()), range);
    const limit = keyword === 'LIMITS' ? lookupServerLimit(match[0]) : undefined;
    return limit ? hover(serverLimitDocumentation(limit), range) : undefined;
  }
  return undefined;
}

/** DATA content's framing (RFC 5321 §4.5.2): the final `.`, and the doubled period of a dot-stuffed line. BDAT has none. */
function framingHover(exchange: Exchange, line: ClientLine | undefined, position: Position): Hover | undefined {
  if (exchange.kind !== 'message' || !line) return undefined;
  const written = payloadRange(line);
  if (line === exchange.terminator) return containsPosition(written, position) ? hover(endOfDataDocumentation(), written) : undefined;
  if (stuffedDots(line.text) === 0) return undefined;
  const dots = { start: written.start, end: { line: written.start.line, character: written.start.character + 2 } };
  return containsPosition(dots, position) ? hover(stuffedLineDocumentation(line.text), dots) : undefined;
}

function contentHover(session: Session, exchange: Exchange, position: Position): Hover | undefined {
  if (exchange.kind !== 'message' && exchange.kind !== 'bdat') return undefined;
  const message = messageOf(session, exchange);
  const content = message?.lines.find((l) => l.line.line === position.line);
  if (message && (content?.role === 'header' || content?.role === 'header-continuation') && !(content.nameRange && containsPosition(content.nameRange, position))) {
    return authTagHover(message, position);
  }
  if (content?.role !== 'header' || !content.nameRange || !containsPosition(content.nameRange, position)) return undefined;
  const spec = lookupHeaderField(content.name!);
  return spec ? hover(headerDocumentation(spec), content.nameRange) : undefined;
}
