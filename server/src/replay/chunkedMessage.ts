// A message sent with BDAT (RFC 3030 §2) is the chunks of consecutive `BDAT` exchanges up to the one with `LAST`;
// DKIM signing covers all of them, so the first chunk needs to know the rest.
import type { BdatExchange, Exchange } from '../model/types';

/** The chunks of the message `first` starts (itself included); undefined when `first` continues a message. */
export function chunksOfMessage(exchanges: readonly Exchange[], first: BdatExchange): BdatExchange[] | undefined {
  const index = exchanges.indexOf(first);
  const previous = exchanges[index - 1];
  if (index < 0 || (previous?.kind === 'bdat' && !previous.last)) return undefined;
  const chunks: BdatExchange[] = [];
  for (const exchange of exchanges.slice(index)) {
    if (exchange.kind !== 'bdat') break;
    chunks.push(exchange);
    if (exchange.last) break;
  }
  return chunks;
}
