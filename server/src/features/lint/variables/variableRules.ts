// Variables and built-ins: references that cannot be resolved, definitions nothing uses, unset environment variables.
import { argumentCountProblem, BUILTINS, builtinNamed, splitArguments } from '../../../model/builtins';
import { allReferences } from '../../../model/variableReferences';
import { isInclude } from '../../../model/contentParts';
import type { Directive, Exchange, Payload, Range, Session, Transcript, VariableReference } from '../../../model/types';
import { lookupDirectiveSetting } from '../../../settings/registry';
import { sessionKey } from '../../../model/transcriptChunks';
import { sharedDefinitionsAt } from '../../../model/variables';
import { describeCap, MAX_EXPANDED_CHARACTERS, MAX_EXPANSION_DEPTH } from '../../../model/expansionLimits';
import { lineSizer, type LineRefusal } from './expansionRules';
import { missingInScope } from './valueScope';
import { rule, type Check, type Finding, type LintContext, type RuleGroup, type SessionCheck } from '../rule';

export const VariableRules = {
  variableUndefined: rule('variable-undefined', 'error', 'A `{{name}}` reference with no `@name = value` definition in scope, or one whose value leads to a name not defined above the line that uses it: replay cannot substitute it.'),
  builtinUnknown: rule('builtin-unknown', 'error', 'A `{{$name ...}}` reference to a built-in that does not exist.'),
  builtinArguments: rule('builtin-arguments', 'error', 'A built-in given another number of arguments than it takes (`{{$plain user password}}`), or a value it cannot take (`{{$boundary x}}`): replay refuses the session before connecting.'),
  variableUnused: rule('variable-unused', 'hint', 'A variable defined with `@name = value` that no `{{name}}` reference uses.'),
  envUnset: rule('env-unset', 'info', 'A `{{$env NAME}}` reference to an environment variable that is not set (checked only where the environment is known, as in the CLI).'),
  lineTooLarge: rule(
    'line-too-large',
    'error',
    `A line holding a \`{{...}}\` reference that is longer than ${describeCap(MAX_EXPANDED_CHARACTERS)} as written or once its references are substituted: replay refuses the session before connecting.`,
  ),
  variableTooDeep: rule(
    'variable-too-deep',
    'error',
    `A line using a variable whose value uses another, and so on, more than ${MAX_EXPANSION_DEPTH} variables deep: replay follows no deeper, and refuses the session before connecting.`,
  ),
};

interface Reference {
  ref: VariableReference;
  /** The line (or directive value) holding it. */
  payload: Payload;
  session?: Session;
  /** The directive whose value holds the reference, if any. */
  inDirective?: Directive;
}

function addReferences(found: Reference[], payload: Payload, session?: Session, inDirective?: Directive): void {
  // Most lines hold no reference: skip them without allocating.
  if (payload.variables.length === 0) return;
  for (const ref of allReferences(payload.variables)) found.push({ ref, payload, session, inDirective });
}

function fileReferences(transcript: Transcript): Reference[] {
  const found: Reference[] = [];
  for (const directive of transcript.directives) addReferences(found, directive.value, undefined, directive);
  return found;
}

/**
 * Each reference the session writes with where it stands (its line, its directive): what lint reports at. The
 * editor's navigation reads them by name instead (features/sessionReferences.ts).
 */
function referencesWhere(session: Session): Reference[] {
  const found: Reference[] = [];
  for (const directive of session.directives) addReferences(found, directive.value, session, directive);
  for (const exchange of session.exchanges) addExchangeReferences(found, exchange, session);
  return found;
}

/** The payloads `exchangePayloads` yields, in its order, walked without a generator (this runs for every line). */
function addExchangeReferences(found: Reference[], exchange: Exchange, session: Session): void {
  if (exchange.kind === 'command' || exchange.kind === 'bdat') addReferences(found, exchange.command.line, session);
  if (exchange.kind === 'auth-response' || exchange.kind === 'client-close') addReferences(found, exchange.line, session);
  if (exchange.kind === 'message' || exchange.kind === 'bdat') {
    // By index: a message may hold 100k lines, and for-of over them kept an iterator result per line.
    const parts = exchange.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      addReferences(found, isInclude(part) ? part.path : part, session);
    }
  }
  if (exchange.kind === 'message' && exchange.terminator) addReferences(found, exchange.terminator, session);
  const replyLines = exchange.reply?.lines;
  if (replyLines) for (const reply of replyLines) addReferences(found, reply.payload, session);
}

