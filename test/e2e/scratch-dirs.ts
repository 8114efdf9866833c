// Throwaway HOME, XDG and profile folders, so neither code-server nor Chromium writes under the real home.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchDirs {
  readonly root: string;
  readonly home: string;
  readonly userData: string;
  readonly extensions: string;
  readonly chromiumProfile: string;
  readonly codeServerConfig: string;
  /** The copy of the test workspace VS Code opens. */
  readonly workspace: string;
}

// A workbench without chat, gallery look-ups or welcome pages: less noise in the log and the screenshots.
const QUIET_WORKBENCH_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  // What the README's screenshots show: VS Code's default dark theme, no minimap clutter.
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  // With --workspace-trust the folder stays untrusted (restricted mode) instead of a modal asking whether to trust it.
  'security.workspace.trust.startupPrompt': 'never',
};

export function makeScratchDirs(): ScratchDirs {
  const root = mkdtempSync(join(tmpdir(), 'smtp-e2e-'));
  const dirs: ScratchDirs = {
    root,
    home: join(root, 'home'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    chromiumProfile: join(root, 'chromium-profile'),
    codeServerConfig: join(root, 'code-server.yaml'),
    workspace: join(root, 'workspace'),
  };
  for (const dir of [dirs.home, dirs.userData, dirs.extensions, dirs.chromiumProfile]) mkdirSync(dir, { recursive: true });
  // Our own config file, or code-server writes one with a generated password under ~/.config.
  writeFileSync(dirs.codeServerConfig, 'auth: none\ncert: false\n');
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(QUIET_WORKBENCH_SETTINGS, null, 2));
  return dirs;
}

/**
 * The environment for code-server and Chromium: the caller's, with home and XDG folders moved into the scratch root,
 * and without SMTP_PASSWORD (the tests store passwords in VS Code's secret storage, as a user would).
 */
export function scratchEnv(dirs: ScratchDirs, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SMTP_PASSWORD: _password, ...rest } = base;
  return {
    ...rest,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
  };
}

export function removeScratchDirs(dirs: ScratchDirs): void {
  rmSync(dirs.root, { recursive: true, force: true });
}
