import { keptRange } from './keptRanges';
import type { ParseDiagnostic, Payload, Range, VariableReference } from './types';

const NAME = /\$?[A-Za-z_][\w.-]*/y;
/** Real transcripts nest two or three deep (`{{$plain {{user}} {{password}}}}`); deeper is a mistake. */
export const MAX_REFERENCE_DEPTH = 16;

export interface ScannedReferences {
  references: VariableReference[];
  problems: ParseDiagnostic[];
}

/** A `{{` not yet closed: where it starts, its name, where its arguments start and the references closed inside it. */
export interface OpenReference {
  start: number;
  name: string;
  nameStart: number;
  argsStart: number;
  nested: VariableReference[];
}

/**
 * Finds `{{name}}` and `{{$builtin args}}` references (built-in arguments may nest references). `\{{` is a literal.
 * One pass with an explicit stack: linear in the text, whatever the nesting, and never recursive.
 */
export function scanReferences(text: string, line: number, column: number): ScannedReferences {
  const problems: ParseDiagnostic[] = [];
  const references: VariableReference[] = [];
  const at = (start: number, end: number): Range => keptRange(line, column + start, column + end);
  const walked = walkReferences(text, 0, (ref, close, open) => {
    const closed = closeReference(ref, text, close, at, problems);
    if (closed) (open.length > 0 ? open[open.length - 1].nested : references).push(closed);
  });
  if (walked.tooDeepAt !== undefined) {
    problems.push({ range: at(walked.tooDeepAt, text.length), severity: 'error', code: 'invalid-reference', message: `References nest at most ${MAX_REFERENCE_DEPTH} deep.` });
  } else if (walked.open.length > 0) {
    problems.push({
      range: at(walked.open[0].start, text.length),
      severity: 'error',
      code: 'unterminated-reference',
      message: '`{{` is never closed: expected `}}` (write `\\{{` for literal braces).',
    });
  }
  return { references, problems };
}

/**
 * The references opened in `text` from `from` on and still open at its end, outermost first: where the cursor stands
 * while a reference is being written (signature help). Read as the parse reads them.
 */
export function openReferencesAt(text: string, from: number): OpenReference[] {
  return walkReferences(text, from, () => undefined).open;
}

/**
 * The walk both readings share: each `{{` opens a reference, each `}}` closes the innermost one open (`close` gets it,
 * and the ones still open around it). Stops where references nest deeper than MAX_REFERENCE_DEPTH.
 */
function walkReferences(
  text: string,
  from: number,
  close: (ref: OpenReference, at: number, open: readonly OpenReference[]) => void,
): { open: OpenReference[]; tooDeepAt?: number } {
  const open: OpenReference[] = [];
  let i = from;
  while (i < text.length - 1) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ && text.charCodeAt(i + 1) === 0x7b && (i === 0 || text[i - 1] !== '\\')) {
      if (open.length >= MAX_REFERENCE_DEPTH) return { open, tooDeepAt: i };
      let nameStart = i + 2;
      while (text[nameStart] === ' ') nameStart++;
      const name = referenceNameAt(text, nameStart);
      open.push({ start: i, name, nameStart, argsStart: nameStart + name.length, nested: [] });
      i = nameStart + name.length;
      continue;
    }
    if (c === 0x7d /* } */ && text.charCodeAt(i + 1) === 0x7d && open.length > 0) {
      close(open.pop()!, i, open);
      i += 2;
      continue;
    }
    i++;
  }
  return { open };
}

function closeReference(
  ref: OpenReference,
  text: string,
  close: number,
  at: (start: number, end: number) => Range,
  problems: ParseDiagnostic[],
): VariableReference | undefined {
  const args = text.slice(ref.argsStart, close).trim();
  if (!ref.name || (!ref.name.startsWith('$') && args !== '')) {
    problems.push({
      range: at(ref.start, close + 2),
      severity: 'error',
      code: 'invalid-reference',
      message: ref.name
        ? `\`{{${ref.name} ...}}\`: only built-ins (names starting with \`$\`) take arguments.`
        : 'Expected a variable name inside `{{ }}`, e.g. `{{user}}` or `{{$env SMTP_PASSWORD}}`.',
    });
    return undefined;
  }
  return {
    name: ref.name,
    args,
    range: at(ref.start, close + 2),
    nameRange: at(ref.nameStart, ref.nameStart + ref.name.length),
    nested: ref.nested,
  };
}

/** The variable or built-in name (`user`, `$plain`) starting at `at`, or '' when none does. */
function referenceNameAt(text: string, at: number): string {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0] ?? '';
}

// Most payloads hold no reference: they all share one empty list (frozen: nothing may add to it).
const NO_REFERENCES: VariableReference[] = Object.freeze([]) as unknown as VariableReference[];

/** Builds a payload for `text` found at `line`/`column`, collecting reference problems into `problems`. */
export function makePayload(text: string, line: number, column: number, problems: ParseDiagnostic[]): Payload {
  if (!text.includes('{{')) return { text, line, character: column, variables: NO_REFERENCES };
  const scanned = scanReferences(text, line, column);
  for (const problem of scanned.problems) problems.push(problem);
  return { text, line, character: column, variables: scanned.references };
}

/** Every reference in the payload, nested ones included, in document order (iterative: nesting is bounded anyway). */
export function allReferences(refs: VariableReference[]): VariableReference[] {
  const out: VariableReference[] = [];
  const stack = [...refs].reverse();
  while (stack.length > 0) {
    const ref = stack.pop()!;
    out.push(ref);
    for (let i = ref.nested.length - 1; i >= 0; i--) stack.push(ref.nested[i]);
  }
  return out;
}
