// The values of the DKIM signing settings (`@dkim-domain`, `@dkim-selector`, `@dkim-key`, `@dkim-algorithm`,
// `@dkim-headers`, `@dkim-canonicalization`; docs/transcript-format.md, "DKIM signing"), checked alike by lint and
// replay through their specs (dkimSettings.ts). Pure: text in, problems out.
import { HOST_NAME, oneOf, type Invalid, type SettingProblem } from './settingValues';

export const DKIM_SETTING_NAMES = ['dkim-domain', 'dkim-selector', 'dkim-key', 'dkim-algorithm', 'dkim-headers', 'dkim-canonicalization'] as const;
export type DkimSettingName = (typeof DKIM_SETTING_NAMES)[number];

export const DKIM_ALGORITHMS = ['rsa-sha256', 'ed25519-sha256'] as const;
export type DkimAlgorithm = (typeof DKIM_ALGORITHMS)[number];
// RFC 6376 §3.4: `c=relaxed` alone means relaxed/simple.
export const DKIM_CANONICALIZATIONS = ['relaxed/relaxed', 'relaxed/simple', 'simple/relaxed', 'simple/simple'] as const;
export type DkimCanonicalization = (typeof DKIM_CANONICALIZATIONS)[number];

const ALGORITHM_ALIASES: Readonly<Record<string, string>> = { rsa: 'rsa-sha256', ed25519: 'ed25519-sha256', 'rsa-sha1': 'rsa-sha256' };
const CANONICALIZATION_ALIASES: Readonly<Record<string, string>> = { relaxed: 'relaxed/simple', simple: 'simple/simple' };

export function checkDkimSetting(name: DkimSettingName, value: string, invalid: Invalid): SettingProblem[] {
  switch (name) {
    case 'dkim-domain':
      return value === '' || HOST_NAME.test(value) ? [] : invalid('a domain name (the `d=` tag)', undefined, value.includes('@') ? 'give the domain only, without the local part' : undefined);
    case 'dkim-selector':
      // RFC 6376 §3.1: a selector is one or more DNS labels.
      return value === '' || HOST_NAME.test(value) ? [] : invalid('a selector: DNS labels such as `s2026` or `mail.eu` (the `s=` tag)');
    case 'dkim-key':
      if (/^-----BEGIN (?:RSA )?PUBLIC KEY/.test(value)) return invalid('a private key', undefined, 'signing needs the private key; the public key goes in DNS');
      return [];
    case 'dkim-algorithm':
      if (value.toLowerCase() === 'rsa-sha1') return invalid('`rsa-sha256` or `ed25519-sha256`', 'rsa-sha256', undefined).map((p) => ({ ...p, message: `${p.message.replace(/: did you mean.*$/, '')}: RFC 8301 §3.1 forbids signing with rsa-sha1; use \`rsa-sha256\`` }));
      return oneOf(value, DKIM_ALGORITHMS, ALGORITHM_ALIASES, invalid);
    case 'dkim-canonicalization':
      return oneOf(value, DKIM_CANONICALIZATIONS, CANONICALIZATION_ALIASES, invalid);
    case 'dkim-headers':
      return checkHeaderList(value, invalid);
  }
}

/** `From:To:Subject` as in the `h=` tag, or separated by spaces or commas. */
export function readDkimHeaders(text: string): string[] {
  return text.split(/[\s:,]+/).filter(Boolean);
}

// RFC 5322 §3.6.8: field-name = 1*ftext, printable US-ASCII except `:`.
const FIELD_NAME = /^[!-9;-~]+$/;

function checkHeaderList(value: string, invalid: Invalid): SettingProblem[] {
  const names = readDkimHeaders(value);
  const bad = names.find((name) => !FIELD_NAME.test(name));
  if (bad) return invalid('a list of header field names such as `From:To:Subject:Date`', undefined, `\`${bad}\` is not a field name`);
  // RFC 6376 §5.4: the From header field MUST be signed.
  if (!names.some((name) => name.toLowerCase() === 'from')) return invalid('a list of header field names that includes `From`', `From:${names.join(':')}`, undefined);
  return [];
}
