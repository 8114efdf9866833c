// Semantic tokens for what a TextMate grammar cannot know from one line: whether a `C:` line is a command or message
// content (headers vs body, BDAT chunk data), which reply answers EHLO, reply codes by class, settings vs variables.
import { verbOpens } from '../dialogue/dialogueState';
import type { SemanticTokens } from 'vscode-languageserver-types';
import { isSecretName } from '../model/secrets';
import { inPlaceEdits, takeMovedFrom } from '../model/shiftedParse';
import type { ClientLine, Command, Directive, Exchange, Range, ReplyLine, Session, Transcript } from '../model/types';
import { lookupDirectiveSetting } from '../settings/registry';
import { parseEnvelopeArguments } from './envelopeArguments';
import { classifyHeaderLine, collectMessages, messagesOf, type ContentLine } from './messageSections';
import { keptPerSession } from './keptPerSession';
import { sameItems, sessionStretches, type SessionStretch } from './sessionStretches';
import { replyClassModifier } from './semanticTokenLegend';
import { encode, TokenCollector, type Token } from './semanticTokenEncoding';
import { splicedRun, type EditedLineTokens, type EncodedRun, type KeptRun } from './contentTokenSplice';
import { reusedContentRun, type TokensBeside } from './reusedContentTokens';
import { editedSessionOf } from '../model/sessionLineage';
import type { ContentExchange } from '../model/contentLineage';
import { isInclude } from '../model/contentParts';
import { reparsesInPlace } from '../model/sessionCheckpoints';
import { argumentRange, enhancedCodeRange, payloadRange, replyCodeRange, replyTextRange, verbRange } from '../model/lineRanges';
import { listsExtensions } from '../knowledge/verbs';

/** Tokens of the whole document, or of the lines `range` touches, in the standard relative encoding. */
export function getSemanticTokens(transcript: Transcript, range?: Range): SemanticTokens {
  const parts = semanticTokenParts(transcript);
  return { data: range ? linesOfParts(parts, range.start.line, range.end.line) : joinTokenParts(parts) };
}

/**
 * The tokens on lines `[first, last]`, encoded on their own: read from the kept runs (the editor asks for the visible
 * lines of a 100k-line session while typing), not collected again. Overlaps were dropped line by line when the runs
 * were encoded, so whole lines taken out of them encode as collecting only those lines would.
 */
function linesOfParts(parts: readonly TokenPart[], first: number, last: number): number[] {
  const data: number[] = [];
  let line = 0;
  let start = 0;
  let emittedLine = 0;
  let emittedStart = 0;
  for (const part of parts) {
    const run = part.data;
    // A run wholly above the range: the next run's first token is on a line below it, so only the line is needed.
    if (part.lineSpan !== undefined && line + part.firstDelta + part.lineSpan < first) {
      line += part.firstDelta + part.lineSpan;
      continue;
    }
    for (let i = 0; i < run.length; i += 5) {
      const deltaLine = i === 0 ? part.firstDelta : run[i];
      line += deltaLine;
      start = deltaLine === 0 ? start + run[i + 1] : run[i + 1];
      if (line < first) continue;
      if (line > last) return data;
      data.push(line - emittedLine, line === emittedLine ? start - emittedStart : start, run[i + 2], run[i + 3], run[i + 4]);
      emittedLine = line;
      emittedStart = start;
    }
  }
  return data;
}

/**
 * A run of the whole document's tokens: `data` as encoded on its own, whose first number becomes `firstDelta` in the
 * document (the line delta from the token before). An edit leaves the other runs the same arrays.
 */
export interface TokenPart {
  data: readonly number[];
  firstDelta: number;
  /** Lines from the run's first token to its last, when known: a range request passes over the runs above it. */
  lineSpan?: number;
}

// A session's runs, kept across edits; one that only moved keeps them, moved along: a run is encoded relative to its
// first token, so only where it starts moved.
const sessionRuns = keptPerSession(encodeSession, (runs: readonly EncodedRun[], by) => runs.map((run) => ({ data: run.data, firstLine: run.firstLine + by, lastLine: run.lastLine + by })));

/**
 * The whole document's tokens as runs: the file-level directives', then each session's, encoded once and kept.
 * Runs cover increasing, disjoint lines, so encoding them one by one drops the same overlaps and gives the same
 * numbers as encoding all tokens at once (which it falls back to if lines ever overlap).
 */
