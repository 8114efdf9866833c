// Validation as the editor shows it: lint findings (parse problems included) as LSP diagnostics, each with its RFC
// link, its quick fix and whether a suppression comment may silence it (parse errors cannot be).
import type { Diagnostic } from 'vscode-languageserver-types';
import { rfcUrl } from '../knowledge/rfc';
import type { Transcript } from '../model/types';
import { maySilence, type DiagnosticData } from './codeActions';
import { toLspDiagnostic } from './diagnostics';
import { lintInSteps, lintTranscript, type LintDiagnostic, type LintOptions, type RfcReference } from './lint';

export function validateTranscript(transcript: Transcript, options: LintOptions): Diagnostic[] {
  return lintTranscript(transcript, options).map(toDiagnostic);
}

/** `validateTranscript` a step at a time (`lintInSteps`): the language server answers requests between steps. */
export function* validateInSteps(transcript: Transcript, options: LintOptions): Generator<void, Diagnostic[], void> {
  return (yield* lintInSteps(transcript, options)).map(toDiagnostic);
}

function toDiagnostic(d: LintDiagnostic): Diagnostic {
  const data: DiagnosticData = { fix: d.fix, configurable: maySilence(d.code, d.severity === 'error') };
  return toLspDiagnostic({ range: d.range, severity: d.severity, code: d.code, message: d.message, href: d.rfc ? hrefOf(d.rfc) : undefined, data });
}

// A rule's RFC reference is one object in its spec: its link is built once, not once per diagnostic per keystroke.
const hrefs = new WeakMap<RfcReference, string>();

function hrefOf(rfc: RfcReference): string {
  let href = hrefs.get(rfc);
  if (href === undefined) hrefs.set(rfc, (href = rfcUrl(rfc)));
  return href;
}
