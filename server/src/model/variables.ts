// Variable scope (which `@name = value` is visible where) and substitution of `{{...}}` references.
import { scanReferences } from './variableReferences';
import type { Directive, Session, Transcript } from './types';
import { argumentCountProblem, BUILTINS, builtinNamed, holdsLineBreak, splitArguments, type BuiltinContext } from './builtins';
import { isSecretName } from './secrets';
import { describeCap, MAX_EXPANDED_CHARACTERS, MAX_EXPANSION_DEPTH, MAX_EXPANSION_WORK, withThousands } from './expansionLimits';


/** The definitions visible at `line`: file-level ones, then the session's above the line; a later one wins. */
export function definitionsAt(transcript: Transcript, session: Session | undefined, line: number): Map<string, Directive> {
  const visible = new Map<string, Directive>();
  for (const d of transcript.directives) if (d.range.start.line < line) visible.set(d.name, d);
  for (const d of session?.directives ?? []) if (d.range.start.line < line) visible.set(d.name, d);
  return visible;
}

const NO_DEFINITIONS: ReadonlyMap<string, Directive> = new Map();

// Keyed by the transcript, then the session: an incremental parse may hand a new transcript an unchanged session.
const sharedScopes = new WeakMap<Transcript, WeakMap<Transcript | Session, Map<number, ReadonlyMap<string, Directive>>>>();

/**
 * `definitionsAt` for a parsed transcript that no longer changes, shared between calls: the scripted server asks
 * for every line of every connection, and the answer only changes where a directive starts. Read-only.
 */
export function sharedDefinitionsAt(transcript: Transcript, session: Session | undefined, line: number): ReadonlyMap<string, Directive> {
  // Most scripts define nothing: no lookups for each line of each connection.
  if (transcript.directives.length === 0 && (session === undefined || session.directives.length === 0)) return NO_DEFINITIONS;
  let owners = sharedScopes.get(transcript);
  if (!owners) sharedScopes.set(transcript, (owners = new WeakMap()));
  // A session without directives sees the file-level ones only, as the file does: it shares the file's scopes (a
  // long file's thousands of such sessions made a map of scopes each, on every lint).
  if (session !== undefined && session.directives.length === 0) session = undefined;
  const owner = session ?? transcript;
  let scopes = owners.get(owner);
  if (!scopes) owners.set(owner, (scopes = new Map()));
  // The scope is decided by how many directives of each list lie above the line: that pair is the key.
  let fileAbove = 0;
  for (const d of transcript.directives) if (d.range.start.line < line) fileAbove++;
  let sessionAbove = 0;
  for (const d of session?.directives ?? []) if (d.range.start.line < line) sessionAbove++;
  const key = fileAbove * (transcript.directives.length + (session?.directives.length ?? 0) + 1) + sessionAbove;
  let scope = scopes.get(key);
  if (!scope) scopes.set(key, (scope = definitionsAt(transcript, session, line)));
  return scope;
}

export interface ResolveOptions extends BuiltinContext {
  /** Definitions in scope (see `definitionsAt`). */
  definitions: ReadonlyMap<string, Directive>;
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
  // A line that names nothing is sent as written, at any length, as replay sends it (the cap is on what expansion
  // builds); nothing to allocate for it either (the mock resolves every line it plays).
  if (!text.includes('{')) return { text, secrets: [], errors: [] };
  const state: State = { text: '', secrets: [], errors: [], work: 0, values: new Map(), freshValues: 0 };
  try {
    state.text = substitute(text, options, state, new Set());
  } catch (error) {
    if (!(error instanceof ExpansionTooLarge)) throw error;
    // Nothing of a value past the cap is kept: the caller gets the one error and an empty text.
    state.text = '';
    state.errors.push(error.message);
  }
  const resolved: Resolved = { text: state.text, secrets: state.secrets, errors: state.errors };
  resolved.secrets = [...new Set(resolved.secrets.filter((s) => s.length > 0))];
  return resolved;
}

interface State extends Resolved {
  /** Characters produced so far by this resolution, nested values included (bounded by MAX_EXPANSION_WORK). */
  work: number;
  /** Each variable's value once resolved in this resolution, and the secrets it brought. */
  values: Map<string, { value: string; secrets: string[] }>;
  /** How many fresh built-in values (`$uuid`, `$date`, `$message-id`) were drawn so far. */
  freshValues: number;
}

/** Thrown the moment a value would pass a cap, before it is built; `resolveText` turns it into one error. */
class ExpansionTooLarge extends Error {}

// Sizes are checked before each concatenation, so no string past the cap (plus one built-in's output) is ever built.
function append(out: string, piece: string, name: string | undefined): string {
  if (out.length + piece.length > MAX_EXPANDED_CHARACTERS) {
    const what = name === undefined ? 'this line' : `\`{{${name}}}\``;
    throw new ExpansionTooLarge(`${what} expands to more than ${describeCap(MAX_EXPANDED_CHARACTERS)}, the cap on one line or variable (docs/transcript-format.md, "Expansion limits")`);
  }
  return out + piece;
}

/** Counts new characters (written text, built-in results) and each reference followed, which cost time even when empty. */
function spend(state: State, units: number, name: string | undefined): void {
  state.work += units;
  if (state.work <= MAX_EXPANSION_WORK) return;
  const what = name === undefined ? 'this line' : `\`{{${name}}}\``;
  throw new ExpansionTooLarge(`${what} takes more than ${withThousands(MAX_EXPANSION_WORK)} steps to expand, the cap on expansion work (docs/transcript-format.md, "Expansion limits")`);
}

