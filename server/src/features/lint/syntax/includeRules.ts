// Files the transcript names: `< path` includes, `@ca` and `@dkim-key`. Checked only when the caller gives file access
// (`LintContext.readInclude`), and on every lint (a file may appear or change without the transcript changing).
// Where a file may be is the include policy's call (io/namedFiles.ts: the transcript's folder tree, the workspace,
// allowed folders); lint reports what it answers.
import { resolveText } from '../../../model/variables';
import { isInclude } from '../../../model/contentParts';
import type { BdatExchange, ContentPart, Directive, Exchange, Include, Payload, Session, Transcript } from '../../../model/types';
import { rule, type Finding, type LintContext, type NamedFileStatus, type RuleGroup } from '../rule';
import type { RuleId } from '../ruleIds';
import { ParseRules } from '../parseRules';
import { SettingRules } from '../variables/settingRules';
import { argumentRange, payloadRange } from '../../../model/lineRanges';
import { keptPerSession } from '../../keptPerSession';
import { ownEntry } from '../../../knowledge/ownEntry';

export const IncludeRules = {
  includeMissing: rule('include-missing', 'error', 'A `< path` include of a file that does not exist (paths are relative to the transcript; checked where lint has file access, as in the CLI and the editor).'),
  includeOutsideFolder: rule(
    'include-outside-folder',
    'error',
    "A `< path` include, `@ca` or `@dkim-key` file that resolves (after symbolic links) outside the transcript's folder tree, the workspace and the allowed folders: replay refuses to read it.",
  ),
  includeUnreadable: rule('include-unreadable', 'error', 'A `< path` include, `@ca` or `@dkim-key` file that is not a regular file (a directory, FIFO, device or socket), is too large, or cannot be read.'),
};

type Lookup = NonNullable<LintContext['readInclude']>;

function checkFiles(transcript: Transcript, context: LintContext): Finding[] {
  const lookup = context.readInclude;
  if (!lookup) return [];
  const findings: Finding[] = [];
  for (const directive of [...transcript.directives, ...transcript.sessions.flatMap((s) => s.directives)]) {
    const found = namedFileFinding(directive, lookup, context);
    if (found) findings.push(found);
  }
  for (const session of transcript.sessions) {
    if (!includesFiles(session)) continue;
    for (const exchange of session.exchanges) {
      if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
      const sizes = exchange.parts.map((part) => includeSize(part, lookup, context, findings));
      if (exchange.kind === 'bdat') for (const added of chunkTooLarge(exchange, sizes)) findings.push(added);
    }
  }
  return findings;
}

/**
 * Whether a message or BDAT chunk of the session includes a file (the others find nothing here), kept per session
 * text: this runs on every lint, and a session that only moved is then not read, nor parsed again (a line added at
 * the top of the file moves every session, model/movedSession.ts).
 */
const includesFiles = keptPerSession(
  (session: Session) => session.exchanges.some(hasInclude),
  (includes) => includes,
);

function hasInclude(exchange: Exchange): boolean {
  return (exchange.kind === 'message' || exchange.kind === 'bdat') && exchange.parts.some(isInclude);
}

/**
 * The path a payload names, when lint can know it: written plainly, or made only of `{{$env NAME}}` references to
 * variables the caller's environment sets (the CLI's). Anything else is known only at replay, which checks it then.
 */
function knownPath(path: Payload, context: LintContext): string | undefined {
  if (path.text === '') return undefined;
  if (path.variables.length === 0) return path.text;
  if (!context.env || !path.variables.every((v) => v.name === '$env' && v.nested.length === 0)) return undefined;
  const resolved = resolveText(path.text, { definitions: new Map(), env: context.env });
  return resolved.errors.length === 0 ? resolved.text : undefined;
}

