// Lints a document after its changes settle: the newest version wins, older pending runs are dropped. The transcript
// cache re-parses only the sessions an edit touched, and the lint cache keeps the findings of the others.
// Lint waits until the edits pause for SETTLE_MS: a request the user waits for (completion, hover, tokens) sent
// right after a keystroke is answered first, not after diagnostics of a version already being typed over.
// setTimeout, not setImmediate: the same scheduler runs in the browser's web worker.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAccess } from './fileAccess';
import type { TranscriptCache } from '../model/transcriptCache';
import { createLintCache, getLanguageService } from '../features/languageService';
import type { LintSettings } from './lintSettings';
import type { ActiveEnvironments } from './activeEnvironment';

const SETTLE_MS = 75;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lintCache = createLintCache();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: TranscriptCache,
    private readonly settings: LintSettings,
    private readonly files: FileAccess | undefined,
    private readonly environments: ActiveEnvironments,
  ) {}

  schedule(doc: TextDocument): void {
    clearTimeout(this.pending.get(doc.uri));
    this.pending.set(
      doc.uri,
      setTimeout(() => {
        this.pending.delete(doc.uri);
        void this.validate(doc.uri);
      }, SETTLE_MS),
    );
  }

  validateAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc);
  }

  clear(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string): Promise<void> {
    const rules = await this.settings.rulesFor(uri);
    const folders = await this.settings.includeFoldersFor(uri);
    const environment = await this.environments.environmentFor(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    const transcript = this.cache.get(doc.uri, doc.version, () => doc.getText());
    const path = this.files?.localPath(uri);
    const context = path !== undefined && this.files ? { readInclude: this.files.includeReader(path, folders), environment } : environment ? { environment } : {};
    const diagnostics = service.validate(doc, transcript, { rules, cache: this.lintCache, context });
    // A newer version may have arrived while the settings were read: its own run will publish.
    if (this.documents.get(uri)?.version !== doc.version) return;
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }
}

const service = getLanguageService();
