// Runs the replay engine for a document: gathers what only the editor knows (trust, target choice, secrets, settings,
// cancellation), then hands the parsed transcript to the editor-independent engine.
import {
  CA_FILE_SETTING,
  definitionsAt,
  parseTranscript,
  replayAgainstLocal,
  withEnvironment,
  type LocalServer,
  type Transcript,
  type ReplayOptions,
  type ReplayResult,
  type TargetSettings,
} from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocalServerControl } from '../localServerControl';
import { notReplayableMessage } from '../replayableDocument';
import { environmentForReplay, type PasswordStore } from '../passwords';
import { replayEngine } from '../replayEngine';
import { namedFileReader } from '../namedFileReader';
import { settingPath } from '../settingPath';
import { replaySettings, type ReplaySettings } from '../settings';
import { LOCAL_TARGET, targetFromText, type TargetText } from '../targetPicker';
import type { WorkspaceTarget } from '../workspaceTarget';
import type { WorkspaceEnvironment } from '../workspaceEnvironment';
import type { ReplayPresenter } from './replayPresenter';

export interface RunOptions {
  /** Indexes of the sessions to replay (default: all). */
  sessions?: number[];
  /** A test run's token; without one a cancellable progress notification is shown. */
  cancellation?: vscode.CancellationToken;
}

/** One finished replay, whoever started it: the Testing view and the result view show each. */
export interface Replayed {
  document: vscode.TextDocument;
  result: ReplayResult;
  /** Started by a Test Explorer run (which reports it itself), not by a command. */
  fromTestRun: boolean;
}

/** Why nothing is replayed in restricted mode (package.json `capabilities.untrustedWorkspaces`). */
export const UNTRUSTED_REPLAY_MESSAGE = 'Replaying a transcript connects to servers and needs a trusted workspace.';

export class ReplayRunner {
  private readonly replayed = new vscode.EventEmitter<Replayed>();
  readonly onDidReplay = this.replayed.event;

  constructor(
    private readonly passwords: PasswordStore,
    private readonly local: LocalServerControl,
    private readonly presenter: ReplayPresenter,
    private readonly target: WorkspaceTarget,
    private readonly environment?: WorkspaceEnvironment,
  ) {}

  async run(document: vscode.TextDocument, options: RunOptions = {}): Promise<ReplayResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(UNTRUSTED_REPLAY_MESSAGE, 'Manage Workspace Trust').then(
        (choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'),
      );
      return undefined;
    }
    const notReplayable = notReplayableMessage(document.uri);
    if (notReplayable) {
      void vscode.window.showErrorMessage(notReplayable);
      return undefined;
    }
    const parsed = parseTranscript(document.getText());
    const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (parseErrors.length > 0) {
      void vscode.window.showErrorMessage(
        `${path.basename(document.fileName)} has ${parseErrors.length} parse error(s): fix them before replaying (first: line ${parseErrors[0].range.start.line + 1}: ${parseErrors[0].message})`,
      );
      return undefined;
    }
    // The active environment's entries act like directives above the first line (smtp-environments.json).
    const environment = await this.environment?.forDocument(document);
    if (environment && 'problem' in environment) {
      void vscode.window.showErrorMessage(environment.problem);
      return undefined;
    }
    const transcript = withEnvironment(parsed, environment?.variables);
    const prepared = await this.optionsFor(document, transcript, options.sessions, environment?.local === true);
    if (!prepared) return undefined;
    const { options: replayOptions, workspaceTarget } = prepared;
    // A new run: the last one's marks would otherwise be read as this one's while it runs.
    this.presenter.clear(document.uri);

