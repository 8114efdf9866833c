// What the client said it takes in `initialize` (LSP 3.17 ClientCapabilities): the features answer in that form, so
// an editor other than VS Code gets no snippet syntax, Markdown or nested outline it would show raw or drop.
// MarkupKind from the types package: the engine bundle holds this module, and importing a value from
// vscode-languageserver evaluated that library at every start of the CLI.
import type { ClientCapabilities } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver-types';

export interface ClientSupport {
  /** textDocument.completion.completionItem.snippetSupport */
  snippets: boolean;
  /** Markdown among textDocument.hover.contentFormat (absent: plain text only). */
  hoverFormat: MarkupKind;
  /** Markdown among textDocument.completion.completionItem.documentationFormat (absent: plain text only). */
  completionDocumentation: MarkupKind;
  /** textDocument.documentSymbol.hierarchicalDocumentSymbolSupport */
  hierarchicalSymbols: boolean;
  /** workspace.workspaceEdit.documentChanges: edits may name the document version they were made for. */
  documentChanges: boolean;
}

export function clientSupportOf(capabilities: ClientCapabilities): ClientSupport {
  const text = capabilities.textDocument;
  return {
    snippets: text?.completion?.completionItem?.snippetSupport === true,
    hoverFormat: takesMarkdown(text?.hover?.contentFormat),
    completionDocumentation: takesMarkdown(text?.completion?.completionItem?.documentationFormat),
    hierarchicalSymbols: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
  };
}

function takesMarkdown(formats: readonly MarkupKind[] | undefined): MarkupKind {
  return formats?.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText;
}

/**
 * The VS Code client says so in `initializationOptions` (client/src/languageClient.ts and the web client): its code
 * lenses name commands only it runs (`smtp.replaySession`) and icons only it draws (`$(play)`), so another editor gets
 * none, instead of lenses that show raw text and do nothing.
 */
export function runsVsCodeCommands(initializationOptions: unknown): boolean {
  return (initializationOptions as { vscodeCommands?: unknown } | null | undefined)?.vscodeCommands === true;
}
