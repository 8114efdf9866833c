// Test Explorer: every .smtp file of the workspace is a test, its sessions the children; running them replays, once or
// (continuous run, the view's eye) each time their file is saved.
import type { ListedSession, SessionListing, SessionResult } from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UNTRUSTED_REPLAY_MESSAGE, type Replayed, type ReplayRunner } from '../replay/replayRunner';
import { replayEngine } from '../replayEngine';
import { TESTING_EXCLUDE_KEY, testingExcludePattern } from './testingExclude';
import { failureMessages } from './failureMessages';
import { sameSessions, sessionItemRange, sessionLabel } from './sessionItems';

const sessionIndex = new WeakMap<vscode.TestItem, number>();

/** The engine's reading of transcripts: loaded with the command parts when first needed, not at activation. */
export type TranscriptReading = Pick<typeof import('../../../server/src/engine'), 'parseTranscript' | 'decodeTranscript' | 'listedSessions' | 'readRegularFile'>;
/** Where a file's sessions were listed from: the language server's parse of an open document, or the client's own. */
export type ListedBy = 'language server' | 'client parse';
export interface ListedSessions {
  item: vscode.TestItem;
  by: ListedBy;
}
/** An open document's sessions at its current version, as the language server parsed it; null when it has not. */
export type AskSessions = (document: vscode.TextDocument) => Promise<SessionListing | null>;

/** How one test item of a finished run ended (VS Code offers no stable API to read a run's results back). */
export interface TestOutcome {
  id: string;
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  messages: vscode.TestMessage[];
}

// How long created files are gathered before discovery lists them.
const CREATED_FILES_SETTLE_MS = 100;
// How long typing pauses before an open transcript's sessions are listed again (listed on every keystroke, a 100k-line
// transcript kept the extension host busy). The list comes from the language server's parse of that version
// (`smtp/sessions`), which it made anyway: parsing it here took 100-130 ms for a 100k-line transcript.
const TYPING_SETTLE_MS = 400;