/** The included file's size; undefined for a line, a path known only at replay, or a file it cannot read (reported). */
function includeSize(part: ContentPart, lookup: Lookup, context: LintContext, findings: Finding[]): number | undefined {
  if (!isInclude(part)) return undefined;
  const include: Include = part;
  const path = knownPath(include.path, context);
  if (path === undefined) return undefined;
  const file = lookup(path);
  if (file.kind === 'file') return file.size;
  const shown = path === include.path.text ? `\`${path}\`` : `\`${include.path.text}\` (${path})`;
  findings.push(fileFinding(file, shown, include.path, 'include', IncludeRules.includeMissing.id, `${shown} does not exist (include paths are relative to the transcript): replay cannot send this content.`));
  return undefined;
}

function fileFinding(file: Exclude<NamedFileStatus, { kind: 'file' }>, shown: string, where: Payload, what: string, missingRule: RuleId, missingMessage: string): Finding {
  switch (file.kind) {
    case 'missing':
      return { ruleId: missingRule, range: payloadRange(where), message: missingMessage };
    case 'outside':
      return {
        ruleId: IncludeRules.includeOutsideFolder.id,
        range: payloadRange(where),
        message: `${shown} ${file.throughLink ? 'leads, through a symbolic link,' : 'is'} outside the transcript's folder, the workspace and the allowed folders: replay will not read this ${what}. Move the file next to the transcript, or allow its folder (\`--allow-include-dir DIR\`, the \`smtp.includes.allowedFolders\` setting).`,
      };
    case 'unreadable':
      return { ruleId: IncludeRules.includeUnreadable.id, range: payloadRange(where), message: `${shown} ${file.problem.startsWith('is ') ? file.problem : `cannot be read: ${file.problem}`}: replay cannot read this ${what}.` };
  }
}

/**
 * RFC 3030 §2: the chunk is exactly the declared octets. An included file's size is a lower bound of what it sends
 * (line ends become CRLF), so a count below the written lines plus the files is wrong whatever the files hold.
 */
function chunkTooLarge(exchange: BdatExchange, sizes: (number | undefined)[]): Finding[] {
  const declared = exchange.declaredSize;
  if (typeof declared !== 'number' || !exchange.parts.some(isInclude)) return [];
  if (exchange.parts.some((part, i) => (isInclude(part) ? sizes[i] === undefined : part.variables.length > 0))) return [];
  const included = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
  const atLeast = exchange.chunkOctets + included;
  if (atLeast <= declared) return [];
  return [{
    ruleId: ParseRules.bdatSizeMismatch.id,
    range: argumentRange(exchange.command),
    message: `BDAT declares ${declared} octets but the chunk below holds at least ${atLeast} (its included files alone are ${included} octets; RFC 3030 §2). Use \`BDAT *${exchange.last ? ' LAST' : ''}\` to have the count computed.`,
  }];
}

// Settings whose value names a file replay reads (through the same include policy), and what the file is. A value
// that is the PEM itself (`-----BEGIN ...`, or an environment variable holding it) names none.
const FILE_SETTINGS: Readonly<Record<string, string>> = { ca: 'CA file', 'dkim-key': 'DKIM key file' };

function namedFileFinding(directive: Directive, lookup: Lookup, context: LintContext): Finding | undefined {
  const value = directive.value;
  const what = ownEntry(FILE_SETTINGS, directive.name);
  if (what === undefined || value.text.startsWith('-----BEGIN')) return undefined;
  const path = knownPath(value, context);
  if (path === undefined || path.trimStart().startsWith('-----BEGIN')) return undefined;
  const file = lookup(path);
  if (file.kind === 'file') return undefined;
  const shown = `\`@${directive.name} = ${value.text}\``;
  return fileFinding(file, shown, value, what, SettingRules.settingValue.id, `${shown}: no such file (the path is relative to the transcript).`);
}

/** The messages with an include, when lint has file access: the check reads no other exchange. */
function includingExchanges(session: Session, _transcript: Transcript, context: LintContext): Exchange[] {
  if (!context.readInclude) return [];
  return session.exchanges.filter(hasInclude);
}

export const includeRules: RuleGroup = { rules: Object.values(IncludeRules), check: checkFiles, wholeFileReads: includingExchanges };
