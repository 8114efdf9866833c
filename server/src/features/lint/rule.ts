// What a lint rule is: a stable public id, a default severity, a one-line description and the RFC it enforces.
// Checks return findings; `lintTranscript` applies the user's severities and suppressions. Each rules file keeps its
// specs in one object built with `rule(...)` (`CommandRules.unknownVerb`), as vscode-css-languageservice's `Rules`;
// `RuleId` is the union of their ids, so a misspelt id in a check does not compile.
import type { ActiveEnvironment } from '../../model/environments';
import type { Exchange, Range, Session, Severity, Transcript } from '../../model/types';
import type { RuleId } from './ruleIds';
import { checkingSession, sessionView } from './sessionScratch';

export interface RfcReference {
  readonly rfc: number;
  readonly section?: string;
}

export interface RuleSpec<Id extends string = RuleId> {
  /** Public API: settings, `--rule` and suppression comments name it. Never renamed. */
  readonly id: Id;
  readonly defaultSeverity: Severity;
  /** One sentence for documentation and `smtp-transcript lint --list-rules`. */
  readonly description: string;
  readonly rfc?: RfcReference;
}

/** A rule's spec, its id kept as a literal type so the table's ids make up `RuleId`. */
export function rule<const Id extends string>(id: Id, defaultSeverity: Severity, description: string, rfc?: RfcReference): RuleSpec<Id> {
  return rfc ? { id, defaultSeverity, description, rfc } : { id, defaultSeverity, description };
}

export interface TextEdit {
  range: Range;
  newText: string;
  /** On a BDAT line's octet count (`newText` the count the fix makes): fix-all adds up those of one chunk (fixAll.ts). */
  octetCount?: OctetCount;
}

/** A BDAT chunk's count as the parse read it, and the octets a fix adds to its lines (negative: takes). */
export interface OctetCount {
  declared: number;
  added: number;
}

/** A quick fix: applying `edits` to the document makes the finding go away. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Applied by fix-all (`lint --fix`, the editor's `source.fixAll`) without the user looking: it changes how a line is
   * written, never what the session means (a verb's case, a stray blank, a missing bracket). A fix that guesses, or adds
   * or changes a command, a parameter or an expectation, is offered as a quick fix only.
   */
  safe?: true;
}

/** One fix, or several the user chooses from (the first is the preferred one). */
export type Fixes = Fix | readonly Fix[];

/** The fixes of a finding as a list. */
export function fixesOf(fix: Fixes | undefined): readonly Fix[] {
  if (fix === undefined) return [];
  return isFixList(fix) ? fix : [fix];
}

export function isFixList(fix: Fixes): fix is readonly Fix[] {
  return Array.isArray(fix);
}

export interface Finding {
  ruleId: RuleId;
  range: Range;
  /** Says what is wrong and what to do. */
  message: string;
  /** Overrides the rule's default for this finding (e.g. a negative test expecting the refusal gets a hint). */
  severity?: Severity;
  fix?: Fixes;
}

/** Environment a check may consult (the CLI passes the real environment; the language server may not). */
export interface LintContext {
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * What a `< path` include or `@ca` names (relative to the transcript), as the file system and the include policy
   * see it: a regular file and its size, nothing, a path outside the folders a transcript may read, or a file that
   * cannot be read. Synchronous, a stat; without it, files are not checked.
   */
  readInclude?: (path: string) => NamedFileStatus;
  /**
   * Lines (0-based) whose bytes were not valid UTF-8, when the caller read the bytes (the CLI). Without it (the editor
   * decoded the text), a U+FFFD in the text is reported as possibly standing for such bytes.
   */
  invalidUtf8Lines?: readonly number[];
  /** The chosen environment of `smtp-environments.json` (CLI `--env`, the editor's status bar): its names are defined. */
  environment?: ActiveEnvironment;
}

export type NamedFileStatus =
  | { kind: 'file'; size: number }
  | { kind: 'missing' }
  | { kind: 'outside'; throughLink: boolean }
  | { kind: 'unreadable'; problem: string };

export type Check = (transcript: Transcript, context: LintContext) => Finding[];

/**
 * The findings about one session: it may read that session and the file-level directives, nothing else. They are
 * kept while the session's text is unchanged, even when its index changes or it moves to other lines (they move
 * along), so they must not depend on the index, and may name the session's own lines only.
 */
export type SessionCheck = (session: Session, transcript: Transcript, context: LintContext) => Finding[];

/**
 * A group's findings split for incremental lint: `bySession` for every session in order, then `wholeFile`, find what
 * `check` finds. The findings of a session are kept while its parse is (and the file-level directives are unchanged);
 * `wholeFile` runs on every edit, so it must stay cheap.
 */
export interface SessionSplit {
  bySession: SessionCheck;
  wholeFile?: Check;
}

/**
 * What a group's whole-file part (`split.wholeFile`, or `check` for a group without a split) reads of `session` beyond
 * its directives: the exchanges, returned, and whatever else it needs noted now under the session's key (`sessionKey`).
 * Lint that checks each session as it is parsed and then drops it (lintText.ts) hands the whole-file parts sessions
 * that keep their directives and these exchanges only, and they must find there what they find in the whole model.
 * Called for every session in order, after its `bySession`, with the file-level directives already known.
 */
export type SessionReads = (session: Session, transcript: Transcript, context: LintContext) => readonly Exchange[];

/** A group of rules and the check that finds them. */
export interface RuleGroup {
  rules: readonly RuleSpec[];
  check: Check;
  /** Without it, the group is checked on the whole transcript on every edit. */
  split?: SessionSplit;
  /** Without it, the whole-file part reads no session's exchanges (directives only). */
  wholeFileReads?: SessionReads;
}

/** For a group whose `check` looks at each session on its own (and at the file-level directives only). */
export function checkedBySession(group: RuleGroup): RuleGroup {
  return {
    ...group,
    split: {
      bySession: (session, transcript, context) => {
        checkingSession(session);
        return group.check(sessionView(transcript, session), context);
      },
    },
  };
}
