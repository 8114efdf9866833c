// Environments as REST Client has them: `smtp-environments.json` names sets of variables and replay settings
// (`$shared` for every one, then `local`, `staging`...). The chosen environment's entries act like `@name = value`
// directives above the first line of each transcript; the file's own directives win. Pure: the file is read in io/.
import { checkSettingValue } from '../settings/registry';
import { holdsLineBreak } from './builtins';
import { isJsonObject } from './jsonObject';
import { isKeyFilePath, isSecretName } from './secrets';
import type { Directive, Transcript } from './types';
import { scanReferences } from './variableReferences';

export const ENVIRONMENT_FILE_NAME = 'smtp-environments.json';
/** The entries every environment has (an environment's own entry of the same name wins). */
export const SHARED_ENVIRONMENT = '$shared';

/** The same name grammar as `@name = value` (model/classifyLine.ts). */
const NAME = /^[A-Za-z_][\w.-]*$/;
/** A value that is only `{{$env NAME}}` references (and spaces): the secret stays in the environment. */
const ONLY_ENV_REFERENCES = /^(\s*\{\{\s*\$env\s+[^{}\s]+\s*\}\})+\s*$/;

export interface EnvironmentFile {
  readonly shared: ReadonlyMap<string, string>;
  /** By environment name, in the file's order; `$shared` is not one of them. */
  readonly environments: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface ParsedEnvironmentFile {
  readonly file: EnvironmentFile;
  /** One line each, naming the file and the key (`smtp-environments.json: "staging"."port": ...`); bad entries are left out. */
  readonly problems: readonly string[];
}

/** The environment chosen, as the features see it: its name and its merged variables. */
export interface ActiveEnvironment {
  readonly name: string;
  readonly variables: ReadonlyMap<string, string>;
}

/** Reads the file's JSON; `source` names it in problems (a path, or just the file name). */
export function parseEnvironmentFile(text: string, source: string = ENVIRONMENT_FILE_NAME): ParsedEnvironmentFile {
  const problems: string[] = [];
  const empty: EnvironmentFile = { shared: new Map(), environments: new Map() };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { file: empty, problems: [`${source}: not valid JSON: ${(error as Error).message}`] };
  }
  if (!isJsonObject(json)) return { file: empty, problems: [`${source}: expected an object of environments, e.g. {"$shared": {...}, "local": {...}}`] };
  let shared: ReadonlyMap<string, string> = new Map();
  const environments = new Map<string, ReadonlyMap<string, string>>();
  for (const [name, entries] of Object.entries(json)) {
    const where = `${source}: ${JSON.stringify(name)}`;
    if (name !== SHARED_ENVIRONMENT && !NAME.test(name)) {
      problems.push(`${where}: an environment name is a letter or _ followed by letters, digits, _, - or .`);
      continue;
    }
    if (!isJsonObject(entries)) {
      problems.push(`${where}: expected an object of variables and settings, e.g. {"server": "smtp.example.com"}`);
      continue;
    }
    const variables = readEntries(entries, where, problems);
    if (name === SHARED_ENVIRONMENT) shared = variables;
    else environments.set(name, variables);
  }
  return { file: { shared, environments }, problems };
}

function readEntries(entries: Record<string, unknown>, where: string, problems: string[]): Map<string, string> {
  const variables = new Map<string, string>();
  for (const [key, raw] of Object.entries(entries)) {
    const at = `${where}.${JSON.stringify(key)}`;
    if (!NAME.test(key)) {
      problems.push(`${at}: a variable name is a letter or _ followed by letters, digits, _, - or .`);
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      problems.push(`${at}: expected a string (or a number), not ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
      continue;
    }
    const value = String(raw).trim();
    if (holdsLineBreak(value)) {
      problems.push(`${at}: a value is one line: this one holds a line break (CR or LF), which would send lines the transcript does not show`);
      continue;
    }
    // Passwords never sit in a file that is shared with the team: only a reference to the process environment.
    if (isSecretName(key) && value !== '' && !ONLY_ENV_REFERENCES.test(value) && !isKeyFilePath(key, value)) {
      problems.push(`${at}: a secret (its name contains pass, secret, token or key) is never written in the file: use "{{$env ${envName(key)}}}"`);
      continue;
    }
    // A value with references is checked when replay resolves it, as a directive's is.
    const problem = value.includes('{{') ? undefined : checkSettingValue(key, value).find((p) => p.kind === 'invalid');
    if (problem) {
      problems.push(`${at}: ${problem.message}`);
      continue;
    }
    variables.set(key, value);
  }
  return variables;
}

/** `$shared` then the environment's own entries; undefined for a name the file does not have. */
export function environmentVariables(file: EnvironmentFile, name: string): Map<string, string> | undefined {
  const own = file.environments.get(name);
  if (!own) return undefined;
  return new Map([...file.shared, ...own]);
}

/** The names to offer and to list in "unknown environment" errors. */
export function environmentNames(file: EnvironmentFile): string[] {
  return [...file.environments.keys()];
}

/**
 * The environment's entries as directives above line 0 (line -1), so that every definition the transcript makes
 * wins over them and every line sees them (`definitionsAt` keeps definitions above the line, later ones winning).
 */
export function environmentDirectives(variables: ReadonlyMap<string, string>): Directive[] {
  const above = { start: { line: -1, character: 0 }, end: { line: -1, character: 0 } };
  return [...variables].map(([name, value]) => ({
    name,
    nameRange: above,
    value: { text: value, line: -1, character: 0, variables: scanReferences(value, -1, 0).references },
    range: above,
  }));
}

/** The transcript as replay and mock see it with the environment: its entries first, so the file's own win. */
export function withEnvironment(transcript: Transcript, variables: ReadonlyMap<string, string> | undefined): Transcript {
  if (!variables || variables.size === 0) return transcript;
  return { ...transcript, directives: [...environmentDirectives(variables), ...transcript.directives] };
}

function envName(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
