// Hover on a BDAT command's arguments (RFC 3030 §2): the chunk size it declares beside the octets the lines below it
// hold, and what LAST says.
import type { Hover, Position } from 'vscode-languageserver-types';
import { isInclude } from '../../model/contentParts';
import { argumentRange } from '../../model/lineRanges';
import { containsPosition, range } from '../../model/ranges';
import type { BdatExchange } from '../../model/types';
import { rfc } from '../../knowledge';
import { markdown, specLink } from '../markdown';

/** The parse read the arguments (`declaredSize`, `last`: dialogue/framing.ts parseBdatArgument); here, where they stand. */
export function bdatArgumentHover(exchange: BdatExchange, position: Position): Hover | undefined {
  if (exchange.declaredSize === undefined) return undefined;
  const argument = exchange.command.argument;
  const { line, character } = argumentRange(exchange.command).start;
  const sizeText = /^\S+/.exec(argument)![0];
  const size = range(line, character, character + sizeText.length);
  if (containsPosition(size, position)) return { contents: sizeDocumentation(exchange, sizeText), range: size };
  if (!exchange.last) return undefined;
  const lastAt = argument.trimEnd().length - 'LAST'.length;
  const last = range(line, character + lastAt, character + lastAt + 'LAST'.length);
  if (!containsPosition(last, position)) return undefined;
  return {
    contents: markdown('**LAST**: the message\'s final chunk. The reply to it answers the whole message, and a further BDAT needs a new MAIL.', specLink(rfc(3030, '2'))),
    range: last,
  };
}

function sizeDocumentation(exchange: BdatExchange, written: string) {
  // Included files are counted when the transcript is sent: without them the lines hold at least this much.
  const atLeast = exchange.parts.some(isInclude) ? 'at least ' : '';
  const held = `The lines written below it hold ${atLeast}${exchange.chunkOctets} octets${exchange.endsMidLine ? ' (the last one without its CRLF)' : ''}.`;
  const declared = written === '*' ? '**`*`**: the chunk size, counted when the transcript is sent (a transcript shorthand; the wire carries the number).' : `**${written}**: the chunk's size in octets; they follow the command line at once, with no dot-stuffing and no final \`.\`.`;
  return markdown(`${declared} ${held}`, specLink(rfc(3030, '2')));
}
