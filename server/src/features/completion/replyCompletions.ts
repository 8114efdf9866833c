// In `S:` lines: the reply codes valid for what is being answered (RFC 5321 §4.3.2 via the verb table) with their
// standard text; the code of a reply being continued; EHLO keywords in an EHLO reply, and the limit names after
// LIMITS (RFC 9422); enhanced status codes of the reply's class (RFC 3463).
import { splitReplyLine } from '../../dialogue/replyLine';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import {
  ANY_COMMAND_REPLY_CODES,
  ENHANCED_STATUS_CODES,
  EXTENSIONS,
  EXTENSION_KEYWORDS,
  GREETING_REPLY_CODES,
  REPLY_CODES,
  SERVER_LIMITS,
  SERVER_LIMIT_NAMES,
  lookupReplyCode,
  lookupVerb,
  type ReplySet,
} from '../../knowledge';
import type { Exchange, ReplyLine } from '../../model/types';
import { markdown, snippetText } from '../markdown';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { enhancedCodeDocumentation, extensionDocumentation, replyCodeDocumentation, serverLimitDocumentation } from '../protocolDocumentation';
import { replyOutcomeParagraph } from '../replyOutcomeText';
import { listsExtensions } from '../../knowledge/verbs';

/**
 * `payloadStart`: where the text after `S: ` starts; `leadingSpace`: the cursor is right after `S:`.
 * `exchange`/`reply`: what the line answers, when the model knows. `afterReply`: the line follows `exchange`'s reply
 * without being part of it yet (a new line under a reply that ended).
 */
export function replyCompletions(
  position: Position,
  lineText: string,
  payloadStart: number,
  leadingSpace: boolean,
  exchange: Exchange | undefined,
  reply: ReplyLine | undefined,
  afterReply = false,
): CompletionItem[] {
  const payload = lineText.slice(payloadStart);
  const typed = lineText.slice(payloadStart, position.character);
  const codeTyped = /^[0-9xX]{0,3}$/.exec(typed);
  if (codeTyped) {
    const codeEnd = payloadStart + (/^[0-9xX]*/.exec(payload)?.[0].length ?? 0);
    const separator = lineText[codeEnd];
    const hasText = lineText.slice(codeEnd).trim() !== '';
    const range = lineRange(position.line, payloadStart, separator === ' ' || separator === '-' ? codeEnd + 1 : codeEnd);
    return afterReply ? codeCompletions(undefined, undefined, range, hasText, leadingSpace) : codeCompletions(exchange, reply, range, hasText, leadingSpace);
  }
  // After a final-class code and its separator, a word being typed (an enhanced code or an EHLO keyword).
  const afterCode = splitReplyLine(typed, 'wire');
  const limits = afterCode && isEhloKeywordLine(exchange, reply) ? /^LIMITS((?: +[A-Za-z0-9-]+=\d*)*) +([A-Za-z]*)$/i.exec(afterCode.text) : null;
  if (limits) return serverLimitCompletions(position, limits[2].length, limits[1]);
  if (!afterCode || afterCode.separator === '' || !/^[2-5]/.test(afterCode.code) || !/^[A-Za-z0-9.-]*$/.test(afterCode.text)) return [];
  const firstDigit = afterCode.code[0];
  const wordStart = position.character - afterCode.text.length;
  const wordEnd = wordStart + (/^[^ ]*/.exec(lineText.slice(wordStart))?.[0].length ?? 0);
  const range = lineRange(position.line, wordStart, wordEnd);
  if (isEhlo(exchange) && firstDigit === '2') {
    // The first line of an EHLO reply names the server (RFC 5321 §4.1.1.1); the others are keywords.
    return afterReply || isEhloKeywordLine(exchange, reply) ? ehloKeywordCompletions(range) : [];
  }
  if (firstDigit === '3' || /[A-Za-z]/.test(afterCode.text)) return [];
  return enhancedCodeCompletions(Number(firstDigit), range);
}

