// Variable scope (which `@name = value` is visible where) and substitution of `{{...}}` references.
import { scanReferences } from './variableReferences';
import type { Directive, Session, Transcript } from './types';
import { BUILTINS, splitArguments, type BuiltinContext } from './builtins';
import { isSecretName } from './secrets';

export { isSecretName, maskSecrets, MASK } from './secrets';

/** The definitions visible at `line`: file-level ones, then the session's above the line; a later one wins. */
export function definitionsAt(transcript: Transcript, session: Session | undefined, line: number): Map<string, Directive> {
  const visible = new Map<string, Directive>();
  for (const d of transcript.directives) if (d.range.start.line < line) visible.set(d.name, d);
  for (const d of session?.directives ?? []) if (d.range.start.line < line) visible.set(d.name, d);
  return visible;
}

export interface ResolveOptions extends BuiltinContext {
  /** Definitions in scope (see `definitionsAt`). */
  definitions: Map<string, Directive>;
}

export interface Resolved {
  text: string;
  /** Resolved values that must never be shown (passwords, tokens, AUTH payloads made from them). */
  secrets: string[];
  /** What could not be resolved: undefined variables, unset environment variables, bad built-in arguments. */
  errors: string[];
}

/** Substitutes every reference in `text` (a payload, directive value or include path). */
export function resolveText(text: string, options: ResolveOptions): Resolved {
  const state: Resolved = { text: '', secrets: [], errors: [] };
  state.text = substitute(text, options, state, new Set());
  state.secrets = [...new Set(state.secrets.filter((s) => s.length > 0))];
  return state;
}

function substitute(text: string, options: ResolveOptions, state: Resolved, resolving: Set<string>): string {
  if (!text.includes('{')) return text;
  const { references } = scanReferences(text, 0, 0);
  let out = '';
  let at = 0;
  for (const ref of references) {
    out += unescapeBraces(text.slice(at, ref.range.start.character));
    out += ref.name.startsWith('$')
      ? evaluateBuiltin(ref.name, ref.args, options, state, resolving)
      : lookupVariable(ref.name, options, state, resolving);
    at = ref.range.end.character;
  }
  return out + unescapeBraces(text.slice(at));
}

function lookupVariable(name: string, options: ResolveOptions, state: Resolved, resolving: Set<string>): string {
  const directive = options.definitions.get(name);
  if (!directive) {
    state.errors.push(`undefined variable \`${name}\`: define it with \`@${name} = value\` above this line`);
    return '';
  }
  if (resolving.has(name)) {
    state.errors.push(`variable \`${name}\` refers to itself`);
    return '';
  }
  resolving.add(name);
  const secretsBefore = state.secrets.length;
  const value = substitute(directive.value.text, options, state, resolving);
  resolving.delete(name);
  if (isSecretName(name)) state.secrets.push(value);
  else if (state.secrets.length > secretsBefore && state.secrets.includes(value)) state.secrets.push(value);
  return value;
}

function evaluateBuiltin(name: string, args: string, options: ResolveOptions, state: Resolved, resolving: Set<string>): string {
  const builtin = BUILTINS[name.slice(1)];
  if (!builtin) {
    state.errors.push(`unknown built-in \`${name}\` (known: ${Object.keys(BUILTINS).map((b) => '$' + b).join(', ')})`);
    return '';
  }
  const secretsBefore = state.secrets.length;
  const raw = builtin.rawArguments ? [args] : splitArguments(args);
  const values = raw.map((a) => substitute(a, options, state, resolving));
  const result = builtin.evaluate(values, options);
  if ('error' in result) {
    state.errors.push(`\`{{${name}}}\`: ${result.error}`);
    return '';
  }
  const tainted = state.secrets.length > secretsBefore;
  if (tainted || result.secret) state.secrets.push(result.value);
  return result.value;
}

function unescapeBraces(text: string): string {
  return text.includes('\\{{') ? text.replace(/\\\{\{/g, '{{') : text;
}