function literal(text: string, state: State, name: string | undefined): string {
  // Text written longer than a line may hold is said so, not as the expansion work it would take to copy.
  if (text.length > MAX_EXPANDED_CHARACTERS) {
    throw new ExpansionTooLarge(`${name === undefined ? 'this line' : `\`{{${name}}}\``} holds ${withThousands(text.length)} characters, more than ${describeCap(MAX_EXPANDED_CHARACTERS)}, the cap on one line or variable (docs/transcript-format.md, "Expansion limits")`);
  }
  spend(state, text.length, name);
  return unescapeBraces(text);
}

function substitute(text: string, options: ResolveOptions, state: State, resolving: Set<string>, name?: string): string {
  if (!text.includes('{')) return literal(text, state, name);
  const { references } = scanReferences(text, 0, 0);
  let out = '';
  let at = 0;
  for (const ref of references) {
    out = append(out, literal(text.slice(at, ref.range.start.character), state, name), name);
    spend(state, 1, name);
    if (resolving.size >= MAX_EXPANSION_DEPTH) {
      throw new ExpansionTooLarge(`\`{{${ref.name}}}\` is nested more than ${MAX_EXPANSION_DEPTH} variables deep (docs/transcript-format.md, "Expansion limits")`);
    }
    const value = ref.name.startsWith('$')
      ? evaluateBuiltin(ref.name, ref.args, options, state, resolving)
      : lookupVariable(ref.name, options, state, resolving);
    out = append(out, value, name);
    at = ref.range.end.character;
  }
  return append(out, literal(text.slice(at), state, name), name);
}

function lookupVariable(name: string, options: ResolveOptions, state: State, resolving: Set<string>): string {
  const directive = options.definitions.get(name);
  if (!directive) {
    state.errors.push(`undefined variable \`${name}\`: define it with \`@${name} = value\` above this line`);
    return '';
  }
  // A cycle through any number of variables (`@a = {{b}}`, `@b = {{a}}`) stops here, at its second visit.
  if (resolving.has(name)) {
    const cycle = [...resolving].slice([...resolving].indexOf(name));
    state.errors.push(cycle.length === 1 ? `variable \`${name}\` refers to itself` : `variables refer to each other in a cycle: ${[...cycle, name].join(' -> ')}`);
    return '';
  }
  const known = state.values.get(name);
  if (known) {
    for (const secret of known.secrets) state.secrets.push(secret);
    return known.value;
  }
  resolving.add(name);
  const secretsBefore = state.secrets.length;
  const freshBefore = state.freshValues;
  const value = substitute(directive.value.text, options, state, resolving, name);
  resolving.delete(name);
  if (isSecretName(name)) state.secrets.push(value);
  else if (state.secrets.length > secretsBefore && state.secrets.includes(value)) state.secrets.push(value);
  // Within one resolution a name always means the same definition: `{{v}}{{v}}` resolves `v` once, unless its
  // value holds a fresh `{{$uuid}}` or the like, which is drawn anew at every reference.
  if (state.freshValues === freshBefore) state.values.set(name, { value, secrets: state.secrets.slice(secretsBefore) });
  return value;
}

function evaluateBuiltin(name: string, args: string, options: ResolveOptions, state: State, resolving: Set<string>): string {
  const builtin = builtinNamed(name.slice(1));
  if (!builtin) {
    state.errors.push(`unknown built-in \`${name}\` (known: ${Object.keys(BUILTINS).map((b) => '$' + b).join(', ')})`);
    return '';
  }
  const secretsBefore = state.secrets.length;
  const raw = builtin.rawArguments ? [args] : splitArguments(args);
  const countProblem = argumentCountProblem(builtin, raw);
  if (countProblem) {
    state.errors.push(`\`{{${name}}}\`: ${countProblem}`);
    return '';
  }
  const values = raw.map((a) => substitute(a, options, state, resolving));
  const valuesProblem = builtin.valuesProblem?.(values);
  const result = valuesProblem ? { error: valuesProblem } : builtin.evaluate(values, options);
  if ('error' in result) {
    state.errors.push(`\`{{${name}}}\`: ${result.error}`);
    return '';
  }
  spend(state, result.value.length, name);
  if (builtin.fresh) state.freshValues++;
  const tainted = state.secrets.length > secretsBefore;
  if (tainted || result.secret) state.secrets.push(result.value);
  return result.value;
}

/**
 * Text written so that it is sent as it is: `{{` would start a reference, so braces stay literal as `\{{`. In a run
 * of braces every pair is escaped, and an odd one goes first, so that no unescaped pair is left: `{{{` -> `{\{{`.
 */
export function escapeBraces(text: string): string {
  return text.includes('{{') ? text.replace(/\{\{+/g, (run) => (run.length % 2 === 1 ? '{' : '') + '\\{{'.repeat(Math.floor(run.length / 2))) : text;
}

/** A CR or LF inside a line's text as `{{$cr}}`/`{{$lf}}` (builtins.ts): a transcript line cannot hold them. */
export function lineBreaksAsReferences(text: string): string {
  return holdsLineBreak(text) ? text.replace(/\r/g, '{{$cr}}').replace(/\n/g, '{{$lf}}') : text;
}

/**
 * The octets a line sends where nothing is known before replay but `\{{` (literal braces) and `{{$cr}}`/`{{$lf}}`
 * (one octet each): what a BDAT chunk's count reads.
 */
export function sentLiteralText(text: string): string {
  const breaks = text.includes('{{$') ? text.replace(/(?<!\\)\{\{\$(cr|lf)\}\}/g, (_, name: string) => (name === 'cr' ? '\r' : '\n')) : text;
  return unescapeBraces(breaks);
}

/** Literal text as it is sent: `\{{` writes `{{` (docs/transcript-format.md, "Variables"). */
export function unescapeBraces(text: string): string {
  return text.includes('\\{{') ? text.replace(/\\\{\{/g, '{{') : text;
}
