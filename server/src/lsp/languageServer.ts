// The language server's wiring: one line per LSP request; the features are pure functions of the parsed transcript.
import {
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, COMPLETION_TRIGGER_CHARACTERS, SEMANTIC_TOKENS_LEGEND, type RenameResult } from '../features/languageService';
import { createTranscriptCache } from '../model/transcriptCache';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import type { FileAccess } from './fileAccess';
import { LintSettings } from './lintSettings';
import { ACTIVE_ENVIRONMENT_NOTIFICATION, ActiveEnvironments } from './activeEnvironment';

/** `files` is the disk the server may read; the web worker has none (no lint config files, includes unchecked). */
export function startLanguageServer(connection: Connection, files: FileAccess | undefined): void {
  const documents = new TextDocuments(TextDocument);
  const cache = createTranscriptCache();
  const service = getLanguageService();
  const settings = new LintSettings(connection, files);
  const environments = new ActiveEnvironments(connection, files);
  const parsed = (uri: string) => {
    const doc = documents.get(uri);
    return doc ? { doc, transcript: cache.get(doc.uri, doc.version, () => doc.getText()) } : undefined;
  };
  const scheduler = new DiagnosticsScheduler(connection, documents, cache, settings, files, environments);

  connection.onInitialize((params: InitializeParams) => {
    settings.configure(params);
    environments.configure(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'smtp-language-server', version: '0.1.0' },
    };
  });
  connection.onInitialized(() => settings.watch());
  connection.onDidChangeConfiguration(() => settings.changed().then(() => scheduler.validateAll()));
  connection.onDidChangeWatchedFiles(() => (environments.changed(), settings.changed().then(() => scheduler.validateAll())));
  connection.onNotification(ACTIVE_ENVIRONMENT_NOTIFICATION, (p) => (environments.choose(p.name), scheduler.validateAll()));

  documents.onDidChangeContent((change) => scheduler.schedule(change.document));
  documents.onDidClose((event) => {
    cache.delete(event.document.uri);
    scheduler.clear(event.document.uri);
  });

  const on = <R>(uri: string, fallback: R, run: (p: NonNullable<ReturnType<typeof parsed>>) => R): R => {
    const p = parsed(uri);
    return p ? run(p) : fallback;
  };
  connection.onCompletion((p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.getCompletions(doc, transcript, p.position)));
  connection.onHover(async (p) => {
    const environment = await environments.environmentFor(p.textDocument.uri);
    return on(p.textDocument.uri, null, ({ doc, transcript }) => service.getHover(doc, transcript, p.position, environment));
  });
  connection.languages.semanticTokens.on((p) =>
    on(p.textDocument.uri, { data: [] }, ({ doc, transcript }) => service.getSemanticTokens(doc, transcript)),
  );
  connection.languages.semanticTokens.onRange((p) =>
    on(p.textDocument.uri, { data: [] }, ({ doc, transcript }) => service.getSemanticTokens(doc, transcript, p.range)),
  );
  connection.onDocumentSymbol((p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getDocumentSymbols(doc, transcript)));
  connection.onFoldingRanges((p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getFoldingRanges(doc, transcript)));
  connection.onDocumentFormatting((p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getFormattingEdits(doc, transcript)));
  connection.onDocumentRangeFormatting((p) =>
    on(p.textDocument.uri, [], ({ doc, transcript }) => service.getFormattingEdits(doc, transcript, p.range)),
  );
  connection.onDefinition((p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.getDefinition(doc, transcript, p.position)));
  connection.onReferences((p) =>
    on(p.textDocument.uri, [], ({ doc, transcript }) => service.getReferences(doc, transcript, p.position, p.context.includeDeclaration)),
  );
  connection.onDocumentHighlight((p) =>
    on(p.textDocument.uri, [], ({ doc, transcript }) => service.getDocumentHighlights(doc, transcript, p.position)),
  );
  connection.onPrepareRename((p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.prepareRename(doc, transcript, p.position)));
  connection.onRenameRequest((p) =>
    on(p.textDocument.uri, null, ({ doc, transcript }) => renameResponse(service.getRenameEdits(doc, transcript, p.position, p.newName))),
  );
  connection.onCodeAction((p) =>
    on(p.textDocument.uri, [], ({ doc }) =>
      service.getCodeActions(doc, p.context.diagnostics, (line) => /^\s*/.exec(lineText(doc, line))![0]),
    ),
  );
  connection.onCodeLens((p) => on(p.textDocument.uri, [], ({ transcript }) => service.getCodeLenses(p.textDocument, transcript)));

  documents.listen(connection);
  connection.listen();
}

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
}

/** A refused rename is an error the editor shows with its message, not an empty result. */
function renameResponse(result: RenameResult | null): WorkspaceEdit | ResponseError | null {
  if (result === null) return null;
  return 'refused' in result ? new ResponseError(LSPErrorCodes.RequestFailed, result.refused) : result.edit;
}
