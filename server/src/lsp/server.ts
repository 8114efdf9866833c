// The language server's wiring: one line per LSP request, no logic (the features are pure functions).
import { TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTranscriptCache } from '../model/transcriptCache';
import { toLspDiagnostic } from './diagnostics';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = createTranscriptCache();
  const transcriptOf = (doc: TextDocument) => cache.get(doc.uri, doc.version, () => doc.getText());

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
    },
    serverInfo: { name: 'smtp-language-server', version: '0.1.0' },
  }));

  const validate = (doc: TextDocument): void => {
    const transcript = transcriptOf(doc);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: transcript.diagnostics.map(toLspDiagnostic) });
  };
  documents.onDidChangeContent((change) => validate(change.document));
  documents.onDidClose((event) => {
    cache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
