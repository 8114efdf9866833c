// The activation figures the extension measured of itself, printed and written to the file the harness names
// (SMTP_E2E_FIGURES), where `npm run bench` reads them. A figure is reported, never asserted: timing depends on the
// machine.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { FIGURES_FILE_ENV } from '../harness-defaults';
import { extensionApi } from './workbench';

export interface ActivationFigures {
  vscodeVersion: string;
  measuredAt: string;
  moduleLoadStartedAt: number;
  moduleEvaluatedMs: number;
  activateCalledMs: number;
  activateMs: number;
  languageClientLoadedMs?: number;
  languageServerReadyMs: number;
}

export const activationFiguresTest: E2ETest = {
  name: 'activation figures: module load to activate() returning and to the language server answering',
  run: async () => {
    const api = await extensionApi();
    const { languageServerReadyMs, ...timings } = api.timings;
    assert.ok(languageServerReadyMs !== undefined && languageServerReadyMs >= timings.activateMs, JSON.stringify(api.timings));
    const figures: ActivationFigures = { vscodeVersion: vscode.version, measuredAt: new Date().toISOString(), ...timings, languageServerReadyMs };
    console.log(
      `e2e: the bundle began loading ${figures.moduleLoadStartedAt.toFixed(0)} ms into the extension host; from there: ` +
        `evaluated ${figures.moduleEvaluatedMs.toFixed(1)} ms, activate() called ${figures.activateCalledMs.toFixed(1)} ms, ` +
        `returned ${figures.activateMs.toFixed(1)} ms, language server ready ${languageServerReadyMs.toFixed(1)} ms`,
    );
    const file = process.env[FIGURES_FILE_ENV];
    if (file) writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  },
};
