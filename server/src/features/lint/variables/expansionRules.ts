// Variable expansion that replay would refuse: a value past the size cap, or variables that refer to each other in
// a cycle. Sizes are computed, never built: each definition's expanded length is memoized, so 41 doubling lines cost
// 41 small sums, not 2^41 characters.
import { BUILTINS, splitArguments } from '../../../model/builtins';
import { describeCap, MAX_EXPANDED_CHARACTERS } from '../../../model/expansionLimits';
import { scanReferences } from '../../../model/variableReferences';
import { withThousands } from '../../../model/expansionLimits';
import type { Directive, Payload, Session, Transcript } from '../../../model/types';
import { sharedDefinitionsAt } from '../../../model/variables';
import { rule, type Finding, type RuleGroup } from '../rule';

export const ExpansionRules = {
  variableTooLarge: rule(
    'variable-too-large',
    'error',
    `A variable whose value expands to more than ${describeCap(MAX_EXPANDED_CHARACTERS)}: replay refuses the session before connecting.`,
  ),
  variableCycle: rule('variable-cycle', 'error', 'Variables whose values refer to each other in a cycle (`@a = {{b}}`, `@b = {{a}}`): none of them can be resolved.'),
};

/** No length: the value is in a cycle, or holds a value already reported too large (reported once, where it starts). */
const CYCLE = -1;
const REPORTED = -2;

type Scope = (name: string) => Directive | undefined;

class ExpansionSizes {
  private readonly lengths = new Map<Directive, number>();
  private readonly visiting: Directive[] = [];
  readonly cycles: Directive[][] = [];

  markReported(directive: Directive): void {
    this.lengths.set(directive, REPORTED);
  }

  /** `scope` is the definitions visible just below `directive`: a value is sized as it expands there. */
  lengthOf(directive: Directive, scope: Scope): number {
    const known = this.lengths.get(directive);
    if (known !== undefined) return known;
    const at = this.visiting.indexOf(directive);
    if (at >= 0) {
      this.cycles.push(this.visiting.slice(at));
      return CYCLE;
    }
    this.visiting.push(directive);
    const length = this.textLength(directive.value.text, scope);
    this.visiting.pop();
    this.lengths.set(directive, length);
    return length;
  }

  private textLength(text: string, scope: Scope): number {
    if (!text.includes('{')) return text.length;
    const { references } = scanReferences(text, 0, 0);
    let total = 0;
    let at = 0;
    for (const ref of references) {
      total += ref.range.start.character - at;
      at = ref.range.end.character;
      const length = ref.name.startsWith('$') ? this.builtinLength(ref.name.slice(1), ref.args, scope) : this.variableLength(ref.name, scope);
      if (length < 0) return length;
      total += length;
    }
    return Math.min(total + text.length - at, MAX_EXPANDED_CHARACTERS + 1);
  }

  /**
   * A line's length once substituted, from its parsed references (no scan of the text: lint sizes every line holding
   * one); REPORTED when a variable it uses passes the cap by itself (`variable-too-large` says so at the definition).
   */
  lineLength(payload: Payload, scope: Scope): number {
    let total = payload.text.length;
    for (const ref of payload.variables) {
      const length = ref.name.startsWith('$') ? this.builtinLength(ref.name.slice(1), ref.args, scope) : this.variableLength(ref.name, scope);
      if (length > MAX_EXPANDED_CHARACTERS && !ref.name.startsWith('$')) return REPORTED;
      if (length < 0) return length;
      total += length - (ref.range.end.character - ref.range.start.character);
    }
    return total;
  }

  private variableLength(name: string, scope: Scope): number {
    const directive = scope(name);
    return directive ? this.lengthOf(directive, scope) : 0; // undefined: variable-undefined says so
  }

