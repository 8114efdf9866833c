// The `@dkim-*` settings visible at a line, read into what signing needs (docs/transcript-format.md, "DKIM signing").
import { DKIM_ALGORITHMS, DKIM_CANONICALIZATIONS, readDkimHeaders, type DkimAlgorithm, type DkimCanonicalization } from '../model/dkimSettingValues';
import type { ReplaySettingName } from '../model/settingValues';
import { readMode } from '../model/settingSyntax';
import { ReplayError } from './replayError';

export interface DkimSettings {
  domain: string;
  selector: string;
  /** A PEM key, or the path of a PEM file relative to the transcript. */
  key: string;
  algorithm?: DkimAlgorithm;
  headers?: string[];
  canonicalization?: DkimCanonicalization;
}

const REQUIRED = ['dkim-domain', 'dkim-selector', 'dkim-key'] as const;

/** Undefined when no `@dkim-*` setting is visible; a `transcript` error when one of the three required is missing. */
export function readDkimSettings(
  value: (name: ReplaySettingName) => string | undefined,
  lineOf: (name: ReplaySettingName) => number | undefined,
): DkimSettings | undefined {
  const [domain, selector, key] = REQUIRED.map((name) => value(name) || undefined);
  const algorithm = value('dkim-algorithm') || undefined;
  const headers = value('dkim-headers') || undefined;
  const canonicalization = value('dkim-canonicalization') || undefined;
  if (![domain, selector, key, algorithm, headers, canonicalization].some((v) => v !== undefined)) return undefined;
  if (domain === undefined || selector === undefined || key === undefined) {
    const missing = REQUIRED.filter((name) => !value(name)).map((name) => `@${name}`);
    const given = (['dkim-domain', 'dkim-selector', 'dkim-key', 'dkim-algorithm', 'dkim-headers', 'dkim-canonicalization'] as const).find((name) => lineOf(name) !== undefined);
    const at = given === undefined ? undefined : lineOf(given);
    throw new ReplayError('transcript', `${at === undefined ? '' : `line ${at + 1}: `}DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
  }
  const settings: DkimSettings = { domain, selector, key };
  if (algorithm) settings.algorithm = readMode(algorithm, DKIM_ALGORITHMS)!;
  if (headers) settings.headers = readDkimHeaders(headers);
  if (canonicalization) settings.canonicalization = readMode(canonicalization, DKIM_CANONICALIZATIONS)!;
  return settings;
}
