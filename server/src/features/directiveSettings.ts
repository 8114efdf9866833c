// The `@name = value` settings replay reads (docs/transcript-format.md, "Directives and variables").
// Every other directive name is a variable.

import type { ReplaySettingName } from '../model/settingValues';

export interface DirectiveSetting {
  /** One of the settings the model knows (`REPLAY_SETTING_NAMES`); this table adds what is shown about it. */
  name: ReplaySettingName;
  /** What the value is, for completion and hover. */
  summary: string;
  /** Shown as `value` in documentation. */
  valueSyntax: string;
  defaultValue: string;
  /** Values offered after `@name = `, each with what it means. */
  values?: readonly { value: string; summary: string }[];
}

export const DIRECTIVE_SETTINGS: readonly DirectiveSetting[] = [
  {
    name: 'server',
    summary: 'The host to connect to: a host name or IP address; `mx:example.com` resolves the domain\'s MX records.',
    valueSyntax: 'host | mx:domain',
    defaultValue: 'from the caller (CLI option or editor setting)',
    values: [
      { value: '127.0.0.1', summary: 'The local machine (IPv4 loopback).' },
      { value: 'localhost', summary: 'The local machine, by name.' },
    ],
  },
  {
    name: 'port',
    summary: 'The TCP port to connect to.',
    valueSyntax: 'number',
    defaultValue: '25, or 465 with `@tls = implicit`',
    values: [
      { value: '25', summary: 'SMTP relay between servers (RFC 5321).' },
      { value: '587', summary: 'Message submission, usually with STARTTLS and AUTH (RFC 6409).' },
      { value: '465', summary: 'Message submission over implicit TLS (RFC 8314).' },
      { value: '2525', summary: 'A common unprivileged port for test servers.' },
    ],
  },
  {
    name: 'tls',
    summary: 'When the connection uses TLS.',
    valueSyntax: 'none | starttls | implicit',
    defaultValue: 'none',
    values: [
      { value: 'none', summary: 'Plain text for the whole session.' },
      { value: 'starttls', summary: 'Plain until `C: STARTTLS` is answered 220, then TLS (RFC 3207).' },
      { value: 'implicit', summary: 'TLS from the first byte, as on port 465 (RFC 8314).' },
    ],
  },
  {
    name: 'tls-servername',
    summary: 'The name sent as SNI and checked against the server\'s certificate.',
    valueSyntax: 'host name',
    defaultValue: 'the server name',
  },
  {
    name: 'ca',
    summary: 'A PEM file of CA certificates to trust in addition to the system\'s (path relative to the transcript).',
    valueSyntax: 'path',
    defaultValue: 'none',
  },
  {
    name: 'timeout',
    summary: 'How long to wait for each reply.',
    valueSyntax: 'duration: 500ms, 10s, 2m',
    defaultValue: '30s',
    values: [
      { value: '5s', summary: 'Five seconds.' },
      { value: '30s', summary: 'Thirty seconds (the default).' },
      { value: '2m', summary: 'Two minutes.' },
    ],
  },
  {
    name: 'connect-timeout',
    summary: 'How long to wait to connect and finish the TLS handshake.',
    valueSyntax: 'duration: 500ms, 10s, 2m',
    defaultValue: '10s',
    values: [
      { value: '5s', summary: 'Five seconds.' },
      { value: '10s', summary: 'Ten seconds (the default).' },
    ],
  },
  {
    name: 'match',
    summary: 'How replies are compared with the `S:` expectations.',
    valueSyntax: 'code | strict',
    defaultValue: 'code',
    values: [
      { value: 'code', summary: 'The code and, when given, the enhanced code must match; a different text is only reported.' },
      {
        value: 'strict',
        summary: 'Every line\'s text must match too (`*` matches any run, `/regex/` a regular expression), and the number of lines.',
      },
    ],
  },
  {
    name: 'requires',
    summary:
      "EHLO keywords the session needs, space-separated (`CHUNKING SMTPUTF8`): replay skips the session, and says why, when the server's EHLO reply does not advertise them all.",
    valueSyntax: 'EHLO keyword *(SP EHLO keyword)',
    defaultValue: 'none',
  },
  {
    name: 'dkim-domain',
    summary: 'DKIM signing (RFC 6376): the signing domain, the `d=` tag. With `@dkim-selector` and `@dkim-key` set, replay adds a `DKIM-Signature` to every DATA message, computed over the content as the server receives it.',
    valueSyntax: 'domain',
    defaultValue: 'none (no signing)',
  },
  {
    name: 'dkim-selector',
    summary: 'DKIM signing: the selector, the `s=` tag; receivers fetch the public key from the TXT record `<selector>._domainkey.<domain>`.',
    valueSyntax: 'selector',
    defaultValue: 'none (no signing)',
  },
  {
    name: 'dkim-key',
    summary: 'DKIM signing: the private key (RSA or Ed25519), a PEM file path relative to the transcript or the PEM itself, e.g. `{{$env DKIM_KEY}}`. A secret: replay output shows `****`.',
    valueSyntax: 'path | PEM',
    defaultValue: 'none (no signing)',
  },
  {
    name: 'dkim-algorithm',
    summary: 'DKIM signing: the `a=` tag. The key decides it when not given; a key of the other kind is an error.',
    valueSyntax: 'rsa-sha256 | ed25519-sha256',
    defaultValue: 'from the key',
    values: [
      { value: 'rsa-sha256', summary: 'RSA with SHA-256 (RFC 6376 §3.3; keys of at least 1024 bits, RFC 8301).' },
      { value: 'ed25519-sha256', summary: 'Ed25519 with SHA-256 (RFC 8463).' },
    ],
  },
  {
    name: 'dkim-headers',
    summary: 'DKIM signing: the header fields to sign, the `h=` tag (`From:To:Subject:Date`); must include `From` (RFC 6376 §5.4).',
    valueSyntax: 'field *(":" field)',
    defaultValue: "mailauth's set (From, To, Subject, Date, Message-ID, MIME headers and more)",
  },
  {
    name: 'dkim-canonicalization',
    summary: 'DKIM signing: the `c=` tag, header/body canonicalization (RFC 6376 §3.4).',
    valueSyntax: 'header/body',
    defaultValue: 'relaxed/relaxed',
    values: [
      { value: 'relaxed/relaxed', summary: 'Tolerates whitespace and header-case changes in transit (the usual choice).' },
      { value: 'simple/simple', summary: 'Any change in transit breaks the signature.' },
    ],
  },
];

export function lookupDirectiveSetting(name: string): DirectiveSetting | undefined {
  return DIRECTIVE_SETTINGS.find((s) => s.name === name);
}
