// The first module extension.ts imports, so its clock starts before the rest of the bundle is evaluated: activation
// time is measured from here to activate() returning and to the language server answering `initialize`.
import { performance } from 'node:perf_hooks';

export const moduleLoadStartedAt = performance.now();

export interface ActivationTimings {
  /** Milliseconds since the extension host started when this bundle began to evaluate. */
  moduleLoadStartedAt: number;
  /** From module load to the end of the bundle's evaluation (the language client library is most of it). */
  moduleEvaluatedMs: number;
  /** From module load to activate() being called: the bundle's evaluation, then VS Code's own work in between. */
  activateCalledMs: number;
  /** From module load to activate() returning. */
  activateMs: number;
  /** From module load to the language client's bundle evaluated (after activate() returned); undefined until then. */
  languageClientLoadedMs?: number;
  /** From module load to the language server's `initialize` answer; undefined until then. */
  languageServerReadyMs?: number;
}

export function sinceModuleLoad(): number {
  return performance.now() - moduleLoadStartedAt;
}