export function semanticTokenParts(transcript: Transcript): TokenPart[] {
  const head = new TokenCollector();
  for (const directive of transcript.directives) directiveTokens(head, directive);
  const headData = encode(head.tokens);
  const parts: TokenPart[] = headData.length > 0 ? [{ data: headData, firstDelta: headData[0] }] : [];
  let lastLine = head.tokens.length > 0 ? head.tokens[head.tokens.length - 1].line : -1;
  for (const session of transcript.sessions) {
    for (const run of sessionRuns(session)) {
      if (run.firstLine <= lastLine) {
        const all = fromScratch(transcript);
        return all.length > 0 ? [{ data: all, firstDelta: all[0] }] : [];
      }
      parts.push({ data: run.data, firstDelta: run.firstLine - Math.max(lastLine, 0), lineSpan: run.lastLine - run.firstLine });
      lastLine = run.lastLine;
    }
  }
  return parts;
}

/** The runs as one array in the standard encoding. */
export function joinTokenParts(parts: readonly TokenPart[]): number[] {
  const data = concatenate(parts.map((part) => part.data));
  let at = 0;
  for (const part of parts) {
    data[at] = part.firstDelta;
    at += part.data.length;
  }
  return data;
}

/**
 * One array of all, each number copied once. (Joining a few thousand arrays at a time with `concat` copied what was
 * joined so far again each time: 2.3 s and 1.7 GB of memory at its peak for a 45 MB transcript's 14.8 million numbers.)
 */
function concatenate(parts: readonly (readonly number[])[]): number[] {
  let total = 0;
  for (const part of parts) total += part.length;
  // Filled first: an array made at its full length has no element kind yet, and pushing grows it by copying.
  const data = new Array<number>(total).fill(0);
  let at = 0;
  for (const part of parts) for (let i = 0; i < part.length; i++) data[at++] = part[i];
  return data;
}

/** A session's runs: one per stretch between its quiet points (`sessionStretches`), each kept with its exchanges. */
function encodeSession(session: Session): EncodedRun[] {
  const runs: EncodedRun[] = [];
  for (const stretch of sessionStretches(session)) {
    const run = stretch.index === 0 ? firstRun(session, stretch) : keptRun(session, stretch);
    if (run) runs.push(run);
  }
  // The server's own 421 ends the session: after every stretch, and not kept with any (it is rare and short).
  if (session.closingNotice) {
    const collector = new TokenCollector();
    for (const line of session.closingNotice.lines) replyLineTokens(collector, line, false);
    const tokens = collector.tokens;
    if (tokens.length > 0) runs.push({ data: encode(tokens), firstLine: tokens[0].line, lastLine: tokens[tokens.length - 1].line });
  }
  return runs;
}

// A stretch's run, kept with its first exchange: a parser that re-parses a long session from its last quiet point
// above an edit keeps the exchanges above and below as they were, so only the stretch the edit touched is encoded.
const encodedStretches = new WeakMap<Exchange, KeptRun>();

function keptRun(session: Session, stretch: SessionStretch): EncodedRun | null {
  const kept = encodedStretches.get(stretch.exchanges[0]);
  if (kept && kept.index === stretch.index && sameItems(kept.exchanges, stretch.exchanges) && sameItems(kept.directives, stretch.directives)) return kept.run;
  const run = movedRun(stretch) ?? splicedRun(kept, stretch, undefined, editedLineTokens) ?? reusedContentRun(keptBefore(session, stretch), stretch, tokensBeside(session, stretch)) ?? encodeStretch(session, stretch);
  keep(stretch, undefined, run);
  return run;
}

/**
 * The first stretch's run, which also holds the session's head (its `###` name): encoded again, unless the last one
 * can take an edit inside one message's content (contentTokenSplice.ts).
 */
function firstRun(session: Session, stretch: SessionStretch): EncodedRun | null {
  const head = session.separator?.nameRange;
  const first = stretch.exchanges[0];
  const run =
    (first && splicedRun(encodedStretches.get(first), stretch, head, editedLineTokens)) ??
    (first && reusedContentRun(keptBefore(session, stretch), stretch, tokensBeside(session, stretch))) ??
    encodeStretch(session, stretch);
  // Only a session the parser edits in place can take a splice (a short one is parsed again whole): a file of
  // thousands of short sessions keeps no entry for each.
  if (first && reparsesInPlace(session)) keep(stretch, head, run);
  return run;
}

