// What a session's lines mean at replay time: variables and settings visible at a line, files next to the
// transcript, and every secret recorded before anything can show it.
import type { Directive, Session, Transcript } from '../model/types';
import { definitionsAt, resolveText, sharedDefinitionsAt, type ResolveOptions } from '../model/variables';
import { MAX_EXPANSION_WORK } from '../model/expansionLimits';
import { isKeyFilePath, isSecretName } from '../model/secrets';
import { splitServerAddress } from '../model/serverAddress';
import { readPort } from '../settings/settingValues';
import { ReplayError } from './replayError';
import type { ReplayOptions } from './replayTypes';
import type { SecretSet } from './secretSet';
import { readSettings, type SessionSettings } from './sessionSettings';
import { checkCaPem } from './tlsDetails';
import { FileProblem } from '../model/fileProblem';

// Stands in for a fresh `{{$uuid}}` when values are checked ahead of sending (same shape as the real one).
const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * Most lines hold no reference: they stand for themselves (no secret, no error), and are sent as written at any
 * length (the transcript's size bounds them). The 1 MiB cap is on what substitution builds (expansionLimits.ts):
 * lint's `line-too-large` and replay agree on which lines that is.
 */
export function needsResolving(text: string): boolean {
  return text.includes('{');
}

// Settings whose directives all hold literal values read the same at every repetition of a session (load mode):
// read once per session and options, not once per connection.
const literalSettings = new WeakMap<ReplayOptions, WeakMap<Session, Map<number, SessionSettings>>>();

function sharedSettingsCache(options: ReplayOptions, session: Session): Map<number, SessionSettings> {
  let bySession = literalSettings.get(options);
  if (!bySession) literalSettings.set(options, (bySession = new WeakMap()));
  let cache = bySession.get(session);
  if (!cache) bySession.set(session, (cache = new Map()));
  return cache;
}

export class SessionScope {
  private readonly settingsCache: Map<number, SessionSettings>;

  constructor(
    private readonly transcript: Transcript,
    private readonly session: Session,
    private readonly options: ReplayOptions,
    private readonly secrets: SecretSet,
  ) {
    const literal = !transcript.directives.some((d) => needsResolving(d.value.text)) && !session.directives.some((d) => needsResolving(d.value.text));
    this.settingsCache = literal ? sharedSettingsCache(options, session) : new Map();
  }

  /** Substitutes `{{...}}` as visible at `line`; `challenge` is the server's last 334 text (CRAM-MD5). */
  resolve(text: string, line: number, challenge?: string): string {
    if (!needsResolving(text)) return text;
    return this.substitute(text, line, { challenge, now: this.options.now, uuid: this.options.uuid });
  }

  /**
   * Substitutes ahead of the session, to find what cannot be resolved before connecting. Values only the live
   * session gives get stand-ins: `$cram-md5` answers an empty challenge (its arguments are still checked), and
   * `$date`, `$message-id`, `$uuid` are fresh at send time, so `onFreshValue` is told when one is used: a size
   * computed from them is not held against the file.
   */
  resolveAhead(text: string, line: number, onFreshValue: () => void): string {
    if (!needsResolving(text)) return text;
    const now = this.options.now ?? (() => new Date());
    return this.substitute(text, line, {
      challenge: '',
      now: () => (onFreshValue(), now()),
      uuid: () => (onFreshValue(), PLACEHOLDER_UUID),
    });
  }

  private substitute(text: string, line: number, live: Pick<ResolveOptions, 'challenge' | 'now' | 'uuid'>): string {
    if (!needsResolving(text)) return text;
    // The transcript does not change while it replays: the scope at a line is shared, not rebuilt per line.
    const definitions = sharedDefinitionsAt(this.transcript, this.session, line);
    const resolved = resolveText(text, { definitions, env: this.options.env, ...live });
    this.secrets.add(resolved.secrets);
    if (resolved.errors.length > 0) throw new ReplayError('variable', resolved.errors.join('; '), line);
    return resolved.text;
  }

  /** Settings change only at a session directive: one reading per number of directives above the line. */
  settingsAt(line: number): SessionSettings {
    let visible = 0;
    while (visible < this.session.directives.length && this.session.directives[visible].range.start.line < line) visible++;
    let settings = this.settingsCache.get(visible);
    if (!settings) {
      const definitions = definitionsAt(this.transcript, this.session, line);
      settings = readSettings(definitions, (d) => this.resolve(d.value.text, d.range.start.line), this.options.timeouts ?? {});
      this.splitServerPort(settings, line);
      this.settingsCache.set(visible, settings);
    }
    return settings;
  }

  /** `@server = host:port` says what `@server = host` and `@port = port` say; the two must agree. */
  private splitServerPort(settings: SessionSettings, line: number): void {
    if (!settings.server) return;
    const { host, port } = splitServerAddress(settings.server);
    if (port === undefined) return;
    const definitions = definitionsAt(this.transcript, this.session, line);
    const at = definitions.get('server')?.range.start.line;
    const number = readPort(port);
    if (number === undefined) {
      throw new ReplayError('transcript', `\`@server = ${settings.server}\`: \`${port}\` is not a TCP port (1-65535)`, at);
    }
    if (settings.port !== undefined && settings.port !== number) {
      throw new ReplayError('transcript', `\`@server = ${settings.server}\` names port ${number} but \`@port = ${settings.port}\` another: keep one`, at);
    }
    settings.server = host;
    settings.port = number;
  }

  /** Lines whose bytes were not UTF-8, as the caller read the file (none when it did not say). */
  invalidUtf8Lines(): readonly number[] {
    return this.options.invalidUtf8Lines ?? [];
  }

  /** The lines of the directives this session sees (the file's and its own): their values may be sent. */
  visibleDirectiveLines(): number[] {
    return [...this.transcript.directives, ...this.session.directives].map((d) => d.range.start.line);
  }

  /** Every secret the file defines is known before the first byte is logged. */
  collectSecrets(): void {
    // The definitions visible just below each directive, grown one directive at a time (the file's come first, then
    // the session's): a scope made for each of thousands of directives made the start quadratic.
    const visible = new Map<string, Directive>();
    for (const directive of [...this.transcript.directives, ...this.session.directives]) {
      visible.set(directive.name, directive);
      const value = directive.value.text;
      // A value without references is itself: a secret only under a secret's name (`@password`).
      if (!value.includes('{') && value.length <= MAX_EXPANSION_WORK) {
        if (isSecretName(directive.name) && !isKeyFilePath(directive.name, value)) this.secrets.add([value]);
        continue;
      }
      this.secrets.add(resolveText(`{{${directive.name}}}`, { definitions: visible, env: this.options.env }).secrets);
    }
  }

  async readFile(path: string, line?: number): Promise<Buffer> {
    if (!this.options.readFile) throw new ReplayError('include', `cannot read ${path}: no file access was given to replay`, line);
    try {
      return await this.options.readFile(path);
    } catch (error) {
      // The include policy's refusals already name the path (as written and as resolved).
      const message = error instanceof FileProblem ? error.message : `cannot read ${path}: ${(error as Error).message}`;
      throw new ReplayError('include', message, line);
    }
  }

  /** The caller's extra CA and the file's `@ca` as visible at `line`, together; each must hold a certificate. */
  async extraCaPem(line: number): Promise<string | undefined> {
    const pems: string[] = [];
    if (this.options.extraCaPem !== undefined) {
      checkCaPem(this.options.extraCaPem, 'the extra CA file (--ca, smtp.replay.caFile)');
      pems.push(this.options.extraCaPem);
    }
    const ca = this.settingsAt(line).ca;
    if (ca) {
      const at = definitionsAt(this.transcript, this.session, line).get('ca')?.range.start.line;
      const pem = (await this.readFile(ca, at)).toString('utf8');
      checkCaPem(pem, `the @ca file ${ca}`, at);
      pems.push(pem);
    }
    return pems.length > 0 ? pems.join('\n') : undefined;
  }
}
