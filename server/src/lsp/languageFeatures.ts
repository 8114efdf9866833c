// What the language server does for each request and notification, behind the wiring of languageServer.ts: the
// transcript cache, the language service, lint settings, the active environment and the diagnostics scheduler.
// Made after `initialize` is answered (the Node server loads it from the Node engine bundle, dist/nodeEngine.js), so
// that the server answers `initialize` without evaluating lint, completion and hover.
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  CompletionList,
  CompletionParams,
  Connection,
  DefinitionParams,
  DocumentFormattingParams,
  DocumentHighlight,
  DocumentHighlightParams,
  DocumentRangeFormattingParams,
  DocumentSymbol,
  DocumentSymbolParams,
  DocumentLink,
  DocumentLinkParams,
  FoldingRange,
  FoldingRangeParams,
  Hover,
  HoverParams,
  InitializeParams,
  InlayHint,
  InlayHintParams,
  Location,
  RegistrationParams,
  PrepareRenameParams,
  Range,
  ReferenceParams,
  RenameParams,
  SelectionRange,
  SelectionRangeParams,
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensDeltaParams,
  SemanticTokensParams,
  SemanticTokensRangeParams,
  SignatureHelp,
  SignatureHelpParams,
  SymbolInformation,
  TextDocuments,
  TextEdit,
  WorkspaceFoldersChangeEvent,
  WorkspaceSymbolParams,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LINT_CONFIG_FILE_NAME } from '../features/lint';
import { getLanguageService, type ListFolder, type RenameResult } from '../features/languageService';
import { ENVIRONMENT_FILE_NAME } from '../model/environments';
import { listedSessions, type SessionListing } from '../model/sessionListing';
import { createTranscriptCache } from '../model/transcriptCache';
import { ActiveEnvironments } from './activeEnvironment';
import { clientSupportOf, runsVsCodeCommands } from './clientSupport';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import type { FileAccess } from './fileAccess';
import { LintSettings } from './lintSettings';
import { SemanticTokenDeltas } from './semanticTokenDeltas';
import { WorkspaceFolderPaths } from './workspaceFolderPaths';
import { WorkspaceSessions } from './workspaceSessions';