// Per parsed session (kept across edits that leave it alone): the variable names it references.
const namesBySession = new WeakMap<object, ReadonlySet<string>>();

function namesUsedIn(session: Session): ReadonlySet<string> {
  const key = sessionKey(session);
  let names = namesBySession.get(key);
  if (!names) {
    names = variableNames(referencesWhere(session));
    namesBySession.set(key, names);
  }
  return names;
}

// Most sessions reference no variable: they share one empty set (never changed).
const NO_NAMES: ReadonlySet<string> = new Set<string>();

function variableNames(references: Reference[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < references.length; i++) if (!references[i].ref.name.startsWith('$')) names.add(references[i].ref.name);
  return names;
}

/** Where each name is defined, counted once so that a reference is looked up, not compared with every definition. */
interface Definitions {
  /** Name -> file-level directives defining it. */
  file: ReadonlyMap<string, number>;
  /** Name -> the other directives a directive's value may use: the session's own, or (in file-level ones) all. */
  more: ReadonlyMap<string, number>;
  /** Name -> the line of the session's first definition (file-level ones come before every session). */
  firstLine: ReadonlyMap<string, number>;
}

// What a session without directives defines (most sessions): one empty map shared, never changed.
const NO_DEFINITIONS: ReadonlyMap<string, number> = new Map<string, number>();

function countNames(directives: readonly Directive[]): ReadonlyMap<string, number> {
  if (directives.length === 0) return NO_DEFINITIONS;
  const counts = new Map<string, number>();
  for (const d of directives) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  return counts;
}

// Counted once per parse of the file-level directives (kept across edits that leave them alone).
const fileCounts = new WeakMap<readonly Directive[], ReadonlyMap<string, number>>();

function fileNames(transcript: Transcript): ReadonlyMap<string, number> {
  let counts = fileCounts.get(transcript.directives);
  if (!counts) {
    counts = countNames(transcript.directives);
    fileCounts.set(transcript.directives, counts);
  }
  return counts;
}

function sessionDefinitions(transcript: Transcript, session: Session, references: Reference[]): Definitions {
  // Made for the first definition: most sessions define nothing and share the empty map.
  let firstLine: Map<string, number> | undefined;
  for (const d of session.directives) {
    firstLine ??= new Map();
    if (!firstLine.has(d.name)) firstLine.set(d.name, d.range.start.line);
  }
  // `{{$capture name}}` in a C: line defines `name` for the lines below it (the scripted server's captures).
  for (const { ref } of references) {
    const name = ref.name === '$capture' ? ref.args.trim() : '';
    if (!name || (firstLine?.get(name) ?? Infinity) <= ref.range.start.line) continue;
    firstLine ??= new Map();
    firstLine.set(name, ref.range.start.line);
  }
  return { file: fileNames(transcript), more: countNames(session.directives), firstLine: firstLine ?? NO_DEFINITIONS };
}

/** The values of file-level directives may use any directive of the file. */
function fileDefinitions(transcript: Transcript): Definitions {
  return { file: fileNames(transcript), more: countNames(transcript.sessions.flatMap((s) => s.directives)), firstLine: NO_DEFINITIONS };
}

/**
 * A directive's value is substituted where the variable is used, with the definitions in force there, so it may name
 * a variable defined further down (but not only by itself); a reference in a `C:`/`S:` line needs a definition above it.
 */
function isDefined(definitions: Definitions, { ref, inDirective }: Reference): boolean {
  if (!inDirective) return definitions.file.has(ref.name) || (definitions.firstLine.get(ref.name) ?? Infinity) < ref.range.start.line;
  const others = (definitions.file.get(ref.name) ?? 0) + (definitions.more.get(ref.name) ?? 0) - (inDirective.name === ref.name ? 1 : 0);
  return others > 0;
}

