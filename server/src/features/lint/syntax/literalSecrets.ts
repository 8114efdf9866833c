// Credentials belong in the environment, not in the file: `@password = {{$env SMTP_PASSWORD}}`. Finds secret-named
// variables with literal values and built-ins given a literal password (replay masks secrets, but the file is shared).
import { splitArguments } from '../../../model/builtins';
import { isKeyFilePath, isSecretName } from '../../../model/secrets';
import { allReferences } from '../../../model/variableReferences';
import { sessionKey } from '../../../model/transcriptChunks';
import { someSentLine } from '../../../model/exchangePayloads';
import type { ClientLine, Directive, Exchange, Payload, Range, Session, Transcript } from '../../../model/types';
import type { Finding } from '../rule';
import type { RuleId } from '../ruleIds';
import { authDialogues, type AuthDialogue } from './authDialogues';
import { excerpt } from './excerpt';
import { expectsRefusal } from './negativeTests';
import { payloadRange } from '../../../model/lineRanges';

/** What a credential is called in messages, and the variable and environment variable that should hold it. */
export type Credential = 'password' | 'token';
const ENVIRONMENT: Record<Credential, string> = { password: 'SMTP_PASSWORD', token: 'SMTP_TOKEN' };

export function passwordLineFinding(ruleId: RuleId, at: Range, what: string, replacement: string, credential: Credential = 'password'): Finding {
  const howTo = `with \`@${credential} = {{$env ${ENVIRONMENT[credential]}}}\` above it: replay reads the environment variable, so the ${credential} never needs to be in the file.`;
  return { ruleId, range: at, message: `${what}, so the ${credential} sits in the file. Write \`${replacement}\` instead, ${howTo}` };
}

/** Built-ins whose second argument is a password or token. */
const CREDENTIAL_BUILTINS = new Set(['$plain', '$cram-md5', '$xoauth2']);

/**
 * Built-ins given a literal password in the session's lines and directives. A credential used only in AUTH dialogues
 * expected to fail with 535 is a deliberately wrong one: the finding becomes a hint.
 */
export function sessionLiteralSecretFindings(session: Session, dialogues: AuthDialogue[], ruleId: RuleId): Finding[] {
  const failing = failingAuthLines(dialogues);
  const findings: Finding[] = [];
  for (const directive of session.directives) literalBuiltins(directive.value, ruleId, findings);
  forEachClientLine(session, (line) => literalBuiltins(line, ruleId, findings, failing.has(line.line)));
  return findings;
}

/**
 * Secret-named variables with literal values anywhere in the file, and built-ins given a literal password in the
 * file-level directives. Whether a secret is used only in failing AUTH dialogues takes every session's uses.
 */
export function fileLiteralSecretFindings(transcript: Transcript, ruleId: RuleId): Finding[] {
  const directives = [...transcript.directives, ...transcript.sessions.flatMap((s) => s.directives)];
  const findings: Finding[] = [];
  const secrets = directives.filter((d) => isSecretName(d.name) && d.value.text !== '' && d.value.variables.length === 0 && !isKeyFilePath(d.name, d.value.text));
  if (secrets.length > 0) {
    // A variable used by another variable is used wherever that one is: a use outside AUTH.
    const usedByDirectives = new Set(directives.flatMap((d) => allReferences(d.value.variables).map((r) => r.name)));
    const onlyInFailingAuth = secretUses(transcript.sessions, new Set(secrets.map((d) => d.name)));
    for (const directive of secrets) {
      const finding = secretVariable(ruleId, directive);
      const negativeTest = !usedByDirectives.has(directive.name) && onlyInFailingAuth.get(directive.name) === true;
      findings.push(negativeTest ? asNegativeTest(finding) : finding);
    }
  }
  for (const directive of transcript.directives) literalBuiltins(directive.value, ruleId, findings);
  return findings;
}

function asNegativeTest(finding: Finding): Finding {
  return { ...finding, severity: 'hint', message: `${finding.message} (Used only where the transcript expects 535: a valid negative test.)` };
}

