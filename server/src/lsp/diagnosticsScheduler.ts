// Lints a document after its changes settle: the newest version wins, older pending runs are dropped. The transcript
// cache re-parses only the sessions an edit touched, and the lint cache keeps the findings of the others.
// Lint waits until the edits pause for SETTLE_MS: a request the user waits for (completion, hover, tokens) sent
// right after a keystroke is answered first, not after diagnostics of a version already being typed over. It then
// runs SLICE_MS at a time: between slices the server reads and answers requests (a re-lint of 20,000 sessions made a
// hover wait for all of it), and a lint that an edit made stale is dropped.
// setTimeout, not setImmediate: the same scheduler runs in the browser's web worker.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAccess } from './fileAccess';
import type { TranscriptCache } from '../model/transcriptCache';
import { createLintCache, getLanguageService } from '../features/languageService';
import type { LintSettings } from './lintSettings';
import type { ActiveEnvironments } from './activeEnvironment';

const SETTLE_MS = 75;
const SLICE_MS = 20;

/** A document's diagnostics for one version; undefined when the document changed while its settings were read. */
export interface VersionDiagnostics {
  version: number;
  diagnostics: Promise<Diagnostic[] | undefined>;
  /** The document object linted: one closed and opened again is another object, often at the same version. */
  document: TextDocument;
}

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lintCache = createLintCache();
  /** The last lint of each document: published, and read by quick fixes asked for that version. */
  private readonly latest = new Map<string, VersionDiagnostics>();

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
    this.latest.clear();
    for (const doc of this.documents.all()) this.schedule(doc);
  }

  clear(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.latest.delete(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * The diagnostics of the document's current version: those linted for publishing, or linted now when a request
   * (a quick fix) comes before the edits settled. Undefined for a document that is not open.
   */
  current(uri: string): VersionDiagnostics | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const latest = this.latest.get(uri);
    if (latest?.document === doc && latest.version === doc.version) return latest;
    const made = { version: doc.version, diagnostics: this.lint(doc), document: doc };
    this.latest.set(uri, made);
    return made;
  }

  private async validate(uri: string): Promise<void> {
    const run = this.current(uri);
    const diagnostics = await run?.diagnostics;
    // A newer version (or the document opened again) may have arrived while the settings were read: its own run will publish.
    if (!run || !diagnostics || !this.isCurrent(run.document, run.version)) return;
    void this.connection.sendDiagnostics({ uri, version: run.version, diagnostics });
  }

  /** Parsed now, at this version (the document object changes in place with each edit), linted once settings are read. */
  private async lint(doc: TextDocument): Promise<Diagnostic[] | undefined> {
    const { uri, version } = doc;
    const transcript = this.cache.get(uri, version, () => doc.getText());
    const rules = await this.settings.rulesFor(uri);
    const folders = await this.settings.includeFoldersFor(uri);
    const environment = await this.environments.environmentFor(uri);
    if (!this.isCurrent(doc, version)) return undefined;
    const path = this.files?.localPath(uri);
    const context = path !== undefined && this.files ? { readInclude: this.files.includeReader(path, folders), environment } : environment ? { environment } : {};
    const steps = service.validateInSteps(doc, transcript, { rules, cache: this.lintCache, context });
    return inSlices(steps, () => this.isCurrent(doc, version));
  }

  /** The document is still open as this object (it changes in place with each edit) at this version. */
  private isCurrent(doc: TextDocument, version: number): boolean {
    return this.documents.get(doc.uri) === doc && doc.version === version;
  }
}

/**
 * Runs `steps` SLICE_MS at a time, each slice after a turn of the event loop: answers already made are written (the
 * lint timer may come due while a request parses the new version, and Node runs due timers before the immediates that
 * write answers) and requests that came in are read and answered. Undefined, and the rest of the steps dropped, once
 * `current()` is false.
 */
async function inSlices<T>(steps: Generator<void, T, void>, current: () => boolean): Promise<T | undefined> {
  for (;;) {
    await new Promise((resume) => setTimeout(resume, 0));
    if (!current()) {
      steps.return(undefined as T);
      return undefined;
    }
    const sliceEnd = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= sliceEnd) break;
    }
  }
}

const service = getLanguageService();