function allDirectives(transcript: Transcript): Directive[] {
  // Pushed, not flat-mapped: most sessions have none, and this runs on every edit.
  const all = transcript.directives.slice();
  for (const session of transcript.sessions) for (let i = 0; i < session.directives.length; i++) all.push(session.directives[i]);
  return all;
}

function checkReference(definitions: Definitions, reference: Reference, context: LintContext): Finding | undefined {
  const { ref } = reference;
  if (ref.name.startsWith('$')) {
    const builtin = ref.name.slice(1);
    const spec = builtinNamed(builtin);
    if (!spec) {
      const known = Object.keys(BUILTINS).map((name) => `$${name}`).join(', ');
      return { ruleId: VariableRules.builtinUnknown.id, range: ref.nameRange, message: `\`${ref.name}\` is not a built-in: use one of ${known}.` };
    }
    // Counted before anything is resolved, as replay counts them: an argument's references never add arguments.
    const args = spec.rawArguments ? [] : splitArguments(ref.args);
    if (spec.arity && !spec.rawArguments && argumentCountProblem(spec, args)) {
      const given = args.length === 0 ? 'none' : args.length === 1 ? 'one' : String(args.length);
      return {
        ruleId: VariableRules.builtinArguments.id,
        range: ref.range,
        message: `\`${ref.name}\` takes ${spec.arity.usage} (\`${spec.signature}\`), and this reference gives ${given}: replay refuses the session before connecting.`,
      };
    }
    // Values written as they are sent can be checked here; one holding a reference is known only at replay.
    const valuesProblem = args.some((arg) => arg.includes('{{')) ? undefined : spec.valuesProblem?.(args);
    if (valuesProblem) return { ruleId: VariableRules.builtinArguments.id, range: ref.range, message: `\`${ref.name}\`: ${valuesProblem}. Replay refuses the session before connecting.` };
    const name = ref.args.trim();
    if (builtin !== 'env' || !context.env || name === '' || name.includes('{{') || context.env[name] !== undefined) return undefined;
    return {
      ruleId: VariableRules.envUnset.id,
      range: ref.range,
      message: `The environment variable ${name} is not set: replay will stop here. Set it before replaying (e.g. \`export ${name}=...\`).`,
    };
  }
  if (isDefined(definitions, reference) || context.environment?.variables.has(ref.name)) return undefined;
  return {
    ruleId: VariableRules.variableUndefined.id,
    range: ref.nameRange,
    message: `\`{{${ref.name}}}\` is not defined: add \`@${ref.name} = value\` above this line (or at the top of the file).`,
  };
}

/** A definition is used when any reference in the file names it (a use out of scope is reported where it stands). */
function unusedDefinitions(transcript: Transcript, fileReferences: Reference[]): Finding[] {
  const directives = allDirectives(transcript);
  // Runs on every edit: without a definition nothing can be unused, and no session's uses are read.
  if (directives.length === 0) return [];
  // The names that may still turn out unused: the walk over the sessions stops once every one is used (in a long
  // file, usually within the first sessions).
  const unused = new Set<string>();
  for (const d of directives) if (!lookupDirectiveSetting(d.name)) unused.add(d.name);
  for (const name of variableNames(fileReferences)) unused.delete(name);
  const use = (name: string) => unused.delete(name);
  // Most sessions use no variable: no iterator is made for them, on every edit.
  for (let i = 0; i < transcript.sessions.length && unused.size > 0; i++) {
    const names = namesUsedIn(transcript.sessions[i]);
    if (names.size > 0) names.forEach(use);
  }
  return directives
    .filter((d) => unused.has(d.name))
    .map((d) => ({
      ruleId: VariableRules.variableUnused.id,
      range: d.nameRange,
      message: `\`@${d.name}\` is never used: reference it as \`{{${d.name}}}\`, or remove the line.`,
      fix: { title: `Remove @${d.name}`, edits: [{ range: wholeLine(transcript, d.range.start.line), newText: '' }] },
    }));
}

function wholeLine(transcript: Transcript, line: number): Range {
  if (line + 1 < transcript.lines.length) return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
  return { start: { line, character: 0 }, end: { line, character: transcript.lines[line].length } };
}

function checkReferences(definitions: Definitions, references: Reference[], context: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const reference of references) {
    const finding = checkReference(definitions, reference, context);
    if (finding) findings.push(finding);
  }
  return findings;
}

