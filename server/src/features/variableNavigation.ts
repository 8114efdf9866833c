// Variables across the file: which `@name = value` a `{{name}}` means, where a definition is used, and renaming both.
// Scope follows docs/transcript-format.md: file-level definitions, then the session's above the line; a later one wins.
import { DocumentHighlight, DocumentHighlightKind, Location, TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { allReferences } from '../model/variableReferences';
import { comparePositions, containsPosition } from '../model/ranges';
import type { Directive, Position, Range, Session, Transcript, VariableReference } from '../model/types';
import { lookupDirectiveSetting } from '../settings/registry';
import { indexTranscript } from './transcriptIndex';
import { sessionReferences } from './sessionReferences';

/** A variable's name where it is written: in a `{{name}}` reference or an `@name = ` definition. */
export interface VariableOccurrence {
  name: string;
  nameRange: Range;
  /** The definition it means (itself for a definition); undefined for an undefined variable. */
  definition?: Directive;
  isDefinition: boolean;
}

const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;

/** The definition in force at `line` for `name`, without building the whole scope. */
export function definitionFor(transcript: Transcript, session: Session | undefined, name: string, line: number): Directive | undefined {
  const own = lastDefinition(session?.directives ?? [], name, line);
  return own ?? lastDefinition(transcript.directives, name, line);
}

/**
 * The definition a `{{name}}` means: the one in force above it; in a directive's value, which is substituted where
 * the variable is used (docs/transcript-format.md), else the first one further down in the directive's scope.
 */
export function definitionOfReference(transcript: Transcript, session: Session | undefined, ref: VariableReference): Directive | undefined {
  const line = ref.range.start.line;
  const above = definitionFor(transcript, session, ref.name, line);
  if (above) return above;
  const entry = indexTranscript(transcript).at(line);
  return entry?.kind === 'directive' ? definitionBelow(transcript, entry.session, entry.directive, ref.name) : undefined;
}

/** A session's directive may use the session's own definitions below it; a file-level one, any below it. */
function definitionBelow(transcript: Transcript, session: Session | undefined, directive: Directive, name: string): Directive | undefined {
  const below = (d: Directive) => d.name === name && d !== directive && d.range.start.line > directive.range.start.line;
  if (session) return session.directives.find(below);
  return transcript.directives.find(below) ?? transcript.sessions.map((s) => s.directives.find(below)).find((d) => d !== undefined);
}

function lastDefinition(directives: readonly Directive[], name: string, line: number): Directive | undefined {
  for (let i = directives.length - 1; i >= 0; i--) {
    const d = directives[i];
    if (d.name === name && d.range.start.line < line) return d;
  }
  return undefined;
}

/** The variable (reference or definition) under the cursor; built-ins (`$env`) are not variables. */
export function variableAt(transcript: Transcript, position: Position): VariableOccurrence | undefined {
  const index = indexTranscript(transcript);
  const entry = index.at(position.line);
  if (entry?.kind === 'directive' && containsPosition(entry.directive.nameRange, position)) {
    const d = entry.directive;
    return { name: d.name, nameRange: d.nameRange, definition: d, isDefinition: true };
  }
  const session = index.sessionAt(position.line);
  for (const ref of referencesOnLine(transcript, position.line)) {
    // Anywhere on `{{name}}`, braces included, as its hover (only built-ins nest references, and they are skipped).
    if (ref.name.startsWith('$') || !containsPosition(ref.range, position)) continue;
    const definition = definitionOfReference(transcript, entry?.kind === 'directive' ? entry.session : session, ref);
    return { name: ref.name, nameRange: ref.nameRange, definition, isDefinition: false };
  }
  return undefined;
}

/** References written on one line, nested ones included. */
export function referencesOnLine(transcript: Transcript, line: number): VariableReference[] {
  const entry = indexTranscript(transcript).at(line);
  if (!entry) return [];
  const payload =
    entry.kind === 'directive'
      ? entry.directive.value
      : entry.kind === 'client'
        ? entry.line
        : entry.kind === 'content'
          ? (entry.line ?? entry.include?.path)
          : entry.kind === 'reply'
            ? entry.reply.payload
            : undefined;
  return payload ? allReferences(payload.variables) : [];
}

/** Every occurrence of the same variable as `target`: references that resolve to the same definition, and it. */
function occurrencesOf(transcript: Transcript, target: VariableOccurrence): VariableOccurrence[] {
  const found: VariableOccurrence[] = [];
  if (target.definition) {
    const d = target.definition;
    found.push({ name: d.name, nameRange: d.nameRange, definition: d, isDefinition: true });
  }
  const add = (session: Session | undefined, refs: readonly VariableReference[]) => {
    for (const ref of refs) {
      if (ref.name !== target.name) continue;
      const definition = definitionOfReference(transcript, session, ref);
      if (definition === target.definition) found.push({ name: ref.name, nameRange: ref.nameRange, definition, isDefinition: false });
    }
  };
  for (const directive of transcript.directives) add(undefined, allReferences(directive.value.variables));
  for (const session of transcript.sessions) add(session, sessionReferences(session).get(target.name) ?? []);
  return found.sort((a, b) => comparePositions(a.nameRange.start, b.nameRange.start));
}

export function getDefinition(uri: string, transcript: Transcript, position: Position): Location | undefined {
  const definition = variableAt(transcript, position)?.definition;
  return definition ? Location.create(uri, definition.nameRange) : undefined;
}

export function getReferences(uri: string, transcript: Transcript, position: Position, includeDeclaration: boolean): Location[] {
  const target = variableAt(transcript, position);
  if (!target) return [];
  return occurrencesOf(transcript, target)
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => Location.create(uri, o.nameRange));
}

