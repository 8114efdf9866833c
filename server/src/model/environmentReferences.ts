// Which environment variables a transcript reads through `{{$env NAME}}`, wherever the reference stands.
import { allReferences } from './variableReferences';
import { allPayloads } from './exchangePayloads';
import type { Transcript } from './types';

export function environmentVariablesUsed(transcript: Transcript): string[] {
  const names = new Set<string>();
  for (const { payload } of allPayloads(transcript)) {
    for (const ref of allReferences(payload.variables)) {
      if (ref.name === '$env' && ref.args && !ref.args.includes('{{')) names.add(ref.args.trim());
    }
  }
  return [...names];
}