function keep(stretch: SessionStretch, head: Range | undefined, run: EncodedRun | null): void {
  const first = stretch.exchanges[0];
  encodedStretches.set(first, { index: stretch.index, exchanges: stretch.exchanges, directives: stretch.directives, head, run, edits: inPlaceEdits(first) });
}

/** The tokens of a message's content lines, the first its `firstIndex`th part (contentTokenSplice.ts). */
const editedLineTokens: EditedLineTokens = (parts, firstIndex, inHeader) => {
  const collector = new TokenCollector();
  parts.forEach((part, i) => {
    if (isInclude(part)) return;
    contentLineTokens(collector, inHeader ? classifyHeaderLine(part, firstIndex + i > 0) : { line: part, role: 'body' });
  });
  return collector.tokens;
};

/**
 * The run of the stretch this one is a shifted copy of (lines added or removed above it), moved along: the parser
 * copied every exchange from the stretch's first to the session's end, so a stretch as long as the original one holds
 * copies of its exchanges. Its tokens are encoded relative to each other; only where they start moved.
 */
function movedRun(stretch: SessionStretch): EncodedRun | null | undefined {
  const moved = takeMovedFrom(stretch.exchanges[0]);
  const kept = moved && encodedStretches.get(moved.from);
  if (!moved || !kept || kept.index !== stretch.index || kept.exchanges.length !== stretch.exchanges.length || kept.directives.length + stretch.directives.length > 0) return undefined;
  // The run is for the stretch as it was copied, and the copy's stretch was not edited in place since.
  if (kept.edits !== moved.fromEdits || inPlaceEdits(stretch.exchanges[0]) > 0) return undefined;
  const run = kept.run && { data: kept.run.data, firstLine: kept.run.firstLine + moved.by, lastLine: kept.run.lastLine + moved.by };
  return run;
}

/**
 * The run kept for this stretch before the session was parsed again around an edit: under the previous session's
 * exchange at the index the stretch starts at, the first the parse made anew (model/sessionLineage.ts).
 */
function keptBefore(session: Session, stretch: SessionStretch): KeptRun | undefined {
  const edited = editedSessionOf(session);
  const before = edited?.from.deref();
  const at = stretch.exchanges.length > 0 ? session.exchanges.indexOf(stretch.exchanges[0], edited?.start) : -1;
  return before && at === edited!.start ? encodedStretches.get(before.exchanges[at]) : undefined;
}

/** The stretch's tokens but those of `skipped`'s content lines: its `.` line's are collected. */
function tokensBeside(session: Session, stretch: SessionStretch): TokensBeside {
  return (skipped) => {
    const tokens = stretchTokens(session, stretch, skipped);
    if (skipped.kind === 'message' && skipped.terminator) for (const token of terminatorTokens(skipped.terminator)) tokens.push(token);
    return tokens;
  };
}

function encodeStretch(session: Session, stretch: SessionStretch): EncodedRun | null {
  const tokens = stretchTokens(session, stretch);
  if (tokens.length === 0) return null;
  const data = encode(tokens); // sorts the tokens by position
  return { data, firstLine: tokens[0].line, lastLine: tokens[tokens.length - 1].line };
}

/** The stretch's tokens, unsorted; `skipped`: a message whose content lines are left out. */
function stretchTokens(session: Session, stretch: SessionStretch, skipped?: ContentExchange): Token[] {
  const collector = new TokenCollector();
  if (stretch.index === 0) collector.add(session.separator?.nameRange, 'namespace', 'declaration');
  for (const directive of stretch.directives) directiveTokens(collector, directive);
  for (const exchange of stretch.exchanges) exchangeTokens(collector, exchange);
  for (const message of collectMessages(stretch.exchanges, skipped)) {
    for (const line of message.lines) contentLineTokens(collector, line);
  }
  return collector.tokens;
}

function terminatorTokens(terminator: ClientLine): Token[] {
  const collector = new TokenCollector();
  contentLineTokens(collector, { line: terminator, role: 'terminator' });
  return collector.tokens;
}

/** The whole document's tokens collected and encoded at once, as the kept runs add up to. */
export function fromScratch(transcript: Transcript): number[] {
  const collector = new TokenCollector();
  for (const directive of transcript.directives) directiveTokens(collector, directive);
  for (const session of transcript.sessions) sessionTokens(collector, session);
  return encode(collector.tokens);
}