function codeCompletions(
  exchange: Exchange | undefined,
  reply: ReplyLine | undefined,
  range: ReturnType<typeof lineRange>,
  hasText: boolean,
  leadingSpace: boolean,
): CompletionItem[] {
  const lead = leadingSpace ? ' ' : '';
  const specs: ItemSpec[] = [];
  const continued = previousLineOfReply(exchange, reply);
  if (continued?.code) {
    // RFC 5321 §4.2.1: every line of a multi-line reply carries the same code.
    specs.push(
      { label: `${continued.code}-`, kind: CompletionItemKind.Value, insert: `${lead}${continued.code}-`, detail: 'continue the reply', documentation: markdown(`Another line of the \`${continued.code}\` reply; \`-\` says more lines follow (RFC 5321 §4.2.1).`) },
      { label: `${continued.code} `, kind: CompletionItemKind.Value, insert: `${lead}${continued.code} `, detail: 'last line of the reply', documentation: markdown(`The last line of the \`${continued.code}\` reply: the code followed by a space (RFC 5321 §4.2.1).`) },
    );
    return completionItems(range, specs);
  }
  const valid = validReplies(exchange);
  const seen = new Set<number>();
  const add = (code: number, tier: number, role: string): void => {
    const spec = lookupReplyCode(code);
    if (seen.has(code) || !spec) return;
    seen.add(code);
    specs.push({
      label: String(code),
      kind: CompletionItemKind.Value,
      // The space is inside the placeholder: typing `-` over it makes the first line of a multi-line reply (`250-`).
      insert: `${lead}${code}${hasText ? '' : `\${1: ${snippetText(spec.text)}}`}`,
      detail: `${role} · ${spec.text}`,
      documentation: replyCodeDocumentation(String(code), exchange && replyOutcomeParagraph(exchange, String(code))),
      tier,
    });
  };
  if (valid) {
    for (const code of valid.success) add(code, 0, 'success');
    for (const code of valid.intermediate) add(code, 0, 'intermediate');
    for (const code of valid.error) add(code, 1, 'error');
    // RFC 5321 §4.3.2: any command may get 500, 501 or 421; 421 may come at any point.
    const isCommand = exchange?.kind === 'command' || exchange?.kind === 'bdat';
    for (const code of isCommand ? ANY_COMMAND_REPLY_CODES : [421]) add(code, 2, 'error');
  } else {
    for (const code of REPLY_CODES.keys()) add(code, 1, `${String(code)[0]}xx`);
  }
  return completionItems(range, specs);
}

/** The reply sets the verb table gives for what `exchange` answers; undefined when unknown. */
function validReplies(exchange: Exchange | undefined): ReplySet | undefined {
  switch (exchange?.kind) {
    case 'greeting':
      return { success: GREETING_REPLY_CODES.success, intermediate: [], error: GREETING_REPLY_CODES.error };
    case 'command':
    case 'bdat':
      return lookupVerb(exchange.command.verbText)?.replies;
    case 'auth-response':
      return lookupVerb('AUTH')?.continuationReplies;
    case 'message':
      return lookupVerb('DATA')?.continuationReplies;
    default:
      return undefined;
  }
}

function previousLineOfReply(exchange: Exchange | undefined, reply: ReplyLine | undefined): ReplyLine | undefined {
  const lines = exchange?.reply?.lines;
  if (!lines || !reply) return undefined;
  const at = lines.indexOf(reply);
  const previous = at > 0 ? lines[at - 1] : undefined;
  return previous?.separator === '-' ? previous : undefined;
}

function isEhlo(exchange: Exchange | undefined): boolean {
  return exchange?.kind === 'command' && listsExtensions(exchange.command.verb);
}

/** A line of an EHLO reply after its first (which names the server). */
function isEhloKeywordLine(exchange: Exchange | undefined, reply: ReplyLine | undefined): boolean {
  return isEhlo(exchange) && reply !== undefined && exchange!.reply?.lines[0] !== reply;
}

/** After `250-LIMITS `: the limit names RFC 9422 §4 registers that the line does not give yet, as `NAME=`. */
function serverLimitCompletions(position: Position, typedLength: number, written: string): CompletionItem[] {
  const given = new Set(written.trim().split(/\s+/).map((param) => param.split('=')[0].toUpperCase()));
  const range = lineRange(position.line, position.character - typedLength, position.character);
  const specs: ItemSpec[] = SERVER_LIMIT_NAMES.filter((name) => !given.has(name)).map((name) => ({
    label: `${name}=`,
    kind: CompletionItemKind.Property,
    insert: `${name}=`,
    detail: SERVER_LIMITS[name].counts,
    documentation: serverLimitDocumentation(SERVER_LIMITS[name]),
  }));
  return completionItems(range, specs);
}

function ehloKeywordCompletions(range: ReturnType<typeof lineRange>): CompletionItem[] {
  const specs: ItemSpec[] = EXTENSION_KEYWORDS.map((keyword) => {
    const spec = EXTENSIONS[keyword];
    return {
      label: keyword,
      kind: CompletionItemKind.EnumMember,
      insert: snippetText(keyword),
      detail: spec.title,
      documentation: extensionDocumentation(spec),
      tier: spec.status === 'registered' ? 0 : 1,
    };
  });
  return completionItems(range, specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}

function enhancedCodeCompletions(replyClass: number, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const specs: ItemSpec[] = ENHANCED_STATUS_CODES.filter((spec) => !spec.deprecated).map((spec) => {
    const code = `${replyClass}.${spec.subject}.${spec.detail}`;
    return {
      label: code,
      kind: CompletionItemKind.Value,
      insert: `${code} `,
      detail: spec.title,
      documentation: enhancedCodeDocumentation(code),
    };
  });
  return completionItems(range, specs);
}
