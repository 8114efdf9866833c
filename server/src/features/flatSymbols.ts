// The outline for a client without hierarchicalDocumentSymbolSupport: each symbol of the tree in document order,
// named with the symbol it sits in (SymbolInformation.containerName).
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-types';

export function flatSymbols(uri: string, symbols: readonly DocumentSymbol[]): SymbolInformation[] {
  const flat: SymbolInformation[] = [];
  const add = (symbol: DocumentSymbol, container: string | undefined): void => {
    const information: SymbolInformation = { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range } };
    if (container !== undefined) information.containerName = container;
    flat.push(information);
    for (const child of symbol.children ?? []) add(child, symbol.name);
  };
  for (const symbol of symbols) add(symbol, undefined);
  return flat;
}
