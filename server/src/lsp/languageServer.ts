// The language server's wiring: one line per LSP request; the features are pure functions of the parsed transcript.
// `initialize` is answered from constants alone: the features (languageFeatures.ts) are made on `initialized`, or on
// the first request or notification that needs them if a client sends one earlier.
import {
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  NotificationType,
  RequestType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS } from '../features/codeActionKinds';
import { COMPLETION_TRIGGER_CHARACTERS, SIGNATURE_HELP_RETRIGGER_CHARACTERS, SIGNATURE_HELP_TRIGGER_CHARACTERS } from '../features/completion/triggerCharacters';
import type { RenameResult } from '../features/languageService';
import { ACTIVE_ENVIRONMENT_METHOD, SESSIONS_METHOD, type ActiveEnvironmentParams, type SessionsParams, type SessionsResult } from '../features/clientMessages';
import { SEMANTIC_TOKENS_LEGEND } from '../features/semanticTokenLegend';
import { runsVsCodeCommands } from './clientSupport';
import type { CreateLanguageFeatures, LanguageFeatures } from './languageFeatures';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { withParams, type Needs } from './paramsCheck';
import { cancellable } from './requestCancellation';

const ACTIVE_ENVIRONMENT_NOTIFICATION = new NotificationType<ActiveEnvironmentParams>(ACTIVE_ENVIRONMENT_METHOD);
const SESSIONS_REQUEST = new RequestType<SessionsParams, SessionsResult, void>(SESSIONS_METHOD);

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
        selectionRangeProvider: true,
        inlayHintProvider: { resolveProvider: false },
        signatureHelpProvider: { triggerCharacters: SIGNATURE_HELP_TRIGGER_CHARACTERS, retriggerCharacters: SIGNATURE_HELP_RETRIGGER_CHARACTERS },
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
        // Folders added later are include roots as the first ones are (workspace/didChangeWorkspaceFolders).
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(runsVsCodeCommands(initializeParams.initializationOptions) ? { codeLensProvider: { resolveProvider: false } } : {}),
      },
      // package.json's version, as the CLI's (test/lsp/lifecycle.test.ts keeps them equal).
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

  connection.onCompletion(feature('textDocument/completion', 'position', (p) => features().completion(p)));
  connection.onHover(feature('textDocument/hover', 'position', (p) => features().hover(p)));
  connection.languages.semanticTokens.on(feature('textDocument/semanticTokens/full', 'document', (p) => features().semanticTokens(p)));
  connection.languages.semanticTokens.onDelta(feature('textDocument/semanticTokens/full/delta', 'document', (p) => features().semanticTokensDelta(p)));
  connection.languages.semanticTokens.onRange(feature('textDocument/semanticTokens/range', 'range', (p) => features().semanticTokensRange(p)));
  connection.onDocumentSymbol(feature('textDocument/documentSymbol', 'document', (p) => features().documentSymbols(p)));
  connection.onFoldingRanges(feature('textDocument/foldingRange', 'document', (p) => features().foldingRanges(p)));
  connection.onDocumentLinks(feature('textDocument/documentLink', 'document', (p) => features().documentLinks(p)));
  connection.onDocumentFormatting(feature('textDocument/formatting', 'document', (p) => features().formatting(p)));
  connection.onDocumentRangeFormatting(feature('textDocument/rangeFormatting', 'range', (p) => features().rangeFormatting(p)));
  connection.onDefinition(feature('textDocument/definition', 'position', (p) => features().definition(p)));
  connection.onReferences(feature('textDocument/references', 'position', (p) => features().references(p)));
  connection.onDocumentHighlight(feature('textDocument/documentHighlight', 'position', (p) => features().documentHighlights(p)));
  connection.onSelectionRanges(feature('textDocument/selectionRange', 'positions', (p) => features().selectionRanges(p)));
  connection.onSignatureHelp(feature('textDocument/signatureHelp', 'position', (p) => features().signatureHelp(p)));
  connection.languages.inlayHint.on(feature('textDocument/inlayHint', 'range', (p) => features().inlayHints(p)));
  connection.onWorkspaceSymbol(feature('workspace/symbol', 'query', (p) => features().workspaceSymbols(p)));
  connection.onPrepareRename(feature('textDocument/prepareRename', 'position', (p) => features().prepareRename(p)));
  connection.onRenameRequest(feature('textDocument/rename', 'position', (p) => renameResponse(features().rename(p))));
  connection.onCodeAction(feature('textDocument/codeAction', 'range', (p) => features().codeActions(p)));
  connection.onCodeLens(feature('textDocument/codeLens', 'document', (p) => features().codeLenses(p)));
  connection.onRequest(SESSIONS_REQUEST, feature(SESSIONS_METHOD, 'document', (p) => features().sessions(p)));

  documents.listen(connection);
  connection.listen();
}

/** A feature's request handler: its params checked (paramsCheck.ts) and its cancellation honoured (requestCancellation.ts). */
function feature<P, R>(method: string, needs: Needs, handler: (params: P) => R) {
  return cancellable(method, withParams(method, needs, handler));
}

/** A refused rename is an error the editor shows with its message, not an empty result. */
function renameResponse(result: RenameResult | null): WorkspaceEdit | ResponseError | null {
  if (result === null) return null;
  return 'refused' in result ? new ResponseError(LSPErrorCodes.RequestFailed, result.refused) : result.edit;
}
