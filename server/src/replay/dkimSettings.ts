// The `@dkim-*` settings visible at a line, read into what signing needs (docs/transcript-format.md, "DKIM signing").
// How each value is checked and read is in the settings registry (settings/dkimSettings.ts).
import {
  DKIM_ALGORITHM_SETTING,
  DKIM_CANONICALIZATION_SETTING,
  DKIM_DOMAIN_SETTING,
  DKIM_HEADERS_SETTING,
  DKIM_KEY_SETTING,
  DKIM_SELECTOR_SETTING,
  DKIM_SETTINGS,
} from '../settings/dkimSettings';
import type { DkimAlgorithm, DkimCanonicalization } from '../settings/dkimSettingValues';
import type { SettingSpec } from '../settings/settingSpec';
import { ReplayError } from './replayError';

export interface DkimSettings {
  domain: string;
  selector: string;
  /** A PEM key, or the path of a PEM file relative to the transcript. */
  key: string;
  /** The line of the `@dkim-key` directive: a key that cannot be read or used is reported there. */
  keyLine?: number;
  algorithm?: DkimAlgorithm;
  headers?: string[];
  canonicalization?: DkimCanonicalization;
}

const REQUIRED = [DKIM_DOMAIN_SETTING, DKIM_SELECTOR_SETTING, DKIM_KEY_SETTING] as const;

/**
 * Undefined when no `@dkim-*` setting is visible; a `transcript` error when one of the three required is missing.
 * `value` reads a setting as the file sets it (checked), `lineOf` the line of its directive.
 */
export function readDkimSettings(
  value: <T>(spec: SettingSpec<T>) => T | undefined,
  lineOf: (name: string) => number | undefined,
): DkimSettings | undefined {
  const [domain, selector, key] = REQUIRED.map((spec) => value(spec));
  const algorithm = value(DKIM_ALGORITHM_SETTING);
  const headers = value(DKIM_HEADERS_SETTING);
  const canonicalization = value(DKIM_CANONICALIZATION_SETTING);
  if (![domain, selector, key, algorithm, headers, canonicalization].some((v) => v !== undefined)) return undefined;
  if (domain === undefined || selector === undefined || key === undefined) {
    const missing = REQUIRED.filter((spec) => !value(spec)).map((spec) => `@${spec.name}`);
    const given = DKIM_SETTINGS.find((spec) => lineOf(spec.name) !== undefined);
    throw new ReplayError(
      'transcript',
      `DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
      given === undefined ? undefined : lineOf(given.name),
    );
  }
  const settings: DkimSettings = { domain, selector, key };
  const keyLine = lineOf(DKIM_KEY_SETTING.name);
  if (keyLine !== undefined) settings.keyLine = keyLine;
  if (algorithm) settings.algorithm = algorithm;
  if (headers) settings.headers = headers;
  if (canonicalization) settings.canonicalization = canonicalization;
  return settings;
}
