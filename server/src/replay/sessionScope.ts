// What a session's lines mean at replay time: variables and settings visible at a line, files next to the
// transcript, and every secret recorded before anything can show it.
import type { Session, Transcript } from '../model/types';
import { definitionsAt, resolveText } from '../model/variables';
import { ReplayError } from './replayError';
import type { ReplayOptions } from './replayTypes';
import type { SecretSet } from './secretSet';
import { readSettings, type SessionSettings } from './sessionSettings';

export class SessionScope {
  private readonly settingsCache = new Map<number, SessionSettings>();

  constructor(
    private readonly transcript: Transcript,
    private readonly session: Session,
    private readonly options: ReplayOptions,
    private readonly secrets: SecretSet,
  ) {}

  /** Substitutes `{{...}}` as visible at `line`; `challenge` is the server's last 334 text (CRAM-MD5). */
  resolve(text: string, line: number, challenge?: string): string {
    const resolved = resolveText(text, {
      definitions: definitionsAt(this.transcript, this.session, line),
      env: this.options.env,
      challenge,
      now: this.options.now,
      uuid: this.options.uuid,
    });
    this.secrets.add(resolved.secrets);
    if (resolved.errors.length > 0) throw new ReplayError('variable', `line ${line + 1}: ${resolved.errors.join('; ')}`);
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
      this.settingsCache.set(visible, settings);
    }
    return settings;
  }

  /** Every secret the file defines is known before the first byte is logged. */
  collectSecrets(): void {
    for (const directive of [...this.transcript.directives, ...this.session.directives]) {
      const definitions = definitionsAt(this.transcript, this.session, directive.range.start.line + 1);
      this.secrets.add(resolveText(`{{${directive.name}}}`, { definitions, env: this.options.env }).secrets);
    }
  }

  async readFile(path: string, line?: number): Promise<Buffer> {
    const where = line === undefined ? '' : `line ${line + 1}: `;
    if (!this.options.readFile) throw new ReplayError('include', `${where}cannot read ${path}: no file access was given to replay`);
    try {
      return await this.options.readFile(path);
    } catch (error) {
      throw new ReplayError('include', `${where}cannot read ${path}: ${(error as Error).message}`);
    }
  }

  /** The caller's extra CA and the file's `@ca`, together. */
  async extraCaPem(settings: SessionSettings): Promise<string | undefined> {
    const pems = [this.options.extraCaPem];
    if (settings.ca) pems.push((await this.readFile(settings.ca)).toString('utf8'));
    const present = pems.filter((p): p is string => Boolean(p));
    return present.length > 0 ? present.join('\n') : undefined;
  }
}
