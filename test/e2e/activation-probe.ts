// A test module with only the activation figures, for `npm run bench` (run-code-server.js --tests
// out/test/e2e/activation-probe.js): a full VS Code start for one measurement, without the rest of the suite.
import { runE2ETests } from './e2e-runner';
import { activationFiguresTest } from './suite/activationFigures';

export async function run(): Promise<void> {
  await runE2ETests([activationFiguresTest], (line) => console.log(line));
}
