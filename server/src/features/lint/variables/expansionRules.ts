// Variable expansion that replay would refuse: a value past the size cap, or variables that refer to each other in
// a cycle. Sizes are computed, never built: each definition's expanded length is memoized, so 41 doubling lines cost
// 41 small sums, not 2^41 characters.
import { builtinNamed, splitArguments } from '../../../model/builtins';
import { describeCap, MAX_EXPANDED_CHARACTERS, MAX_EXPANSION_DEPTH } from '../../../model/expansionLimits';
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
/** No length: a use of the value nests variables deeper than replay follows (MAX_EXPANSION_DEPTH, model/variables.ts). */
const TOO_DEEP = -3;

type Scope = (name: string) => Directive | undefined;
const NO_NAMES: ReadonlySet<string> = new Set();

/** A text's expanded length, and how deep the variables it uses nest (-1: it holds no reference at all). */
interface TextSize {
  length: number;
  nesting: number;
}

class ExpansionSizes {
  private readonly lengths = new Map<Directive, number>();
  /**
   * For each value sized: how many variables replay holds open when it meets the last reference of a use of it (0 for
   * a value without references). Replay refuses a use at MAX_EXPANSION_DEPTH: it follows a reference only while fewer
   * variables than that are being resolved.
   */
  private readonly nestings = new Map<Directive, number>();
  private readonly visiting: Directive[] = [];
  /** Values reported too large at their definition: a value that holds one is not reported again. */
  private readonly reported = new Set<Directive>();
  /**
   * Sizes that looked up a name defined more than once (`redefined`): they hold only while that name means the same
   * definition. Other sizes hold in every scope of the block, and are kept.
   */
  private readonly scoped = new Set<Directive>();
  /** The redefined names looked up by the sizes in `scoped`. */
  private readonly consulted = new Set<string>();
  /** The walk under way looked up a redefined name. */
  private dependent = false;
  /** A size below was cut short at the depth limit: sizes that depend on it hold only for the outermost value. */
  private cut = false;
  /** The reference `lineLength` found nesting too deep: `v9` of `{{v9}}`, `$base64` of `{{$base64 {{v9}}}}`. */
  tooDeepAt: string | undefined;
  readonly cycles: Directive[][] = [];

  /** `redefined`: the names that may mean another definition as the scope moves down (none for a fixed scope). */
  constructor(private readonly redefined: ReadonlySet<string> = NO_NAMES) {}

  markReported(directive: Directive): void {
    this.reported.add(directive);
  }

  /**
   * `name` now means another definition (a redefinition became visible): sizes that looked it up were computed in
   * another scope, and are computed again. Without this, `@user = {{a}}` sized while `@a = x` is visible kept its size
   * after `@a = {{user}}`, and the cycle replay finds below both went unreported.
   */
  rebound(name: string): void {
    if (!this.consulted.has(name)) return;
    for (const directive of this.scoped) {
      this.lengths.delete(directive);
      this.nestings.delete(directive);
    }
    this.scoped.clear();
    this.consulted.clear();
  }

  /** `scope` is the definitions visible just below `directive`: a value is sized as it expands there. */
  lengthOf(directive: Directive, scope: Scope): number {
    if (this.reported.has(directive)) return REPORTED;
    const known = this.lengths.get(directive);
    if (known !== undefined) {
      if (this.scoped.has(directive)) this.dependent = true;
      return known;
    }
    const at = this.visiting.indexOf(directive);
    if (at >= 0) {
      this.cycles.push(this.visiting.slice(at));
      return CYCLE;
    }
    // As many variables open as replay follows, and one more reference to follow: a use of the outermost is refused,
    // and the walk goes no deeper (thousands of chained variables would overflow the stack).
    if (this.visiting.length >= MAX_EXPANSION_DEPTH) {
      this.cut = true;
      return TOO_DEEP;
    }
    const [outerCut, outerDependent] = [this.cut, this.dependent];
    this.cut = false;
    this.dependent = false;
    this.visiting.push(directive);
    const size = this.textSize(directive.value.text, scope);
    this.visiting.pop();
    const nesting = size.nesting < 0 ? 0 : size.nesting + 1;
    const length = size.length >= 0 && nesting >= MAX_EXPANSION_DEPTH ? TOO_DEEP : size.length;
    if (!this.cut || this.visiting.length === 0) {
      this.lengths.set(directive, length);
      this.nestings.set(directive, nesting);
      if (this.dependent) this.scoped.add(directive);
    }
    this.cut ||= outerCut;
    this.dependent ||= outerDependent;
    return length;
  }

