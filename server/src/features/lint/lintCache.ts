// Findings kept per parsed session across edits. The language server lints a document on every keystroke; an edit
// touches one session, and the parser keeps the others (see `parseTranscript`'s previous parse), so their findings
// can be kept too while what they depend on (the file-level directives, the environment) is unchanged.
import { sessionKey } from '../../model/transcriptChunks';
import type { Session, Transcript } from '../../model/types';
import type { Finding, LintContext, RuleGroup } from './rule';

/** One per language server (or per document); holds nothing alive but the sessions still in use. */
export interface LintCache {
  readonly entries: WeakMap<object, CachedSession>;
}

interface CachedSession {
  groups: readonly RuleGroup[];
  fileScope: string;
  env: LintContext['env'];
  /** By group index; empty for groups without a per-session split. */
  findings: Finding[][];
}

export function createLintCache(): LintCache {
  return { entries: new WeakMap() };
}

/** What checks of a session may read besides the session itself: the file-level directives, each where it stands. */
export function fileScopeOf(transcript: Transcript): string {
  let scope = '';
  for (const directive of transcript.directives) {
    const line = directive.range.start.line;
    scope += `${line}\n${transcript.lines[line]}\n`;
  }
  return scope;
}

/** Each split group's findings about `session`, by group index. */
export function sessionFindings(
  session: Session,
  transcript: Transcript,
  groups: readonly RuleGroup[],
  context: LintContext,
  cache?: { cache: LintCache; fileScope: string },
): Finding[][] {
  const key = sessionKey(session);
  const cached = cache?.cache.entries.get(key);
  if (cached && cached.groups === groups && cached.fileScope === cache!.fileScope && cached.env === context.env) return cached.findings;
  const findings = groups.map((group) => (group.split ? group.split.bySession(session, transcript, context) : []));
  cache?.cache.entries.set(key, { groups, fileScope: cache.fileScope, env: context.env, findings });
  return findings;
}
