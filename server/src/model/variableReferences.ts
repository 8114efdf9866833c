import { range } from './ranges';
import type { ParseDiagnostic, Payload, VariableReference } from './types';

const NAME = /\$?[A-Za-z_][\w.-]*/y;

export interface ScannedReferences {
  references: VariableReference[];
  problems: ParseDiagnostic[];
}

/**
 * Finds `{{name}}` and `{{$builtin args}}` references (built-in arguments may nest references).
 * `\{{` is a literal. Linear in the text: every character is visited once.
 */
export function scanReferences(text: string, line: number, column: number): ScannedReferences {
  const problems: ParseDiagnostic[] = [];
  const references: VariableReference[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    if (open > 0 && text[open - 1] === '\\') {
      i = open + 2;
      continue;
    }
    const parsed = parseReference(text, open, line, column, problems);
    if (parsed.reference) references.push(parsed.reference);
    i = parsed.end;
  }
  return { references, problems };
}

function parseReference(
  text: string,
  open: number,
  line: number,
  column: number,
  problems: ParseDiagnostic[],
): { reference?: VariableReference; end: number } {
  let i = open + 2;
  while (text[i] === ' ') i++;
  NAME.lastIndex = i;
  const nameMatch = NAME.exec(text);
  const nested: VariableReference[] = [];
  const name = nameMatch?.[0] ?? '';
  const nameStart = i;
  i += name.length;
  const argsStart = i;
  let close = -1;
  for (; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{' && text[i - 1] !== '\\') {
      const inner = parseReference(text, i, line, column, problems);
      if (inner.reference) nested.push(inner.reference);
      i = inner.end - 1;
      continue;
    }
    if (text[i] === '}' && text[i + 1] === '}') {
      close = i;
      break;
    }
  }
  if (close < 0) {
    problems.push({
      range: range(line, column + open, column + text.length),
      severity: 'error',
      code: 'unterminated-reference',
      message: '`{{` is never closed: expected `}}` (write `\\{{` for literal braces).',
    });
    return { end: text.length };
  }
  if (!name || (!name.startsWith('$') && text.slice(argsStart, close).trim() !== '')) {
    problems.push({
      range: range(line, column + open, column + close + 2),
      severity: 'error',
      code: 'invalid-reference',
      message: name
        ? `\`{{${name} ...}}\`: only built-ins (names starting with \`$\`) take arguments.`
        : 'Expected a variable name inside `{{ }}`, e.g. `{{user}}` or `{{$env SMTP_PASSWORD}}`.',
    });
    return { end: close + 2 };
  }
  return {
    reference: {
      name,
      args: text.slice(argsStart, close).trim(),
      range: range(line, column + open, column + close + 2),
      nameRange: range(line, column + nameStart, column + nameStart + name.length),
      nested,
    },
    end: close + 2,
  };
}

/** Builds a payload for `text` found at `line`/`column`, collecting reference problems into `problems`. */
export function makePayload(text: string, line: number, column: number, problems: ParseDiagnostic[]): Payload {
  const scanned = text.includes('{{') ? scanReferences(text, line, column) : { references: [], problems: [] };
  problems.push(...scanned.problems);
  return { text, range: range(line, column, column + text.length), variables: scanned.references };
}

/** Every reference in the payload, nested ones included, in document order. */
export function allReferences(refs: VariableReference[]): VariableReference[] {
  return refs.flatMap((r) => [r, ...allReferences(r.nested)]);
}