  private textSize(text: string, scope: Scope): TextSize {
    if (!text.includes('{')) return { length: text.length, nesting: -1 };
    const { references } = scanReferences(text, 0, 0);
    let total = 0;
    let nesting = references.length > 0 ? 0 : -1;
    let at = 0;
    for (const ref of references) {
      total += ref.range.start.character - at;
      at = ref.range.end.character;
      const size = ref.name.startsWith('$') ? this.builtinSize(ref.name.slice(1), ref.args, scope) : this.variableSize(ref.name, scope);
      if (size.length < 0) return size;
      total += size.length;
      nesting = Math.max(nesting, size.nesting);
    }
    return { length: Math.min(total + text.length - at, MAX_EXPANDED_CHARACTERS + 1), nesting };
  }

  /**
   * A line's length once substituted, from its parsed references (no scan of the text: lint sizes every line holding
   * one); REPORTED when a variable it uses passes the cap by itself (`variable-too-large` says so at the definition),
   * TOO_DEEP when one nests deeper than replay follows.
   */
  lineLength(payload: Payload, scope: Scope): number {
    let total = payload.text.length;
    this.tooDeepAt = undefined;
    for (const ref of payload.variables) {
      const { length } = ref.name.startsWith('$') ? this.builtinSize(ref.name.slice(1), ref.args, scope) : this.variableSize(ref.name, scope);
      if (length > MAX_EXPANDED_CHARACTERS && !ref.name.startsWith('$')) return REPORTED;
      if (length === TOO_DEEP) this.tooDeepAt = ref.name.startsWith('$') ? `${ref.name} ...` : ref.name;
      if (length < 0) return length;
      total += length - (ref.range.end.character - ref.range.start.character);
    }
    return total;
  }

  /** A reference to a variable: its value's size, and the variables its use holds open (itself and those below). */
  private variableSize(name: string, scope: Scope): TextSize {
    if (this.redefined.has(name)) {
      this.consulted.add(name);
      this.dependent = true;
    }
    const directive = scope(name);
    if (!directive) return { length: 0, nesting: 0 }; // undefined: variable-undefined says so
    const length = this.lengthOf(directive, scope);
    return { length, nesting: this.nestings.get(directive) ?? 0 };
  }

