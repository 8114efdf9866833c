// Which environment variables a transcript reads through `{{$env NAME}}`, wherever the reference stands.
import { allReferences } from './variableReferences';
import type { Payload, Transcript } from './types';

export function environmentVariablesUsed(transcript: Transcript): string[] {
  const payloads: Payload[] = transcript.directives.map((d) => d.value);
  for (const session of transcript.sessions) {
    payloads.push(...session.directives.map((d) => d.value));
    for (const exchange of session.exchanges) {
      if (exchange.kind === 'command' || exchange.kind === 'bdat') payloads.push(exchange.command.line.payload);
      if (exchange.kind === 'auth-response' || exchange.kind === 'client-close') payloads.push(exchange.line.payload);
      if (exchange.kind === 'message' || exchange.kind === 'bdat') {
        for (const part of exchange.parts) payloads.push(part.kind === 'line' ? part.line.payload : part.include.path);
      }
      for (const line of exchange.reply?.lines ?? []) payloads.push(line.payload);
    }
  }
  const names = new Set<string>();
  for (const payload of payloads) {
    for (const ref of allReferences(payload.variables)) {
      if (ref.name === '$env' && ref.args && !ref.args.includes('{{')) names.add(ref.args.trim());
    }
  }
  return [...names];
}
