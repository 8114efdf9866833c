// A transcript's text as the exported code must write it: literal text, an environment variable (never its value),
// or a fresh date or message id that the target computes when it runs. Everything else is resolved from the file's
// `@` definitions, as replay would.
import type { Directive, Payload } from '../model/types';
import { resolveText } from '../model/variables';
import { MASK } from '../model/secrets';

export type Piece = { kind: 'text'; text: string } | { kind: 'env'; name: string } | { kind: 'date' } | { kind: 'message-id' };
export type Text = Piece[];

// An `{{$env NAME}}` resolves to NAME between these marks, so that no value of the environment is ever read.
const MARK = '\u0000';
const markedEnvironment: Readonly<Record<string, string>> = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `${MARK}${name}${MARK}` : undefined) });

export interface ResolvedText {
  text: Text;
  errors: string[];
}

/** The payload with `{{$date}}`, `{{$message-id}}` (written directly) and `{{$env NAME}}` (anywhere) kept as pieces. */
export function resolvePayload(payload: Payload, definitions: Map<string, Directive>): ResolvedText {
  const start = payload.character;
  const text: Text = [];
  const errors: string[] = [];
  let at = 0;
  const resolveSlice = (slice: string) => {
    const resolved = resolveRaw(slice, definitions);
    for (const added of resolved.text) text.push(added);
    for (const added of resolved.errors) errors.push(added);
  };
  for (const ref of payload.variables) {
    if (ref.name !== '$date' && ref.name !== '$message-id') continue;
    resolveSlice(payload.text.slice(at, ref.range.start.character - start));
    text.push(ref.name === '$date' ? { kind: 'date' } : { kind: 'message-id' });
    at = ref.range.end.character - start;
  }
  resolveSlice(payload.text.slice(at));
  return { text: joinText(text), errors };
}

/** Any text with references (an argument of a built-in, a directive value). */
export function resolveRaw(raw: string, definitions: Map<string, Directive>): ResolvedText {
  const resolved = resolveText(raw, { definitions, env: markedEnvironment });
  // A secret written in the file itself (`@password = hunter2`) is masked, as in every report: an export is output.
  let value = resolved.text;
  const errors = [...resolved.errors];
  for (const secret of resolved.secrets.filter((s) => !s.includes(MARK))) {
    if (!value.includes(secret)) continue;
    value = value.split(secret).join(MASK);
    errors.push(`a secret value is shown as ${MASK}: write it as {{$env NAME}} to export a reference to it`);
  }
  const text: Text = value.split(MARK).map((part, i) => (i % 2 === 1 ? { kind: 'env', name: part } : { kind: 'text', text: part }));
  return { text: joinText(text), errors };
}

export const literal = (text: string): Text => [{ kind: 'text', text }];

/** The text when it holds nothing but literal text. */
export function plainText(text: Text): string | undefined {
  return text.every((p) => p.kind === 'text') ? text.map((p) => (p.kind === 'text' ? p.text : '')).join('') : undefined;
}

/** The one environment variable the text is made of, if that is all it is. */
export function onlyEnvironment(text: Text): string | undefined {
  return text.length === 1 && text[0].kind === 'env' ? text[0].name : undefined;
}

export function mapText(text: Text, map: (text: string) => string): Text {
  return text.map((p) => (p.kind === 'text' ? { kind: 'text', text: map(p.text) } : p));
}

function joinText(text: Text): Text {
  const out: Text = [];
  for (const piece of text) {
    if (piece.kind === 'text' && piece.text === '') continue;
    const last = out[out.length - 1];
    if (piece.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + piece.text };
    else out.push(piece);
  }
  return out;
}