// References in a session need only that session and the file-level directives; references in file-level
// directives and unused definitions look at the whole file.
const checkSession: SessionCheck = (session, transcript, context) => {
  const references = referencesWhere(session);
  namesBySession.set(sessionKey(session), references.length === 0 ? NO_NAMES : variableNames(references));
  if (references.length === 0) return [];
  const findings = checkReferences(sessionDefinitions(transcript, session, references), references, context);
  addUndefinedInValues(findings, references, session, transcript);
  addOversizedLines(findings, references, session, transcript);
  return findings;
};

// Per list of directives (the file's is the same array for each of its sessions, and is asked once per session).
const holdReferences = new WeakMap<readonly Directive[], boolean>();

function valuesHoldReferences(directives: readonly Directive[]): boolean {
  if (directives.length === 0) return false;
  let hold = holdReferences.get(directives);
  if (hold === undefined) holdReferences.set(directives, (hold = directives.some((d) => d.value.variables.length > 0)));
  return hold;
}

/**
 * Adds each reference on a line whose value leads to a name not defined above that line (valueScope.ts): replay
 * resolves the line, values included, with the definitions above it.
 */
function addUndefinedInValues(findings: Finding[], references: Reference[], session: Session, transcript: Transcript): void {
  // Most files' values hold no reference (`@sender = alice@example.com`): nothing to walk, no scope to look up.
  if (!valuesHoldReferences(transcript.directives) && !valuesHoldReferences(session.directives)) return;
  // A line's references share its scope: looked up once a line (the lookup counts the directives above it).
  let scope: ReadonlyMap<string, Directive> = new Map();
  let scopeLine = -1;
  for (let i = 0; i < references.length; i++) {
    const { ref, payload, inDirective } = references[i];
    if (inDirective || ref.name.startsWith('$')) continue;
    if (payload.line !== scopeLine) {
      scope = sharedDefinitionsAt(transcript, session, payload.line);
      scopeLine = payload.line;
    }
    const directive = scope.get(ref.name);
    const missing = directive && directive.value.variables.length > 0 ? missingInScope(directive, scope) : undefined;
    if (!missing) continue;
    findings.push({
      ruleId: VariableRules.variableUndefined.id,
      range: ref.range,
      message: `\`{{${ref.name}}}\` leads to \`{{${missing}}}\`, which is not defined above this line: a line is resolved with the definitions above it, values included, so replay refuses the session before connecting. Define \`@${missing}\` above this line.`,
    });
  }
}

/** Adds the lines holding references that replay would refuse as too long (directive values: `variable-too-large`). */
function addOversizedLines(findings: Finding[], references: Reference[], session: Session, transcript: Transcript): void {
  let sized: ((payload: Payload) => LineRefusal | undefined) | undefined;
  let lastPayload: Payload | undefined;
  for (let i = 0; i < references.length; i++) {
    const { payload, inDirective } = references[i];
    if (inDirective || payload === lastPayload) continue;
    lastPayload = payload;
    sized ??= lineSizer(transcript, session);
    const refusal = sized(payload);
    if (refusal) findings.push({ ruleId: (refusal.tooDeep ? VariableRules.variableTooDeep : VariableRules.lineTooLarge).id, range: wholeLineText(transcript, payload.line), message: refusal.message });
  }
}

function wholeLineText(transcript: Transcript, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: transcript.lines[line].length } };
}

const checkFile: Check = (transcript, context) => {
  const references = fileReferences(transcript);
  const checked = references.length === 0 ? [] : checkReferences(fileDefinitions(transcript), references, context);
  return [...checked, ...unusedDefinitions(transcript, references)];
};

export const variableRules: RuleGroup = {
  rules: Object.values(VariableRules),
  check: (transcript, context) => [
    ...transcript.sessions.flatMap((session) => checkSession(session, transcript, context)),
    ...checkFile(transcript, context),
  ],
  split: { bySession: checkSession, wholeFile: checkFile },
  // The names each session uses, for unused definitions (`checkSession` noted them already: this keeps that explicit).
  wholeFileReads: (session) => {
    namesUsedIn(session);
    return [];
  },
};