    const controller = new AbortController();
    const run = (token?: vscode.CancellationToken): Promise<ReplayResult> => {
      token?.onCancellationRequested(() => controller.abort());
      return replayEngine().replayTranscript(transcript, { ...replayOptions, signal: controller.signal });
    };
    const result = options.cancellation
      ? await run(options.cancellation)
      : await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Replaying ${path.basename(document.fileName)}`, cancellable: true },
          (progress, token) => {
            replayOptions.onEvent = (event) => {
              if (event.type === 'exchange') progress.report({ message: `line ${event.result.line + 1}: ${event.result.status}` });
              if (event.type === 'connected') progress.report({ message: `connected to ${event.target.host}:${event.target.port}` });
            };
            return run(token);
          },
        );
    if (workspaceTarget !== undefined && result.sessions.some((s) => s.error && UNREACHABLE.has(s.error.kind))) {
      await this.target.unreachable(workspaceTarget);
    }
    // Deleted while it replayed: its result would bring it back to Problems and the Testing view.
    if (document.uri.scheme === 'file' && !(await exists(document.uri))) {
      this.presenter.log.info(`${path.basename(document.fileName)} was deleted while it replayed: its result is not shown.`);
      return result;
    }
    this.presenter.show(document, result);
    this.replayed.fire({ document, result, fromTestRun: options.cancellation !== undefined });
    return result;
  }

  /** The engine's options; `workspaceTarget`: the workspace's current target was used (see WorkspaceTarget). */
  private async optionsFor(
    document: vscode.TextDocument,
    transcript: Transcript,
    sessions?: number[],
    environmentLocal = false,
  ): Promise<{ options: ReplayOptions; workspaceTarget?: TargetText } | undefined> {
    let settings: ReplaySettings;
    try {
      settings = replaySettings(document.uri);
    } catch (error) {
      return said(error);
    }
    const chosen = sessions ?? transcript.sessions.map((s) => s.index);
    const fileNamesServer = chosen.every((i) => {
      const session = transcript.sessions[i];
      return definitionsAt(transcript, session, session.range.end.line + 1).has('server');
    });
    const ca = settings.caFile === undefined ? undefined : await readCaFile(settings.caFile, document.uri);
    if (ca === null) return undefined;
    // The CLI's checks, in the editor's setting names (a bad smtp.replay.timeout is reported, not ignored).
    const resolved = replayEngine().resolveReplayOptions({
      from: 'editor',
      fallback: { port: settings.port, tls: settings.tls },
      timeout: settings.timeout,
      connectTimeout: settings.connectTimeout,
      keepGoing: settings.keepGoing,
      insecureTls: settings.insecureTlsHosts,
      ...(ca ? { ca } : {}),
      ...(sessions ? { sessions } : {}),
    });
    if ('problem' in resolved) {
      void vscode.window.showErrorMessage(resolved.problem.message);
      return undefined;
    }
    const options: ReplayOptions = {
      env: {},
      ...resolved.options,
      // The same include policy as the CLI and lint: the transcript's folder tree, the workspace folders, and the
      // folders `smtp.includes.allowedFolders` allows; only regular files, of bounded size.
      readFile: namedFileReader(document),
    };

    let defaults: TargetSettings | undefined;
    let local = false;
    let workspaceTarget: TargetText | undefined;
    if (!fileNamesServer) {
      // The setting wins over the workspace's choice; the picker appears only when neither names a target.
      // An environment saying `"server": "local"` names the target as a transcript's `@server` would.
      const current = settings.server || environmentLocal ? undefined : await this.target.currentOrAsk();
      workspaceTarget = current?.text;
      // smtp.replay.server was checked as it was read: it is `local` or a server.
      const picked = environmentLocal ? LOCAL_PICK : settings.server ? targetFromText(settings.server) : current?.target;
      if (!picked) return undefined;
      if (picked.kind === 'local') {
        local = true;
        let server: LocalServer;
        try {
          server = await this.local.start();
        } catch (error) {
          return said(error);
        }
        Object.assign(options, replayAgainstLocal(transcript, sessions, server, options));
      } else {
        defaults = { ...options.defaults, host: picked.host, port: picked.port ?? settings.port };
      }
    }
    if (defaults) options.defaults = defaults;

    const visible = definitionsAt(transcript, transcript.sessions[chosen[0]], Infinity);
    const target = options.target ?? defaults;
    // The local server's port changes from start to start: its secrets are keyed by "local", not by host:port.
    const server = local
      ? LOCAL_TARGET
      : target?.host
        ? `${target.host}:${target.port ?? ''}`
        : `${visible.get('server')?.value.text}:${visible.get('port')?.value.text ?? ''}`;
    const scope = { server, user: visible.get('user')?.value.text ?? '' };
    const env = await environmentForReplay(transcript, scope, this.passwords, process.env);
    if (!env) return undefined;
    options.env = env;
    return workspaceTarget === undefined ? { options } : { options, workspaceTarget };
  }
}

const LOCAL_PICK = { kind: 'local' } as const;

function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}

/** Failures that say the target itself is wrong (not the transcript): it is not remembered. */
const UNREACHABLE = new Set(['connect-refused', 'dns']);

/**
 * Shows why a replay cannot run (a setting refused, the local server not started) and gives nothing to run: a run of
 * the Testing view must end its test run, not be thrown out of it.
 */
function said(error: unknown): undefined {
  void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  return undefined;
}

/** `smtp.replay.caFile`'s content (a relative path from `scope`'s workspace folder, else the first); null (after saying why) when it cannot be read. */
export async function readCaFile(written: string, scope?: vscode.Uri): Promise<{ pem: string; source: string } | null> {
  // Read here, not at the module's top: this module is also in the activation bundle (transcriptTests.ts), which a
  // top-level read would make carry the settings tables.
  const caFileKey = CA_FILE_SETTING.editor!.key;
  let file: string;
  try {
    file = settingPath(caFileKey, written, scope);
  } catch (error) {
    return said(error) ?? null;
  }
  try {
    // The user's own setting, not the transcript's: not confined, but only a regular file is read (no FIFO hang).
    return { pem: (await replayEngine().readRegularFile(file)).toString('utf8'), source: `${caFileKey} ${file}` };
  } catch (error) {
    void vscode.window.showErrorMessage(`${caFileKey} ${file}: ${(error as Error).message}`);
    return null;
  }
}