function sessionTokens(collector: TokenCollector, session: Session): void {
  collector.add(session.separator?.nameRange, 'namespace', 'declaration');
  for (const directive of session.directives) directiveTokens(collector, directive);
  for (const exchange of session.exchanges) exchangeTokens(collector, exchange);
  for (const message of messagesOf(session)) {
    for (const line of message.lines) contentLineTokens(collector, line);
  }
  for (const line of session.closingNotice?.lines ?? []) replyLineTokens(collector, line, false);
}

function directiveTokens(collector: TokenCollector, directive: Directive): void {
  if (lookupDirectiveSetting(directive.name)) collector.add(directive.nameRange, 'macro');
  else collector.add(directive.nameRange, 'variable', 'declaration', isSecretName(directive.name) ? 'secret' : undefined);
  collector.references(directive.value);
}

function exchangeTokens(collector: TokenCollector, exchange: Exchange): void {
  if (exchange.kind === 'command' || exchange.kind === 'bdat') commandTokens(collector, exchange.command);
  if (exchange.kind === 'auth-response') {
    // RFC 4954 §4: every AUTH response is a credential.
    collector.addAround(payloadRange(exchange.line), exchange.line, 'string', 'secret');
    collector.references(exchange.line);
  }
  const isEhlo = exchange.kind === 'command' && listsExtensions(exchange.command.verb);
  exchange.reply?.lines.forEach((line, i) => replyLineTokens(collector, line, isEhlo && i > 0));
  for (const further of exchange.recipientReplies ?? []) for (const line of further.lines) replyLineTokens(collector, line, false);
}

function commandTokens(collector: TokenCollector, command: Command): void {
  collector.add(verbRange(command), 'keyword');
  const payload = command.line;
  if (command.verb === 'MAIL' || command.verb === 'RCPT') {
    for (const parameter of parseEnvelopeArguments(command).parameters) {
      if (!parameter.keyword.includes('{')) collector.add(parameter.keywordRange, 'parameter');
    }
  } else if (verbOpens(command.verb) === 'auth-response') {
    const mechanismEnd = command.argument.indexOf(' ') < 0 ? command.argument.length : command.argument.indexOf(' ');
    const { line, character } = argumentRange(command).start;
    if (!command.argument.slice(0, mechanismEnd).includes('{')) {
      collector.add({ start: { line, character }, end: { line, character: character + mechanismEnd } }, 'enumMember');
    }
    const initial = { start: { line, character: character + mechanismEnd + 1 }, end: argumentRange(command).end };
    if (mechanismEnd < command.argument.length) collector.addAround(initial, payload, 'string', 'secret');
  } else if (verbOpens(command.verb) === 'chunk') {
    const size = /^\d+/.exec(command.argument);
    if (size) {
      const { line, character } = argumentRange(command).start;
      collector.add({ start: { line, character }, end: { line, character: character + size[0].length } }, 'number');
    }
  }
  collector.references(payload);
}

function replyLineTokens(collector: TokenCollector, line: ReplyLine, isEhloKeywordLine: boolean): void {
  collector.add(line.code === undefined ? undefined : replyCodeRange(line), 'number', replyClassModifier(line.code));
  collector.add(enhancedCodeRange(line), 'type', replyClassModifier(line.enhancedCode));
  if (isEhloKeywordLine) {
    // RFC 5321 §4.1.1.1: after the first line, each EHLO reply line is `keyword [params]`.
    const keyword = /^[A-Za-z0-9][A-Za-z0-9-]*/.exec(line.text);
    if (keyword) {
      const { line: row, character } = replyTextRange(line).start;
      collector.add({ start: { line: row, character }, end: { line: row, character: character + keyword[0].length } }, 'enumMember');
    }
  }
  collector.references(line.payload);
}

function contentLineTokens(collector: TokenCollector, content: ContentLine): void {
  const payload = content.line;
  switch (content.role) {
    case 'header':
      collector.add(content.nameRange, 'property');
      collector.addAround(content.valueRange!, payload, 'string');
      break;
    case 'terminator':
      collector.add(payloadRange(payload), 'operator');
      break;
    case 'header-end':
      break;
    default:
      collector.addAround(payloadRange(payload), payload, 'string');
  }
  collector.references(payload);
}
