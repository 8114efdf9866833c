// The path of MAIL FROM and RCPT TO (RFC 5321 §4.1.2): the addresses the file already uses above the cursor (the
// same verb's first, the latest first), the variables defined above whose value is an address, and for MAIL the
// null reverse-path `<>` (RFC 5321 §4.5.5). Without `FROM:`/`TO:` yet, the keyword comes with the path.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { PATH_PREFIXES, type EnvelopeVerb } from '../../dialogue/pathArgument';
import type { Command, Session, Transcript } from '../../model/types';
import { isSecretName } from '../../model/secrets';
import { definitionsAt } from '../../model/variables';
import { lookupDirectiveSetting } from '../../settings/registry';
import { parseEnvelopeArguments, type EnvelopeArguments } from '../envelopeArguments';
import { inlineCode, markdown, snippetText } from '../markdown';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { argumentStart as argumentStartOf, payloadEnd } from '../../model/lineRanges';

/** Completions for the path, or undefined when the cursor is past it (on the parameters). */
export function pathCompletions(
  transcript: Transcript,
  session: Session,
  command: Command,
  verb: EnvelopeVerb,
  envelope: EnvelopeArguments,
  position: Position,
): CompletionItem[] | undefined {
  const argumentStart = argumentStartOf(command);
  const keyword = PATH_PREFIXES[verb];
  const pathEnd = envelope.pathRange?.end.character;
  if (pathEnd !== undefined && position.character > pathEnd) return undefined;
  // On the keyword itself: nothing to offer there.
  if (envelope.keywordRange && position.character < envelope.keywordRange.end.character) return [];
  // Right after the closing `>`, the parameters come next (argumentCompletions offers them).
  if (pathEnd !== undefined && position.character === pathEnd && envelope.path?.endsWith('>')) return undefined;
  const withKeyword = envelope.keywordRange === undefined;
  const start = withKeyword ? argumentStart : (envelope.pathRange?.start.character ?? envelope.keywordRange!.end.character);
  const end = pathEnd ?? Math.max(position.character, payloadEnd(command.line));
  if (withKeyword && !keyword.startsWith(command.argument.slice(0, position.character - argumentStart).toUpperCase())) return [];
  const lead = withKeyword ? keyword : '';
  const specs: ItemSpec[] = [];
  const offered = new Set<string>();
  const offer = (path: string, detail: string, documentation: string, tier: number): void => {
    if (offered.has(path)) return;
    offered.add(path);
    specs.push({ label: `${lead}${path}`, kind: CompletionItemKind.Value, insert: snippetText(`${lead}${path}`), detail, documentation: markdown(documentation), tier });
  };
  for (const used of addressesAbove(transcript, position.line)) {
    const where = `used on line ${used.line + 1}`;
    offer(`<${used.address}>`, `${used.verb === 'MAIL' ? 'sender' : 'recipient'} ${where}`, `The ${used.verb === 'MAIL' ? 'MAIL FROM' : 'RCPT TO'} address ${where}.`, used.verb === verb ? 0 : 1);
  }
  for (const [name, directive] of definitionsAt(transcript, session, position.line)) {
    const value = directive.value.text;
    if (lookupDirectiveSetting(name) || isSecretName(name) || !value.includes('@')) continue;
    const path = value.startsWith('<') ? `{{${name}}}` : `<{{${name}}}>`;
    offer(path, `@${name} = ${value}`, `The variable ${inlineCode(`@${name}`)} (line ${directive.range.start.line + 1}).`, 2);
  }
  if (verb === 'MAIL') offer('<>', 'null reverse-path', 'The null reverse-path: a bounce or other notification that must not be answered (RFC 5321 §4.5.5).', 3);
  return completionItems(lineRange(position.line, start, end), specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}

interface UsedAddress {
  verb: EnvelopeVerb;
  address: string;
  line: number;
}

/** The MAIL and RCPT addresses written above `line`, in the whole file, the latest first. */
function addressesAbove(transcript: Transcript, line: number): UsedAddress[] {
  const used: UsedAddress[] = [];
  for (const session of transcript.sessions) {
    for (const exchange of session.exchanges) {
      if (exchange.kind !== 'command') continue;
      const { verb } = exchange.command;
      if ((verb !== 'MAIL' && verb !== 'RCPT') || exchange.command.line.line >= line) continue;
      const address = parseEnvelopeArguments(exchange.command).address;
      if (address) used.push({ verb, address, line: exchange.command.line.line });
    }
  }
  return used.reverse();
}