export interface LanguageFeatures {
  /** `settings`: what the client pushed (didChangeConfiguration), read when it has no workspace/configuration. */
  configurationChanged(settings: unknown): void;
  watchedFilesChanged(): void;
  /** Folders added to or removed from the workspace: include roots and environment files change with them. */
  workspaceFoldersChanged(event: WorkspaceFoldersChangeEvent): void;
  environmentChosen(name: string | null): void;
  contentChanged(document: TextDocument): void;
  /** Opened, maybe again without a close between: what was kept for the URI's text is dropped. */
  opened(uri: string): void;
  closed(uri: string): void;
  completion(p: CompletionParams): CompletionList | null;
  hover(p: HoverParams): Promise<Hover | null>;
  semanticTokens(p: SemanticTokensParams): SemanticTokens;
  semanticTokensDelta(p: SemanticTokensDeltaParams): SemanticTokens | SemanticTokensDelta;
  semanticTokensRange(p: SemanticTokensRangeParams): SemanticTokens;
  documentSymbols(p: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[];
  foldingRanges(p: FoldingRangeParams): FoldingRange[];
  documentLinks(p: DocumentLinkParams): DocumentLink[];
  formatting(p: DocumentFormattingParams): TextEdit[];
  rangeFormatting(p: DocumentRangeFormattingParams): TextEdit[];
  definition(p: DefinitionParams): Location | null;
  references(p: ReferenceParams): Location[];
  documentHighlights(p: DocumentHighlightParams): DocumentHighlight[];
  selectionRanges(p: SelectionRangeParams): SelectionRange[];
  inlayHints(p: InlayHintParams): InlayHint[];
  signatureHelp(p: SignatureHelpParams): SignatureHelp | null;
  /** The named sessions of the workspace's transcripts, open or on the disk (workspaceSessions.ts). */
  workspaceSymbols(p: WorkspaceSymbolParams): Promise<SymbolInformation[]>;
  prepareRename(p: PrepareRenameParams): Range | null;
  rename(p: RenameParams): RenameResult | null;
  codeActions(p: CodeActionParams): Promise<CodeAction[]>;
  codeLenses(p: CodeLensParams): CodeLens[];
  /** The document's sessions at its current version; null for a document not open. */
  sessions(p: { textDocument: { uri: string } }): SessionListing | null;
}

/** How the server's entry makes the features: with its disk (Node) or without (the web worker). */
export type CreateLanguageFeatures = (connection: Connection, documents: TextDocuments<TextDocument>, params: InitializeParams) => LanguageFeatures;

/** `files` is the disk the server may read; the web worker has none (no lint config files, includes unchecked). */
export function createLanguageFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  files: FileAccess | undefined,
  params: InitializeParams,
): LanguageFeatures {
  const cache = createTranscriptCache();
  const service = getLanguageService();
  const folders = new WorkspaceFolderPaths(files);
  folders.configure(params);
  const workspaceSessions = new WorkspaceSessions(files, folders, documents);
  const settings = new LintSettings(connection, files, folders);
  const environments = new ActiveEnvironments(connection, files, folders);
  settings.configure(params);
  if (files) watchSettingsFiles(connection, params);
  const tokenDeltas = new SemanticTokenDeltas();
  const client = clientSupportOf(params.capabilities);
  const scheduler = new DiagnosticsScheduler(connection, documents, cache, settings, files, environments);
  const parsed = (uri: string) => {
    const doc = documents.get(uri);
    return doc ? { doc, transcript: cache.get(doc.uri, doc.version, () => doc.getText()) } : undefined;
  };
  const on = <R>(uri: string, fallback: R, run: (p: NonNullable<ReturnType<typeof parsed>>) => R): R => {
    const p = parsed(uri);
    return p ? run(p) : fallback;
  };
  return {
    configurationChanged: (pushed) => {
      settings.pushed(pushed);
      void settings.changed().then(() => scheduler.validateAll());
    },
    watchedFilesChanged: () => {
      environments.changed();
      void settings.changed().then(() => scheduler.validateAll());
    },
    workspaceFoldersChanged: (event) => {
      folders.changed(event);
      environments.changed();
      void settings.changed().then(() => scheduler.validateAll());
    },
    environmentChosen: (name) => {
      environments.choose(name);
      scheduler.validateAll();
    },
    contentChanged: (document) => scheduler.schedule(document),
    // Kept by URI and version: a second didOpen, often at the same version, brings other text.
    opened: (uri) => {
      cache.delete(uri);
      tokenDeltas.forget(uri);
    },
    closed: (uri) => {
      cache.delete(uri);
      tokenDeltas.forget(uri);
      scheduler.clear(uri);
    },
    completion: (p) =>
      on(p.textDocument.uri, null, ({ doc, transcript }) => {
        // File names for includes and @ca come from the disk beside the transcript, when it is a file here.
        const path = files?.localPath(doc.uri);
        const listFolder: ListFolder | undefined = path === undefined ? undefined : (written, wanted) => files!.listFolder(path, written, wanted);
        return service.getCompletions(doc, transcript, p.position, { snippets: client.snippets, documentation: client.completionDocumentation, ...(listFolder ? { listFolder } : {}) });
      }),
    hover: async (p) => {
      const environment = await environments.environmentFor(p.textDocument.uri);
      return on(p.textDocument.uri, null, ({ doc, transcript }) => service.getHover(doc, transcript, p.position, environment, client.hoverFormat));
    },
    semanticTokens: (p) => on(p.textDocument.uri, { data: [] }, ({ doc, transcript }) => tokenDeltas.full(doc.uri, service.getSemanticTokenParts(doc, transcript))),
    semanticTokensDelta: (p) =>
      on(p.textDocument.uri, { data: [] }, ({ doc, transcript }) => tokenDeltas.delta(doc.uri, p.previousResultId, service.getSemanticTokenParts(doc, transcript))),
    semanticTokensRange: (p) => on(p.textDocument.uri, { data: [] }, ({ doc, transcript }) => service.getSemanticTokens(doc, transcript, p.range)),
    documentSymbols: (p) =>
      on(p.textDocument.uri, [], ({ doc, transcript }) =>
        client.hierarchicalSymbols ? service.getDocumentSymbols(doc, transcript) : service.getSymbolInformation(doc, transcript),
      ),
    foldingRanges: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getFoldingRanges(doc, transcript)),
    documentLinks: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getDocumentLinks(doc, transcript)),
    formatting: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getFormattingEdits(doc, transcript)),
    rangeFormatting: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getFormattingEdits(doc, transcript, p.range)),
    definition: (p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.getDefinition(doc, transcript, p.position)),
    references: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getReferences(doc, transcript, p.position, p.context.includeDeclaration)),
    documentHighlights: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getDocumentHighlights(doc, transcript, p.position)),
    selectionRanges: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getSelectionRanges(doc, transcript, p.positions)),
    inlayHints: (p) => on(p.textDocument.uri, [], ({ doc, transcript }) => service.getInlayHints(doc, transcript, p.range)),
    signatureHelp: (p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.getSignatureHelp(doc, transcript, p.position)),
    workspaceSymbols: (p) => workspaceSessions.find(p.query),
    prepareRename: (p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.prepareRename(doc, transcript, p.position)),
    rename: (p) => on(p.textDocument.uri, null, ({ doc, transcript }) => service.getRenameEdits(doc, transcript, p.position, p.newName)),
    codeActions: async (p) => {
      const current = scheduler.current(p.textDocument.uri);
      const diagnostics = await current?.diagnostics;
      const doc = documents.get(p.textDocument.uri);
      // The document changed while its findings were made: the editor asks again for the new version.
      if (!current || !diagnostics || doc?.version !== current.version) return [];
      return service.getCodeActions(doc, parsed(doc.uri)!.transcript, p.context.diagnostics, {
        current: { version: current.version, diagnostics },
        documentChanges: client.documentChanges,
        lineText: (line) => lineText(doc, line),
        eol: lineEnding(doc),
        ...(p.context.only ? { only: p.context.only } : {}),
      });
    },
    codeLenses: (p) => on(p.textDocument.uri, [], ({ transcript }) => service.getCodeLenses(p.textDocument, transcript)),
    sessions: (p) => on(p.textDocument.uri, null, ({ doc, transcript }) => ({ version: doc.version, sessions: listedSessions(transcript) })),
  };
}

/**
 * Asks the client to tell of changes to the files lint and hover read (`watchedFilesChanged`), so that an edited
 * .smtplintrc.json or smtp-environments.json applies without reopening the transcript. VS Code's extension watches
 * them itself (client/src/languageClient.ts); a client without dynamic registration cannot be asked.
 */
function watchSettingsFiles(connection: Connection, params: InitializeParams): void {
  if (!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration || runsVsCodeCommands(params.initializationOptions)) return;
  const watchers = [LINT_CONFIG_FILE_NAME, ENVIRONMENT_FILE_NAME].map((name) => ({ globPattern: `**/${name}` }));
  const registration: RegistrationParams = { registrations: [{ id: 'smtp-settings-files', method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers } }] };
  // A client may refuse it with an error; the files are then read again when a transcript is opened again.
  connection.sendRequest('client/registerCapability', registration).catch(() => undefined);
}

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
}

/** The document's line ending, read from its first line break (LF when it has none). */
function lineEnding(doc: TextDocument): '\n' | '\r\n' {
  return doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).endsWith('\r\n') ? '\r\n' : '\n';
}
