// Test scripts deliberately send what a server must refuse. When the transcript expects the matching refusal, the
// broken command is a valid negative test: it gets at most a hint, never a warning or an error.
import type { Exchange } from '../../../model/types';
import type { Finding, RuleSpec } from '../rule';

/** Refusals of a malformed command: unrecognized, bad arguments, not implemented, bad address, bad parameters
 * (RFC 5321 §4.2.2, §4.2.3, §4.1.1.11). */
export const SYNTAX_REFUSALS: readonly string[] = ['500', '501', '502', '504', '553', '555'];

/** True when the exchange expects a 5xx reply that agrees with one of `codes` (`5xx`, `50x` agree with `501`). */
export function expectsRefusal(exchange: Exchange, codes: readonly string[] = SYNTAX_REFUSALS): boolean {
  const code = exchange.reply?.code;
  if (code === undefined || code[0] !== '5') return false;
  return codes.some((candidate) => codesAgree(code, candidate));
}

/** Two codes agree when every position holds the same digit or a wildcard `x` on either side. */
export function codesAgree(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    // The same character agrees: no lower-casing (a new string) for the common case.
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    const x = a[i].toLowerCase();
    const y = b[i].toLowerCase();
    if (x !== y && x !== 'x' && y !== 'x') return false;
  }
  return true;
}

/**
 * Downgrades the findings about `exchange` to hints when it expects the refusal. Findings already hints by default
 * stay as they are. The fix is dropped: applying it would turn the negative test into a different test.
 */
export function unlessNegativeTest(
  findings: Finding[],
  exchange: Exchange,
  rules: readonly RuleSpec[],
  codes: readonly string[] = SYNTAX_REFUSALS,
): Finding[] {
  if (!expectsRefusal(exchange, codes)) return findings;
  return findings.map((finding) => {
    const severity = finding.severity ?? rules.find((rule) => rule.id === finding.ruleId)?.defaultSeverity;
    if (severity === 'hint') return finding;
    return {
      ruleId: finding.ruleId,
      range: finding.range,
      severity: 'hint',
      message: `${finding.message} (The transcript expects the refusal \`${exchange.reply?.code}\`: a valid negative test.)`,
    };
  });
}
