// The DKIM signing settings replay reads at each message, DATA or BDAT (docs/transcript-format.md, "DKIM signing"):
// `@dkim-domain`, `@dkim-selector` and `@dkim-key` turn signing on; the others refine the signature.
// Transcript-only: no CLI option or editor setting gives them.
import type { SettingSpec } from './settingSpec';
import {
  checkDkimSetting,
  DKIM_ALGORITHMS,
  DKIM_CANONICALIZATIONS,
  readDkimHeaders,
  type DkimAlgorithm,
  type DkimCanonicalization,
  type DkimSettingName,
} from './dkimSettingValues';
import { invalidValue, readMode } from './settingValues';

const NO_SIGNING = 'none (no signing)';
const text = (value: string): string | undefined => value || undefined;
const check = (name: DkimSettingName) => (value: string) => checkDkimSetting(name, value, invalidValue(name, value));

export const DKIM_DOMAIN_SETTING: SettingSpec<string> = {
  name: 'dkim-domain',
  scope: ['directive'],
  type: 'string',
  directive: 'dkim-domain',
  default: undefined,
  defaultText: NO_SIGNING,
  parse: text,
  check: check('dkim-domain'),
  docs: {
    summary:
      'DKIM signing (RFC 6376): the signing domain, the `d=` tag. With `@dkim-selector` and `@dkim-key` set, replay adds a `DKIM-Signature` to every message (DATA, or the first of its BDAT chunks), computed over the content as the server receives it.',
    valueSyntax: 'domain',
  },
};

export const DKIM_SELECTOR_SETTING: SettingSpec<string> = {
  name: 'dkim-selector',
  scope: ['directive'],
  type: 'string',
  directive: 'dkim-selector',
  default: undefined,
  defaultText: NO_SIGNING,
  parse: text,
  check: check('dkim-selector'),
  docs: {
    summary: 'DKIM signing: the selector, the `s=` tag; receivers fetch the public key from the TXT record `<selector>._domainkey.<domain>`.',
    valueSyntax: 'selector',
  },
};

export const DKIM_KEY_SETTING: SettingSpec<string> = {
  name: 'dkim-key',
  scope: ['directive'],
  type: 'path',
  directive: 'dkim-key',
  default: undefined,
  defaultText: NO_SIGNING,
  parse: text,
  check: check('dkim-key'),
  docs: {
    summary:
      'DKIM signing: the private key (RSA or Ed25519), a PEM file path relative to the transcript or the PEM itself, e.g. `{{$env DKIM_KEY}}`. A secret: replay output shows `****`.',
    valueSyntax: 'path | PEM',
  },
};

export const DKIM_ALGORITHM_SETTING: SettingSpec<DkimAlgorithm> = {
  name: 'dkim-algorithm',
  scope: ['directive'],
  type: 'enum',
  directive: 'dkim-algorithm',
  default: undefined,
  defaultText: 'from the key',
  parse: (value) => readMode(value, DKIM_ALGORITHMS),
  check: check('dkim-algorithm'),
  docs: {
    summary: 'DKIM signing: the `a=` tag. The key decides it when not given; a key of the other kind is an error.',
    valueSyntax: DKIM_ALGORITHMS.join(' | '),
    values: [
      { value: 'rsa-sha256', summary: 'RSA with SHA-256 (RFC 6376 §3.3; keys of at least 1024 bits, RFC 8301).' },
      { value: 'ed25519-sha256', summary: 'Ed25519 with SHA-256 (RFC 8463).' },
    ],
  },
};

export const DKIM_HEADERS_SETTING: SettingSpec<string[]> = {
  name: 'dkim-headers',
  scope: ['directive'],
  type: 'string',
  directive: 'dkim-headers',
  default: undefined,
  defaultText: "mailauth's set (From, To, Subject, Date, Message-ID, MIME headers and more)",
  parse: (value) => (value ? readDkimHeaders(value) : undefined),
  check: check('dkim-headers'),
  docs: {
    summary: 'DKIM signing: the header fields to sign, the `h=` tag (`From:To:Subject:Date`); must include `From` (RFC 6376 §5.4).',
    valueSyntax: 'field *(":" field)',
  },
};

export const DKIM_CANONICALIZATION_SETTING: SettingSpec<DkimCanonicalization> = {
  name: 'dkim-canonicalization',
  scope: ['directive'],
  type: 'enum',
  directive: 'dkim-canonicalization',
  default: undefined,
  defaultText: 'relaxed/relaxed',
  parse: (value) => readMode(value, DKIM_CANONICALIZATIONS),
  check: check('dkim-canonicalization'),
  docs: {
    summary: 'DKIM signing: the `c=` tag, header/body canonicalization (RFC 6376 §3.4).',
    valueSyntax: 'header/body',
    values: [
      { value: 'relaxed/relaxed', summary: 'Tolerates whitespace and header-case changes in transit (the usual choice).' },
      { value: 'simple/simple', summary: 'Any change in transit breaks the signature.' },
    ],
  },
};

/** The DKIM settings, in the order completion offers them. */
export const DKIM_SETTINGS = [
  DKIM_DOMAIN_SETTING,
  DKIM_SELECTOR_SETTING,
  DKIM_KEY_SETTING,
  DKIM_ALGORITHM_SETTING,
  DKIM_HEADERS_SETTING,
  DKIM_CANONICALIZATION_SETTING,
] as const;
