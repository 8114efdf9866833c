// The language server's wiring: one line per LSP request; the features are pure functions of the parsed transcript.
// `initialize` is answered from constants alone: the features (languageFeatures.ts) are made on `initialized`, or on
// the first request or notification that needs them if a client sends one earlier.
import {
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  NotificationType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS } from '../features/codeActionKinds';
import { COMPLETION_TRIGGER_CHARACTERS } from '../features/completion/triggerCharacters';
import type { RenameResult } from '../features/languageService';
import { SEMANTIC_TOKENS_LEGEND } from '../features/semanticTokenLegend';
import { runsVsCodeCommands } from './clientSupport';
import type { CreateLanguageFeatures, LanguageFeatures } from './languageFeatures';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { withParams } from './paramsCheck';

/** The active environment's name from the VS Code client's status bar (`name: null` when none is chosen). */
export const ACTIVE_ENVIRONMENT_NOTIFICATION = new NotificationType<{ name: string | null }>('smtp/activeEnvironment');

/**
 * `connect` makes the transport's connection with the lifecycle's options (lifecycle.ts); `loadFeatures` gives the
 * features' maker: from its own bundle in Node (main.ts), bundled in the web worker.
 */
export function startLanguageServer(connect: (lifecycle: Lifecycle) => Connection, loadFeatures: () => CreateLanguageFeatures): void {
  const lifecycle = createLifecycle();
  const connection = connect(lifecycle);
  lifecycle.attach(connection);
  const documents = new TextDocuments(TextDocument);
  let params: InitializeParams = { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null };
  let made: LanguageFeatures | undefined;
  const features = (): LanguageFeatures => (made ??= loadFeatures()(connection, documents, params));

  connection.onInitialize((initializeParams: InitializeParams) => {
    params = initializeParams;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
        // Folders added later are include roots as the first ones are (workspace/didChangeWorkspaceFolders).
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(runsVsCodeCommands(initializeParams.initializationOptions) ? { codeLensProvider: { resolveProvider: false } } : {}),
      },
      serverInfo: { name: 'smtp-language-server', version: '0.1.0' },
    };
  });
  connection.onInitialized(() => {
    features();
    if (params.capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => features().workspaceFoldersChanged(event));
    if (params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      // A client may refuse it with an error: unhandled, that rejection ended the server. Settings are still pulled.
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'smtp' }).catch(() => undefined);
    }
  });
  connection.onDidChangeConfiguration((p) => features().configurationChanged(p?.settings));
  connection.onDidChangeWatchedFiles(() => features().watchedFilesChanged());
  connection.onNotification(ACTIVE_ENVIRONMENT_NOTIFICATION, (p) => features().environmentChosen(p.name));

  documents.onDidOpen((event) => features().opened(event.document.uri));
  documents.onDidChangeContent((change) => features().contentChanged(change.document));
  documents.onDidClose((event) => features().closed(event.document.uri));

  connection.onCompletion(withParams('textDocument/completion', 'position', (p) => features().completion(p)));
  connection.onHover(withParams('textDocument/hover', 'position', (p) => features().hover(p)));
  connection.languages.semanticTokens.on(withParams('textDocument/semanticTokens/full', 'document', (p) => features().semanticTokens(p)));
  connection.languages.semanticTokens.onDelta(withParams('textDocument/semanticTokens/full/delta', 'document', (p) => features().semanticTokensDelta(p)));
  connection.languages.semanticTokens.onRange(withParams('textDocument/semanticTokens/range', 'range', (p) => features().semanticTokensRange(p)));
  connection.onDocumentSymbol(withParams('textDocument/documentSymbol', 'document', (p) => features().documentSymbols(p)));
  connection.onFoldingRanges(withParams('textDocument/foldingRange', 'document', (p) => features().foldingRanges(p)));
  connection.onDocumentLinks(withParams('textDocument/documentLink', 'document', (p) => features().documentLinks(p)));
  connection.onDocumentFormatting(withParams('textDocument/formatting', 'document', (p) => features().formatting(p)));
  connection.onDocumentRangeFormatting(withParams('textDocument/rangeFormatting', 'range', (p) => features().rangeFormatting(p)));
  connection.onDefinition(withParams('textDocument/definition', 'position', (p) => features().definition(p)));
  connection.onReferences(withParams('textDocument/references', 'position', (p) => features().references(p)));
  connection.onDocumentHighlight(withParams('textDocument/documentHighlight', 'position', (p) => features().documentHighlights(p)));
  connection.onPrepareRename(withParams('textDocument/prepareRename', 'position', (p) => features().prepareRename(p)));
  connection.onRenameRequest(withParams('textDocument/rename', 'position', (p) => renameResponse(features().rename(p))));
  connection.onCodeAction(withParams('textDocument/codeAction', 'range', (p) => features().codeActions(p)));
  connection.onCodeLens(withParams('textDocument/codeLens', 'document', (p) => features().codeLenses(p)));

  documents.listen(connection);
  connection.listen();
}

/** A refused rename is an error the editor shows with its message, not an empty result. */
function renameResponse(result: RenameResult | null): WorkspaceEdit | ResponseError | null {
  if (result === null) return null;
  return 'refused' in result ? new ResponseError(LSPErrorCodes.RequestFailed, result.refused) : result.edit;
}