function literalBuiltins(payload: Payload, ruleId: RuleId, findings: Finding[], inFailingAuth = false): void {
  if (payload.variables.length === 0) return;
  for (const reference of allReferences(payload.variables)) {
    if (!hasLiteralCredential(reference.name, reference.args)) continue;
    const user = excerpt(splitArguments(reference.args)[0] ?? 'user');
    // RFC 7628-style XOAUTH2 carries an OAuth bearer token, not a password.
    const credential: Credential = reference.name === '$xoauth2' ? 'token' : 'password';
    const finding = passwordLineFinding(ruleId, reference.range, `\`{{${reference.name} ...}}\` is given the ${credential} literally`, `{{${reference.name} ${user} {{${credential}}}}}`, credential);
    findings.push(inFailingAuth ? asNegativeTest(finding) : finding);
  }
}

/** Secret name -> every `C:` line using it (there is one at least) is in an AUTH dialogue expected to fail. */
function secretUses(sessions: readonly Session[], names: ReadonlySet<string>): Map<string, boolean> {
  const uses = new Map<string, boolean>();
  for (const session of sessions) {
    for (const [name, onlyFailing] of clientLineUses(session)) {
      if (names.has(name)) uses.set(name, (uses.get(name) ?? true) && onlyFailing);
    }
  }
  return uses;
}

// Per parsed session (kept across edits that leave it alone): variable name -> every use is in failing AUTH.
const usesBySession = new WeakMap<object, ReadonlyMap<string, boolean>>();

/** What the file's check of literal secrets reads of `session`, noted under its key now (for lintText.ts). */
export function noteSecretUses(session: Session): void {
  clientLineUses(session);
}

function clientLineUses(session: Session): ReadonlyMap<string, boolean> {
  const key = sessionKey(session);
  let uses = usesBySession.get(key);
  if (uses) return uses;
  // The AUTH dialogues only once a line uses a variable: most sessions' lines use none.
  let failing: ReadonlySet<number> | undefined;
  const found = new Map<string, boolean>();
  forEachClientLine(session, (line) => {
    if (line.variables.length === 0) return;
    failing ??= failingAuthLines(authDialogues(session));
    for (const reference of allReferences(line.variables)) {
      found.set(reference.name, (found.get(reference.name) ?? true) && failing.has(line.line));
    }
  });
  uses = found;
  usesBySession.set(key, uses);
  return uses;
}

// Most sessions hold no AUTH dialogue: they share one empty set (never changed).
const NO_LINES: ReadonlySet<number> = new Set<number>();

/** Lines of AUTH dialogues whose verdict is the expected 535. */
function failingAuthLines(dialogues: AuthDialogue[]): ReadonlySet<number> {
  if (dialogues.length === 0) return NO_LINES;
  const lines = new Set<number>();
  for (const [line, verdict] of verdictByLine(dialogues)) if (expectsRefusal(verdict, ['535'])) lines.add(line);
  return lines;
}

function hasLiteralCredential(name: string, args: string): boolean {
  if (CREDENTIAL_BUILTINS.has(name)) {
    const values = splitArguments(args);
    return values.length === 2 && !values[1].includes('{{');
  }
  // `{{$base64 \0user\0password}}`: a PLAIN message written out.
  return name === '$base64' && (args.match(/\\0/g) ?? []).length === 2 && !args.includes('{{') && !args.endsWith('\\0');
}

function secretVariable(ruleId: RuleId, directive: Directive): Finding {
  const environmentName = `SMTP_${directive.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  return {
    ruleId,
    range: payloadRange(directive.value),
    message: `\`@${excerpt(directive.name)}\` holds a literal secret. Read it from the environment instead: \`@${excerpt(directive.name)} = {{$env ${excerpt(environmentName)}}}\`, and set ${excerpt(environmentName)} where the transcript is replayed.`,
    fix: { title: `Read ${excerpt(directive.name)} from $${excerpt(environmentName)}`, edits: [{ range: payloadRange(directive.value), newText: `{{$env ${environmentName}}}` }] },
  };
}

function verdictByLine(dialogues: AuthDialogue[]): Map<number, Exchange> {
  const verdicts = new Map<number, Exchange>();
  for (const dialogue of dialogues) {
    verdicts.set(dialogue.command.command.line.line, dialogue.final);
    for (const line of dialogue.lines) verdicts.set(line.range.start.line, dialogue.final);
  }
  return verdicts;
}

function forEachClientLine(session: Session, visit: (line: ClientLine) => void): void {
  for (const exchange of session.exchanges) someSentLine(exchange, (line) => (visit(line), false));
}
