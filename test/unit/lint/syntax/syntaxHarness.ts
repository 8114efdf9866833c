// Runs the syntax rule groups on inline transcripts and applies their quick fixes, for exact assertions in the tests.
import { parseTranscript } from '../../../../server/src/model';
import type { Severity } from '../../../../server/src/model';
import type { Finding } from '../../../../server/src/features/lint/rule';
import { syntaxRuleGroups } from '../../../../server/src/features/lint/syntax';
import { applyFix } from '../../../support/edits';

const defaults = new Map(syntaxRuleGroups.flatMap((group) => group.rules.map((rule) => [rule.id, rule.defaultSeverity] as const)));

/** Every syntax finding, in document order. */
export function findings(text: string, env: Record<string, string> = {}): Finding[] {
  const transcript = parseTranscript(text);
  return syntaxRuleGroups
    .flatMap((group) => group.check(transcript, { env }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export interface Summary {
  rule: string;
  /** 1-based, as an editor shows it. */
  line: number;
  severity: Severity;
}

/** Rule id, 1-based line and effective severity of every finding. */
export function summary(text: string): Summary[] {
  return findings(text).map((f) => ({
    rule: f.ruleId,
    line: f.range.start.line + 1,
    severity: f.severity ?? defaults.get(f.ruleId) ?? 'error',
  }));
}

/** Findings of one rule only. */
export function findingsOf(text: string, ruleId: string): Finding[] {
  return findings(text).filter((f) => f.ruleId === ruleId);
}

/** The text after applying the fix of the only finding of `ruleId`. */
export function fixed(text: string, ruleId: string): string {
  const found = findingsOf(text, ruleId);
  if (found.length !== 1) throw new Error(`expected one ${ruleId} finding, got ${found.length}`);
  if (!found[0].fix) throw new Error(`${ruleId} finding has no fix`);
  return applyFix(text, found[0].fix);
}

/** Problems the parser itself reports (tests that build BDAT chunks check they framed them right). */
export function parseProblems(text: string): string[] {
  return parseTranscript(text).diagnostics.map((d) => d.code);
}

/** `C: BDAT n [LAST]` and its chunk, with n counted from the lines (each plus CRLF, the last without when `midLine`). */
export function bdatChunk(chunkLines: string[], options: { last?: boolean; midLine?: boolean } = {}): string[] {
  const octets = chunkLines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 2, 0) - (options.midLine ? 2 : 0);
  return [`C: BDAT ${octets}${options.last ? ' LAST' : ''}`, ...chunkLines.map((line) => (line === '' ? 'C:' : `C: ${line}`))];
}

/**
 * A session whose one transaction sends `content` (file lines) after DATA: the content starts on line 10 (index 9).
 * `mail` and `finalReply` replace the MAIL line and the reply to the final `.`.
 */
export function dataTransaction(content: string[], options: { mail?: string; finalReply?: string } = {}): string {
  return [
    'S: 220 mx.example.com ESMTP',
    'C: EHLO client.test',
    'S: 250 mx',
    options.mail ?? 'C: MAIL FROM:<a@example.org>',
    'S: 250 Ok',
    'C: RCPT TO:<b@example.com>',
    'S: 250 Ok',
    'C: DATA',
    'S: 354 Go ahead',
    ...content,
    'C: .',
    options.finalReply ?? 'S: 250 Ok',
  ].join('\n');
}