  /** A built-in holds no variable open: its arguments are resolved at the level it is used at. */
  private builtinSize(name: string, args: string, scope: Scope): TextSize {
    const builtin = builtinNamed(name);
    if (!builtin) return { length: 0, nesting: 0 };
    const sizes = (builtin.rawArguments ? [args] : splitArguments(args)).map((arg) => this.textSize(arg, scope));
    const unknown = sizes.find((size) => size.length < 0);
    if (unknown) return unknown;
    return { length: builtin.size(sizes.map((size) => size.length)), nesting: sizes.reduce((deepest, size) => Math.max(deepest, size.nesting), 0) };
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
  const sizes = new ExpansionSizes(redefinedNames(directives, inherited));
  // A value is sized as it expands just below its definition; a name defined only further down is taken as it is
  // finally defined, as a use there sees it (so `@a = {{b}}` above `@b = {{a}}` is the cycle replay finds).
  const visible = new Map<string, Directive>(inherited.map((d) => [d.name, d]));
  const final = new Map<string, Directive>([...inherited, ...directives].map((d) => [d.name, d]));
  const scope: Scope = (name) => visible.get(name) ?? final.get(name);
  for (const directive of directives) {
    const before = scope(directive.name);
    visible.set(directive.name, directive);
    if (before !== directive) sizes.rebound(directive.name);
    if (sizes.lengthOf(directive, scope) <= MAX_EXPANDED_CHARACTERS) continue;
    sizes.markReported(directive);
    reported.add(directive);
    findings.push({
      ruleId: ExpansionRules.variableTooLarge.id,
      range: directive.range,
      message: `\`${directive.name}\` expands to more than ${describeCap(MAX_EXPANDED_CHARACTERS)}, the cap on one line or variable: replay refuses the session before connecting (docs/transcript-format.md, "Expansion limits").`,
    });
  }
  const own = new Set(directives);
  for (const cycle of sizes.cycles) {
    // Reported at the block's first definition in the cycle: a session's redefinition can close a cycle through
    // file-level values that are sound for the file.
    const members = cycle.some((d) => own.has(d)) ? cycle.filter((d) => own.has(d)) : cycle;
    const first = members.reduce((a, b) => (b.range.start.line < a.range.start.line ? b : a));
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

/** The names a block defines more than once, counting the definitions it inherits. */
function redefinedNames(directives: readonly Directive[], inherited: readonly Directive[]): Set<string> {
  const seen = new Set(inherited.map((d) => d.name));
  const twice = new Set<string>();
  for (const directive of directives) {
    if (seen.has(directive.name)) twice.add(directive.name);
    seen.add(directive.name);
  }
  return twice;
}

/** Why replay would refuse a line: longer than the cap (`line-too-large`), or nesting too deep (`variable-too-deep`). */
export interface LineRefusal {
  tooDeep: boolean;
  message: string;
}

/**
 * What is wrong with a line replay would refuse (variableRules.ts walks the lines): each line holding a reference is
 * resolved (model/variables.ts), and one past the cap, or using a variable nested deeper than replay follows, is
 * refused. A line without a reference is sent as written. A variable's length is computed once for all the uses that
 * see the same definitions.
 */
export function lineSizer(transcript: Transcript, session: Session): (payload: Payload) => LineRefusal | undefined {
  // One sizer per scope (model/variables.ts shares one map per place a directive starts): a size computed with one
  // set of definitions does not hold below a redefinition.
  const sizers = new Map<ReadonlyMap<string, Directive>, ExpansionSizes>();
  return (payload) => {
    const written = payload.text.length;
    if (written > MAX_EXPANDED_CHARACTERS) return { tooDeep: false, message: `This line holds ${withThousands(written)} characters, more than ${CAP_NOTE}` };
    const visible = sharedDefinitionsAt(transcript, session, payload.line);
    let sizes = sizers.get(visible);
    if (!sizes) sizers.set(visible, (sizes = new ExpansionSizes()));
    const length = sizes.lineLength(payload, (name) => visible.get(name));
    if (length === TOO_DEEP) return { tooDeep: true, message: `\`{{${sizes.tooDeepAt}}}\` ${DEPTH_NOTE}` };
    return length > MAX_EXPANDED_CHARACTERS ? { tooDeep: false, message: `This line expands to more than ${CAP_NOTE}` } : undefined;
  };
}

const DEPTH_NOTE = `nests variables more than ${MAX_EXPANSION_DEPTH} deep (a value that uses a variable whose value uses another, and so on): replay follows no deeper, and refuses the session before connecting (docs/transcript-format.md, "Expansion limits").`;
const CAP_NOTE = `${describeCap(MAX_EXPANDED_CHARACTERS)}, the cap on one line or variable: replay refuses the session before connecting (docs/transcript-format.md, "Expansion limits").`;

export const expansionRules: RuleGroup = { rules: Object.values(ExpansionRules), check: checkExpansion };
