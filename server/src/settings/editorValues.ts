// The editor's settings as settings.json holds them: any JSON at all, since people edit the file by hand and VS Code
// only underlines what the schema refuses. Each value is checked against what its setting declares - the
// `EditorSchema` package.json is made from: type, minimum, maximum, list items - before anything uses it, and refused
// through settingRefusal.ts with the setting's key and what it takes, as replay's options are.
import type { EditorFacet, SettingSpec } from './settingSpec';
import { jsonType, oneOfText, refuse, shownValue, type JsonType } from './settingRefusal';

/** A setting's value as VS Code has it (`getConfiguration().get(key)`): any JSON, or undefined when nothing sets it. */
export type EditorLookup = (key: string) => unknown;

export function editorText(spec: SettingSpec, value: unknown): string {
  return typed(spec, value, 'string') as string;
}

export function editorFlag(spec: SettingSpec, value: unknown): boolean {
  return typed(spec, value, 'boolean') as boolean;
}

export function editorTextList(spec: SettingSpec, value: unknown): string[] {
  const list = typed(spec, value, 'array') as unknown[];
  if (!list.every((item) => typeof item === 'string')) refuseEditorValue(spec, list);
  return list as string[];
}

export function editorObject(spec: SettingSpec, value: unknown): Readonly<Record<string, unknown>> {
  return typed(spec, value, 'object') as Record<string, unknown>;
}

/** A number within the schema's minimum and maximum; a port's is a whole number. */
export function editorNumber(spec: SettingSpec, value: unknown): number {
  const number = typed(spec, value, 'number') as number;
  const { minimum, maximum } = facet(spec).schema;
  const outside = (minimum !== undefined && number < minimum) || (maximum !== undefined && number > maximum);
  if (outside || (spec.type === 'port' && !Number.isInteger(number))) refuseEditorValue(spec, number);
  return number;
}

/** A number setting whose `null` means "not set" (`smtp.replay.port`). */
export function editorOptionalNumber(spec: SettingSpec, value: unknown): number | undefined {
  const given = value === undefined ? facet(spec).default : value;
  return given === null ? undefined : editorNumber(spec, given);
}

/** Refuses the value: `smtp.mock.port takes a port number from 0 to 65535 (0 picks a free port), not -1`. */
export function refuseEditorValue(spec: SettingSpec, value: unknown): never {
  return refuse(spec, 'editor', (key) => `${key} ${expectation(spec)}, not ${shownValue(value, schemaType(spec))}`);
}

/** What a refusal says the setting takes: `takes a number of seconds from 1 to 2147483`, `must be none, starttls or implicit`. */
export function expectation(spec: SettingSpec): string {
  const { schema, takes } = facet(spec);
  if (schema.enumFromValues) return `must be ${oneOfText((spec.docs.values ?? []).map((v) => v.value))}`;
  if (schema.type === 'boolean') return 'takes true or false';
  const what = takes ?? (spec.type === 'port' ? 'a port number' : GENERIC[schemaType(spec)]);
  return `takes ${what}${range(spec)}`;
}

const GENERIC: Record<JsonType, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list of texts', object: 'an object', null: 'null' };

function range(spec: SettingSpec): string {
  const { minimum, maximum } = facet(spec).schema;
  const span = minimum === undefined ? '' : maximum === undefined ? `, at least ${minimum}` : ` from ${minimum} to ${maximum}`;
  // A listener's port 0 is no port: it asks the system for a free one.
  return spec.type === 'port' && minimum === 0 ? `${span} (0 picks a free port)` : span;
}

/** The JSON type the schema declares (`['number', 'null']` is a number that may be unset). */
function schemaType(spec: SettingSpec): JsonType {
  const type = facet(spec).schema.type;
  return typeof type === 'string' ? type : 'number';
}

/** Only settings the editor has are read here. */
function facet(spec: SettingSpec): EditorFacet {
  if (!spec.editor) throw new Error(`${spec.name} is no editor setting`);
  return spec.editor;
}

function typed(spec: SettingSpec, value: unknown, type: JsonType): unknown {
  const given = value === undefined ? facet(spec).default : value;
  if (jsonType(given) !== type) refuseEditorValue(spec, given);
  return given;
}
