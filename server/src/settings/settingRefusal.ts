// A setting given from outside a transcript that cannot be used - a CLI option, or an editor setting in whatever JSON
// settings.json holds - refused in one line that names it as the user wrote it (`--timeout`, `smtp.replay.timeout`),
// says what it takes and shows what it was given. Replay's options (replay/replayRequest.ts) and the editor's settings
// (editorValues.ts) refuse through it, so that the CLI and every command of the editor say a wrong value alike.
import type { SettingSpec } from './settingSpec';

export interface SettingRefusal {
  /** The setting at fault, by its registry name (`timeout`, `tls`, `localServer.port`). */
  readonly setting: string;
  /** As the user wrote it: `--timeout` or `smtp.replay.timeout`. */
  readonly option: string;
  /** One line naming the option, as the CLI prints it after `smtp-transcript replay: ` and the editor shows it. */
  readonly message: string;
}

/** What `refuse` throws; its message is the refusal's line. */
export class SettingRefused extends Error {
  constructor(readonly refusal: SettingRefusal) {
    super(refusal.message);
    this.name = 'SettingRefused';
  }
}

/** Whose names a refusal uses: the CLI's options or the editor's `smtp.*` keys. */
export type SettingSource = 'cli' | 'editor';

export function refuse(spec: SettingSpec, from: SettingSource, message: (option: string) => string): never {
  const option = from === 'cli' ? `--${spec.cliOption}` : spec.editor!.key;
  throw new SettingRefused({ setting: spec.name, option, message: message(option) });
}

/** What every duration setting and option takes, in its refusals. */
export const DURATION_TAKES = 'a duration such as 500ms, 10s or 2m';

/** `a, b or c`. */
export function oneOfText(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

export type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

const TYPE_NAMES: Partial<Record<JsonType, string>> = { string: 'the text', number: 'the number', array: 'the list', object: 'the object' };
const SHOWN_JSON = 60;

/**
 * A value as a refusal shows it after `not`: text quoted, as the CLI always showed its options (`'x'`); a value of
 * another JSON type than the setting's also names its type (`the number 5`, `the text 'abc'`), which is what is wrong
 * with it when it would otherwise read as right (`"2525"` for a port).
 */
export function shownValue(value: unknown, expected: JsonType): string {
  const type = jsonType(value);
  const json = JSON.stringify(value);
  const text = type === 'string' ? `'${String(value)}'` : json.length > SHOWN_JSON ? `${json.slice(0, SHOWN_JSON - 3)}...` : json;
  const name = TYPE_NAMES[type];
  return type === expected || name === undefined ? text : `${name} ${text}`;
}
