// Credentials belong in the environment, not in the file: `@password = {{$env SMTP_PASSWORD}}`. Finds secret-named
// variables with literal values and built-ins given a literal password (replay masks secrets, but the file is shared).
import { splitArguments } from '../../../model/builtins';
import { isSecretName } from '../../../model/secrets';
import { allReferences } from '../../../model/variableReferences';
import type { ClientLine, Directive, Exchange, Payload, Range, Session, Transcript, VariableReference } from '../../../model/types';
import type { Finding } from '../rule';
import type { AuthDialogue } from './authDialogues';
import { excerpt } from './excerpt';
import { expectsRefusal } from './negativeTests';

const HOW_TO = 'with `@password = {{$env SMTP_PASSWORD}}` above it: replay reads the environment variable, so the password never needs to be in the file.';

export function passwordLineFinding(ruleId: string, at: Range, what: string, replacement: string): Finding {
  return { ruleId, range: at, message: `${what}, so the password sits in the file. Write \`${replacement}\` instead, ${HOW_TO}` };
}

/** Built-ins whose second argument is a password or token. */
const CREDENTIAL_BUILTINS = new Set(['$plain', '$cram-md5', '$xoauth2']);

export function literalSecretFindings(transcript: Transcript, dialogues: AuthDialogue[], ruleId: string): Finding[] {
  const verdicts = verdictByLine(dialogues);
  // A credential used only in AUTH dialogues expected to fail with 535 is a deliberately wrong one.
  const onlyInFailingAuth = (lines: readonly number[]): boolean =>
    lines.length > 0 && lines.every((line) => verdicts.has(line) && expectsRefusal(verdicts.get(line)!, ['535']));
  const downgrade = (finding: Finding, lines: readonly number[]): Finding =>
    onlyInFailingAuth(lines) ? { ...finding, severity: 'hint', message: `${finding.message} (Used only where the transcript expects 535: a valid negative test.)` } : finding;

  const directives = [...transcript.directives, ...transcript.sessions.flatMap((s) => s.directives)];
  // One pass over every payload with references: where each variable is used, and built-ins given a literal password.
  const usages = new Map<string, number[]>();
  const literalBuiltins: { reference: VariableReference; line: number }[] = [];
  const scan = (payload: Payload, line: number) => {
    if (payload.variables.length === 0) return;
    for (const reference of allReferences(payload.variables)) {
      const lines = usages.get(reference.name);
      if (lines) lines.push(line);
      else usages.set(reference.name, [line]);
      if (hasLiteralCredential(reference.name, reference.args)) literalBuiltins.push({ reference, line });
    }
  };
  // A variable used by another variable is used wherever that one is: a directive counts as a use outside AUTH (-1).
  for (const directive of directives) scan(directive.value, -1);
  for (const session of transcript.sessions) forEachClientLine(session, (line) => scan(line.payload, line.line));

  const findings: Finding[] = [];
  for (const directive of directives) {
    if (!isSecretName(directive.name) || directive.value.text === '' || directive.value.variables.length > 0) continue;
    findings.push(downgrade(secretVariable(ruleId, directive), usages.get(directive.name) ?? []));
  }
  for (const { reference, line } of literalBuiltins) {
    const user = excerpt(splitArguments(reference.args)[0] ?? 'user');
    const finding = passwordLineFinding(ruleId, reference.range, `\`{{${reference.name} ...}}\` is given the password literally`, `{{${reference.name} ${user} {{password}}}}`);
    findings.push(downgrade(finding, line < 0 ? [] : [line]));
  }
  return findings;
}

function hasLiteralCredential(name: string, args: string): boolean {
  if (CREDENTIAL_BUILTINS.has(name)) {
    const values = splitArguments(args);
    return values.length === 2 && !values[1].includes('{{');
  }
  // `{{$base64 \0user\0password}}`: a PLAIN message written out.
  return name === '$base64' && (args.match(/\\0/g) ?? []).length === 2 && !args.includes('{{') && !args.endsWith('\\0');
}

function secretVariable(ruleId: string, directive: Directive): Finding {
  const environmentName = `SMTP_${directive.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  return {
    ruleId,
    range: directive.value.range,
    message: `\`@${excerpt(directive.name)}\` holds a literal secret. Read it from the environment instead: \`@${excerpt(directive.name)} = {{$env ${excerpt(environmentName)}}}\`, and set ${excerpt(environmentName)} where the transcript is replayed.`,
    fix: { title: `Read ${excerpt(directive.name)} from $${excerpt(environmentName)}`, edits: [{ range: directive.value.range, newText: `{{$env ${environmentName}}}` }] },
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
  for (const exchange of session.exchanges) {
    switch (exchange.kind) {
      case 'command':
        visit(exchange.command.line);
        break;
      case 'auth-response':
      case 'client-close':
        visit(exchange.line);
        break;
      case 'bdat':
        visit(exchange.command.line);
        for (const part of exchange.parts) if (part.kind === 'line') visit(part.line);
        break;
      case 'message':
        for (const part of exchange.parts) if (part.kind === 'line') visit(part.line);
        break;
      default:
        break;
    }
  }
}
