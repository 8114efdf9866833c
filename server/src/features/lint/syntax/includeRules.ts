// Files the transcript names: `< path` includes and `@ca`. Checked only when the caller gives file access
// (`LintContext.readInclude`), and on every lint (a file may appear or change without the transcript changing).
import type { BdatExchange, ContentPart, Directive, Include, Transcript } from '../../../model/types';
import { rule, type Finding, type LintContext, type RuleGroup } from '../rule';
import { ParseRules } from '../parseRules';
import { SettingRules } from '../variables/settingRules';

export const IncludeRules = {
  includeMissing: rule('include-missing', 'error', 'A `< path` include of a file that does not exist (paths are relative to the transcript; checked where lint has file access, as in the CLI and the editor).'),
};

type Lookup = NonNullable<LintContext['readInclude']>;

function checkFiles(transcript: Transcript, context: LintContext): Finding[] {
  const lookup = context.readInclude;
  if (!lookup) return [];
  const findings: Finding[] = [];
  for (const directive of [...transcript.directives, ...transcript.sessions.flatMap((s) => s.directives)]) {
    const missing = missingCa(directive, lookup);
    if (missing) findings.push(missing);
  }
  for (const session of transcript.sessions) {
    for (const exchange of session.exchanges) {
      if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
      const sizes = exchange.parts.map((part) => includeSize(part, lookup, findings));
      if (exchange.kind === 'bdat') findings.push(...chunkTooLarge(exchange, sizes));
    }
  }
  return findings;
}

/** The included file's size; undefined for a line, a path known only at replay, or a missing file (reported). */
function includeSize(part: ContentPart, lookup: Lookup, findings: Finding[]): number | undefined {
  if (part.kind !== 'include') return undefined;
  const include: Include = part.include;
  const path = include.path.text;
  if (path === '' || include.path.variables.length > 0) return undefined;
  const file = lookup(path);
  if (file) return file.size;
  findings.push({
    ruleId: IncludeRules.includeMissing.id,
    range: include.path.range,
    message: `\`${path}\` does not exist (include paths are relative to the transcript): replay cannot send this content.`,
  });
  return undefined;
}

/**
 * RFC 3030 §2: the chunk is exactly the declared octets. An included file's size is a lower bound of what it sends
 * (line ends become CRLF), so a count below the written lines plus the files is wrong whatever the files hold.
 */
function chunkTooLarge(exchange: BdatExchange, sizes: (number | undefined)[]): Finding[] {
  const declared = exchange.declaredSize;
  if (typeof declared !== 'number' || !exchange.parts.some((part) => part.kind === 'include')) return [];
  if (exchange.parts.some((part, i) => (part.kind === 'include' ? sizes[i] === undefined : part.line.payload.variables.length > 0))) return [];
  const included = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
  const atLeast = exchange.chunkOctets + included;
  if (atLeast <= declared) return [];
  return [{
    ruleId: ParseRules.bdatSizeMismatch.id,
    range: exchange.command.argumentRange,
    message: `BDAT declares ${declared} octets but the chunk below holds at least ${atLeast} (its included files alone are ${included} octets; RFC 3030 §2). Use \`BDAT *${exchange.last ? ' LAST' : ''}\` to have the count computed.`,
  }];
}

function missingCa(directive: Directive, lookup: Lookup): Finding | undefined {
  const value = directive.value;
  if (directive.name !== 'ca' || value.text === '' || value.variables.length > 0 || value.text.startsWith('-----BEGIN') || lookup(value.text)) return undefined;
  return {
    ruleId: SettingRules.settingValue.id,
    range: value.range,
    message: `\`@ca = ${value.text}\`: no such file (the path is relative to the transcript).`,
  };
}

export const includeRules: RuleGroup = { rules: Object.values(IncludeRules), check: checkFiles };
