// Before the scripted server listens, every line it would send or compare is resolved once, so an unset
// `{{$env}}`, an undefined variable or a line past the expansion cap is reported at its line at start, not to the
// first client that connects. Captured values are not known yet: they stand in as empty text.
import { capturedDefinition, isAnyLines, takeCaptures } from '../model/clientLinePattern';
import type { Session, Transcript } from '../model/types';
import { exchangePayloads } from '../model/exchangePayloads';
import { definitionsAt, resolveText } from '../model/variables';

export interface ScriptProblem {
  line: number;
  message: string;
}

export function checkScript(transcript: Transcript, sessions: readonly Session[], env: Readonly<Record<string, string | undefined>>): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const session of sessions) {
    const captured = new Set<string>();
    const check = (text: string, line: number): void => {
      if (isAnyLines(text)) return;
      const capturing = takeCaptures(text);
      const definitions = new Map(definitionsAt(transcript, session, line));
      for (const name of captured) definitions.set(name, capturedDefinition(name, '', line));
      // A CRAM-MD5 answer is computed from the challenge sent; any challenge will do to check its arguments.
      const resolved = resolveText(capturing.text, { definitions, env, challenge: '' });
      for (const error of resolved.errors) problems.push({ line, message: error });
      for (const name of capturing.names) captured.add(name);
    };
    for (const exchange of session.exchanges) {
      for (const payload of exchangePayloads(exchange)) check(payload.text, payload.line);
    }
  }
  return problems;
}