export function getDocumentHighlights(transcript: Transcript, position: Position): DocumentHighlight[] {
  const target = variableAt(transcript, position);
  if (!target) return [];
  return occurrencesOf(transcript, target).map((o) =>
    DocumentHighlight.create(o.nameRange, o.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read),
  );
}

/** The range to rename, or undefined where renaming is not possible (not a variable, or a replay setting). */
export function prepareRename(transcript: Transcript, position: Position): Range | undefined {
  const target = variableAt(transcript, position);
  if (!target || lookupDirectiveSetting(target.name)) return undefined;
  return target.nameRange;
}

/** A rename's outcome: the edits, or why the new name is refused (the language server sends it as an error). */
export type RenameResult = { edit: WorkspaceEdit } | { refused: string };

/** Undefined where there is no variable to rename (`prepareRename` says no there). */
export function getRenameEdits(uri: string, transcript: Transcript, position: Position, newName: string): RenameResult | undefined {
  const target = variableAt(transcript, position);
  if (!target) return undefined;
  if (lookupDirectiveSetting(target.name)) return { refused: `\`${target.name}\` is a replay setting: its name cannot change` };
  if (!VARIABLE_NAME.test(newName)) {
    return { refused: `\`${newName}\` is not a variable name: start with a letter or \`_\`, then letters, digits, \`_\`, \`-\` or \`.\`` };
  }
  if (lookupDirectiveSetting(newName)) return { refused: `\`${newName}\` is a replay setting: choose another name` };
  // Two variables under one name would merge without a word: every reference would mean the later definition.
  if (newName !== target.name && isNameInScope(transcript, target, newName)) return { refused: `\`${newName}\` is already a variable: choose another name` };
  const edits = occurrencesOf(transcript, target).map((o) => TextEdit.replace(o.nameRange, newName));
  return { edit: { changes: { [uri]: edits } } };
}

/**
 * `name` is defined or referenced where the target is visible: in its session (a session's definition), else in
 * any session (a file-level or undefined variable); file-level definitions are visible everywhere.
 */
function isNameInScope(transcript: Transcript, target: VariableOccurrence, name: string): boolean {
  const index = indexTranscript(transcript);
  const owner = target.definition && index.at(target.definition.range.start.line);
  const session = owner?.kind === 'directive' ? owner.session : undefined;
  const inScope = (s: Session | undefined): boolean => session === undefined || s === undefined || s === session;
  if (transcript.directives.some((d) => d.name === name)) return true;
  if (transcript.sessions.some((s) => inScope(s) && s.directives.some((d) => d.name === name))) return true;
  if (session === undefined && transcript.directives.some((d) => allReferences(d.value.variables).some((r) => r.name === name))) return true;
  return transcript.sessions.some((s) => inScope(s) && sessionReferences(s).has(name));
}