export class TranscriptTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('smtpTranscripts', 'SMTP Transcripts');
  readonly runProfile: vscode.TestRunProfile;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.smtp');
  private readonly subscriptions: vscode.Disposable[] = [];
  private discoveryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Open transcripts typed in, by file item id: their sessions are listed again once typing pauses. */
  private readonly typedIn = new Map<string, { timer: ReturnType<typeof setTimeout>; document: vscode.TextDocument }>();
  private readonly runEnded = new vscode.EventEmitter<TestOutcome[]>();
  /** Fires when a run ends, with the outcome of every session it ran. */
  readonly onDidEndRun = this.runEnded.event;
  private readonly sessionsListed = new vscode.EventEmitter<ListedSessions>();
  /** Fires when a file's sessions were read again (its item and where from, whether they changed or not). */
  readonly onDidListSessions = this.sessionsListed.event;
  /** The current outcome of each session item (a command replay's too), until its file's text changes. */
  readonly outcomes = new Map<string, TestOutcome>();
  private askSessions: AskSessions | undefined;

  /** `runner` and `engine` are made on first use (commandParts.ts), not at activation with the controller. */
  constructor(
    private readonly runner: () => ReplayRunner,
    private readonly engine: () => TranscriptReading,
  ) {
    this.controller.resolveHandler = (item) => (item ? this.resolveSessions(item) : this.discoverFiles());
    this.controller.refreshHandler = () => this.discoverFiles();
    this.runProfile = this.controller.createRunProfile(
      'Replay',
      vscode.TestRunProfileKind.Run,
      (request, token) => (request.continuous ? this.runOnSave(request, token) : this.run(request, token)),
      true,
      undefined,
      true,
    );
    this.subscriptions.push(
      // A new file is listed unless smtp.testing.exclude leaves it out: discovery asks findFiles, which applies it.
      this.watcher.onDidCreate(() => this.discoverSoon()),
      this.watcher.onDidChange((uri) => {
        const item = this.controller.items.get(uri.toString());
        if (item) void this.resolveSessions(item);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(TESTING_EXCLUDE_KEY)) void this.discoverFiles(true);
      }),
      this.watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())),
      // A folder renamed, moved or deleted in the Explorer: the watcher of *.smtp files hears nothing of its files.
      vscode.workspace.onDidRenameFiles(() => this.discoverSoon()),
      vscode.workspace.onDidDeleteFiles(() => this.discoverSoon()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const item = this.controller.items.get(e.document.uri.toString());
        if (!item) return;
        this.listSessionsSoon(item, e.document);
        // Results of the old text would stay as inline failures and peeks: mark them outdated.
        if (e.contentChanges.length > 0) this.invalidate(item);
      }),
    );
  }

  /** A replay from a command, a code lens or a keybinding shows in the Testing view as a run of its sessions. */
  showReplaysOf(runner: ReplayRunner): void {
    this.subscriptions.push(runner.onDidReplay((replayed) => replayed.fromTestRun || this.reportReplay(replayed)));
  }

  /** Files created together (a folder copied in, a recording run) are listed by one discovery, not one each. */
  private discoverSoon(): void {
    clearTimeout(this.discoveryTimer);
    this.discoveryTimer = setTimeout(() => void this.discoverFiles(), CREATED_FILES_SETTLE_MS);
  }

  /**
   * Lists the workspace's transcripts but those smtp.testing.exclude leaves out, and drops those whose file is gone
   * (moved or deleted with its folder, or outside VS Code); `prune`: the setting changed, and the files it now leaves
   * out go from the view. A file outside the workspace folders, listed by a replay from a command, is none of the
   * setting's business: it stays while it exists.
   */
  async discoverFiles(prune = false): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.smtp', testingExcludePattern());
    const listed = new Set(files.map((uri) => uri.toString()));
    const unlisted: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => listed.has(item.id) || item.uri === undefined || unlisted.push(item));
    for (const item of unlisted) {
      const leftOut = prune && vscode.workspace.getWorkspaceFolder(item.uri!) !== undefined;
      if (leftOut || !(await exists(item.uri!))) this.controller.items.delete(item.id);
    }
    for (const uri of files) this.fileItem(uri);
  }

  private fileItem(uri: vscode.Uri): vscode.TestItem {
    const existing = this.controller.items.get(uri.toString());
    if (existing) return existing;
    const item = this.controller.createTestItem(uri.toString(), path.basename(uri.fsPath), uri);
    // Its folder beside the name: two folders (of a multi-root workspace, or below one) may hold a mail.smtp each.
    item.description = folderOf(uri);
    item.canResolveChildren = true;
    this.controller.items.add(item);
    return item;
  }

  private async resolveSessions(item: vscode.TestItem): Promise<void> {
    if (!item.uri) return;
    // A FIFO named x.smtp in the workspace must not hang discovery: on disk, only a regular file of bounded size is read.
    const bytes =
      item.uri.scheme === 'file'
        ? await this.engine().readRegularFile(item.uri.fsPath).catch((error: Error) => error)
        : Buffer.from(await vscode.workspace.fs.readFile(item.uri));
    if (bytes instanceof Error) {
      item.error = `${path.basename(item.uri.fsPath)} ${bytes.message}`;
      item.canResolveChildren = false;
      return;
    }
    this.updateSessions(item, this.engine().decodeTranscript(bytes).text);
  }

  /** Once the language server runs (extension.ts): a document typed in is listed from its parse, not parsed again here. */
  listSessionsThrough(ask: AskSessions): void {
    this.askSessions = ask;
  }

  private listSessionsSoon(item: vscode.TestItem, document: vscode.TextDocument): void {
    const pending = this.typedIn.get(item.id);
    if (pending) clearTimeout(pending.timer);
    this.typedIn.set(item.id, { timer: setTimeout(() => void this.listPausedSessions(item), TYPING_SETTLE_MS), document });
  }

  /** Typing paused: the sessions the language server parsed for the document's version, else parsed here. */
  private async listPausedSessions(item: vscode.TestItem): Promise<void> {
    const pending = this.typedIn.get(item.id);
    if (!pending || !this.askSessions) return this.listTypedSessions(item);
    const listing = await this.askSessions(pending.document).catch(() => null);
    // Typed on meanwhile (a new wait began) or listed for a run: that listing stands.
    if (this.typedIn.get(item.id) !== pending) return;
    if (!listing || listing.version !== pending.document.version) return this.listTypedSessions(item);
    this.typedIn.delete(item.id);
    this.showSessions(item, listing.sessions, 'language server');
  }

  /** The sessions of a file typed in, listed now if typing has not paused yet (a run or a replay reads them). */
  private listTypedSessions(item: vscode.TestItem): void {
    const pending = this.typedIn.get(item.id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.typedIn.delete(item.id);
    this.updateSessions(item, pending.document.getText());
  }

  private updateSessions(item: vscode.TestItem, text: string): void {
    const engine = this.engine();
    this.showSessions(item, engine.listedSessions(engine.parseTranscript(text)), 'client parse');
  }

  private showSessions(item: vscode.TestItem, sessions: readonly ListedSession[], by: ListedBy): void {
    item.canResolveChildren = false;
    // The same sessions where they were (most edits): the items stay, and the view is not redrawn.
    if (!sameSessions([...iterate(item.children)], sessions)) {
      item.children.replace(
        sessions.map((session) => {
          const child = this.controller.createTestItem(`${item.id}#${session.index}`, sessionLabel(session), item.uri);
          child.range = sessionItemRange(session);
          sessionIndex.set(child, session.index);
          return child;
        }),
      );
    }
    this.sessionsListed.fire({ item, by });
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const roots: vscode.TestItem[] = [];
    if (request.include) for (const item of request.include) roots.push(item);
    else {
      await this.discoverFiles();
      this.controller.items.forEach((item) => roots.push(item));
    }
    // One replay per file, with the sessions asked for.
    const byFile = new Map<string, { file: vscode.TestItem; sessions: vscode.TestItem[] }>();
    for (const item of roots) {
      const file = item.parent ?? item;
      if (!file.uri) continue;
      this.listTypedSessions(file);
      if (file.children.size === 0) await this.resolveSessions(file);
      const entry = byFile.get(file.id) ?? { file, sessions: [] };
      const chosen = item.parent ? [item] : [...iterate(file.children)];
      for (const session of chosen) if (!request.exclude?.includes(session)) entry.sessions.push(session);
      byFile.set(file.id, entry);
    }
    const outcomes: TestOutcome[] = [];
    for (const { file, sessions } of byFile.values()) {
      if (token.isCancellationRequested) break;
      sessions.forEach((s) => run.started(s));
      const document = await vscode.workspace.openTextDocument(file.uri!);
      // Not replayable (restricted mode, or not as written): say why in the Testing view rather than skipping without
      // a word, and without a notification per file.
      const refusal = vscode.workspace.isTrusted ? parseErrorMessages(this.engine(), document) : [new vscode.TestMessage(UNTRUSTED_REPLAY_MESSAGE)];
      if (refusal.length > 0) {
        for (const session of sessions) {
          run.errored(session, refusal);
          outcomes.push({ id: session.id, state: 'errored', messages: refusal });
        }
        continue;
      }
      const result = await this.runner().run(document, { sessions: sessions.map((s) => sessionIndex.get(s)!), cancellation: token });
      for (const session of sessions) {
        const outcome = result?.sessions.find((s) => s.index === sessionIndex.get(session));
        outcomes.push(this.report(run, session, document, outcome));
      }
    }
    run.end();
    this.runEnded.fire(outcomes);
  }

  /**
   * Continuous run: each time a transcript the request names (every one, when it names none) is saved, its sessions
   * in the request replay, until the run is stopped. On save, not on each keystroke: a replay talks to a real server.
   * Saves during a replay of the file make one more replay after it, not one each.
   */
  private runOnSave(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const replays = new Map<string, { running: boolean; again: boolean }>();
    const replay = async (uri: vscode.Uri): Promise<void> => {
      const key = uri.toString();
      const state = replays.get(key) ?? { running: false, again: false };
      replays.set(key, state);
      if (state.running) {
        state.again = true;
        return;
      }
      state.running = true;
      do {
        state.again = false;
        const include = this.itemsSaved(request, uri);
        if (include && !token.isCancellationRequested) await this.run(new vscode.TestRunRequest(include, request.exclude, request.profile), token);
      } while (state.again && !token.isCancellationRequested);
      state.running = false;
    };
    const saves = vscode.workspace.onDidSaveTextDocument((document) => void replay(document.uri));
    return new Promise((resolve) =>
      token.onCancellationRequested(() => {
        saves.dispose();
        resolve();
      }),
    );
  }

  /** The items of `request` in the saved file; undefined when it names none there (or the file is no listed transcript). */
  private itemsSaved(request: vscode.TestRunRequest, uri: vscode.Uri): vscode.TestItem[] | undefined {
    const file = this.controller.items.get(uri.toString());
    if (!file) return undefined;
    if (!request.include) return [file];
    // An edit makes the file's session items anew (updateSessions): the ones asked for are found again by id.
    const chosen = request.include
      .filter((item) => (item.parent ?? item).id === file.id)
      .map((item) => (item.parent ? file.children.get(item.id) : file))
      .filter((item): item is vscode.TestItem => item !== undefined);
    return chosen.length > 0 ? chosen : undefined;
  }

  private invalidate(file: vscode.TestItem): void {
    const ids = [...this.outcomes.keys()].filter((id) => id.startsWith(`${file.id}#`));
    if (ids.length === 0) return;
    ids.forEach((id) => this.outcomes.delete(id));
    this.controller.invalidateTestResults(file);
  }

  private reportReplay({ document, result }: Replayed): void {
    if (document.uri.scheme !== 'file') return;
    const file = this.fileItem(document.uri);
    this.listTypedSessions(file);
    if (file.children.size === 0) this.updateSessions(file, document.getText());
    const sessions = [...iterate(file.children)].filter((item) => result.sessions.some((s) => s.index === sessionIndex.get(item)));
    if (sessions.length === 0) return;
    const run = this.controller.createTestRun(new vscode.TestRunRequest(sessions, undefined, this.runProfile), `Replay ${path.basename(document.fileName)}`);
    sessions.forEach((s) => run.started(s));
    const outcomes = sessions.map((item) => this.report(run, item, document, result.sessions.find((s) => s.index === sessionIndex.get(item))));
    run.end();
    this.runEnded.fire(outcomes);
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, document: vscode.TextDocument, session: SessionResult | undefined): TestOutcome {
    const outcome = (state: TestOutcome['state'], messages: vscode.TestMessage[] = []): TestOutcome => {
      this.outcomes.set(item.id, { id: item.id, state, messages });
      return { id: item.id, state, messages };
    };
    if (!session) {
      run.skipped(item);
      return outcome('skipped');
    }
    run.appendOutput(replayEngine().formatSessionLog(session, document.fileName).replace(/\n/g, '\r\n') + '\r\n', undefined, item);
    if (session.status === 'pass') {
      run.passed(item, session.durationMs);
      return outcome('passed');
    }
    if (session.status === 'skipped') {
      run.skipped(item);
      return outcome('skipped');
    }
    const said = failureMessages(session);
    // Each at the reply that failed (in LMTP, each recipient's reply that did, with its own lines), else the exchange's line.
    const messages = said.failed.flatMap((e) =>
      replayEngine().failedReplies(e).map((reply) => {
        const message = vscode.TestMessage.diff(reply.message, reply.expected.join('\n'), reply.actual.join('\n'));
        message.location = new vscode.Location(document.uri, new vscode.Position(reply.lines[0] ?? e.line, 0));
        return message;
      }),
    );
    if (said.moreFailed) messages.push(new vscode.TestMessage(said.moreFailed));
    // An error an exchange already shows (a refused include, a lost connection) is said once, as the Problems view does.
    if (session.error && !session.exchanges.some((e) => e.status === 'error')) messages.push(new vscode.TestMessage(session.error.message));
    // What the failure kept from being checked, so a fix is not read as "everything else passed" (a session refused
    // before connecting skips the lines above its failing one too).
    if (said.notRun) {
      const message = new vscode.TestMessage(said.notRun.text);
      message.location = new vscode.Location(document.uri, new vscode.Position(said.notRun.first.expectedLines[0] ?? said.notRun.first.line, 0));
      messages.push(message);
    }
    if (session.status === 'error') run.errored(item, messages, session.durationMs);
    else run.failed(item, messages, session.durationMs);
    return outcome(session.status === 'error' ? 'errored' : 'failed', messages);
  }

  dispose(): void {
    for (const { timer } of this.typedIn.values()) clearTimeout(timer);
    clearTimeout(this.discoveryTimer);
    this.subscriptions.forEach((s) => s.dispose());
    this.watcher.dispose();
    this.runEnded.dispose();
    this.sessionsListed.dispose();
    this.controller.dispose();
  }
}

function parseErrorMessages(engine: TranscriptReading, document: vscode.TextDocument): vscode.TestMessage[] {
  return engine.parseTranscript(document.getText())
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => {
      const message = new vscode.TestMessage(`Parse error, the transcript cannot be replayed: ${d.message}`);
      message.location = new vscode.Location(document.uri, new vscode.Position(d.range.start.line, d.range.start.character));
      return message;
    });
}

/** The file's folder within its workspace folder (named when there are several); where it is, outside them. */
function folderOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return path.dirname(uri.fsPath);
  const below = path.posix.relative(folder.uri.path, path.posix.dirname(uri.path));
  const named = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? folder.name : '';
  return [named, below].filter(Boolean).join('/') || undefined;
}

function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}

function* iterate(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  const items: vscode.TestItem[] = [];
  collection.forEach((item) => items.push(item));
  yield* items;
}