  private builtinLength(name: string, args: string, scope: Scope): number {
    const builtin = BUILTINS[name];
    if (!builtin) return 0;
    const lengths = (builtin.rawArguments ? [args] : splitArguments(args)).map((arg) => this.textLength(arg, scope));
    const unknown = lengths.find((length) => length < 0);
    return unknown ?? builtin.size(lengths);
  }
}

function checkExpansion(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<Directive>();
  // The file's directives, then each session's: read in place (a list of thousands of sessions made on every edit is
  // garbage the language server pays for). A session without directives sizes nothing and finds no cycle.
  if (transcript.directives.length > 0) checkBlock(transcript.directives, [], reported, findings);
  for (const session of transcript.sessions) if (session.directives.length > 0) checkBlock(session.directives, transcript.directives, reported, findings);
  return findings;
}

/**
 * One block of directives (the file's, or a session's with the file's it inherits). A function of its own: its maps
 * and scope would otherwise be a context made on each pass of the loop over thousands of sessions, most without any.
 */
function checkBlock(directives: readonly Directive[], inherited: readonly Directive[], reported: Set<Directive>, findings: Finding[]): void {
  const sizes = new ExpansionSizes();
  // A value is sized as it expands just below its definition; a name defined only further down is taken as it is
  // finally defined, as a use there sees it (so `@a = {{b}}` above `@b = {{a}}` is the cycle replay finds).
  const visible = new Map<string, Directive>(inherited.map((d) => [d.name, d]));
  const final = new Map<string, Directive>([...inherited, ...directives].map((d) => [d.name, d]));
  const scope: Scope = (name) => visible.get(name) ?? final.get(name);
  for (const directive of directives) {
    visible.set(directive.name, directive);
    if (sizes.lengthOf(directive, scope) <= MAX_EXPANDED_CHARACTERS) continue;
    sizes.markReported(directive);
    reported.add(directive);
    findings.push({
      ruleId: ExpansionRules.variableTooLarge.id,
      range: directive.range,
      message: `\`${directive.name}\` expands to more than ${describeCap(MAX_EXPANDED_CHARACTERS)}, the cap on one line or variable: replay refuses the session before connecting (docs/transcript-format.md, "Expansion limits").`,
    });
  }
  for (const cycle of sizes.cycles) {
    const first = cycle.reduce((a, b) => (b.range.start.line < a.range.start.line ? b : a));
    if (reported.has(first)) continue;
    reported.add(first);
    const start = cycle.indexOf(first);
    const names = [...cycle.slice(start), ...cycle.slice(0, start), first].map((d) => d.name).join(' -> ');
    findings.push({
      ruleId: ExpansionRules.variableCycle.id,
      range: first.range,
      message: `These variables refer to each other in a cycle (${names}): replay cannot resolve any of them. Give one of them a value that does not refer back.`,
    });
  }
}

/**
 * What is wrong with a line replay would refuse, for `line-too-large` (variableRules.ts walks the lines): each line
 * holding a reference is resolved (model/variables.ts), and one past the cap is refused. A line without a reference
 * is sent as written. One sizer per session: a variable's length is computed once for all its uses.
 */
export function lineSizer(transcript: Transcript, session: Session): (payload: Payload) => string | undefined {
  const sizes = new ExpansionSizes();
  return (payload) => {
    const written = payload.text.length;
    if (written > MAX_EXPANDED_CHARACTERS) return `This line holds ${withThousands(written)} characters, more than ${CAP_NOTE}`;
    const visible = sharedDefinitionsAt(transcript, session, payload.line);
    return sizes.lineLength(payload, (name) => visible.get(name)) > MAX_EXPANDED_CHARACTERS ? `This line expands to more than ${CAP_NOTE}` : undefined;
  };
}

const CAP_NOTE = `${describeCap(MAX_EXPANDED_CHARACTERS)}, the cap on one line or variable: replay refuses the session before connecting (docs/transcript-format.md, "Expansion limits").`;

export const expansionRules: RuleGroup = { rules: Object.values(ExpansionRules), check: checkExpansion };
