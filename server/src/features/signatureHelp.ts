// Signature help inside a built-in's reference: at `{{$plain user |` the editor shows `{{$plain user password}}` with
// `password` marked, as it does inside a function call's parentheses, so the order of a built-in's arguments (user
// first, password or token second) is in view while they are written, nested references included.
import type { Position, SignatureHelp } from 'vscode-languageserver-types';
import { builtinNamed, type BuiltinSpec } from '../model/builtins';
import { classifyLine } from '../model/classifyLine';
import type { Transcript } from '../model/types';
import { referenceNameAt } from '../model/variableReferences';
import { markdown } from './markdown';

/** How far back from the cursor an open `{{` is looked for, as completion does: references are short, lines may not be. */
const LOOK_BACK = 256;

interface OpenReference {
  name: string;
  /** Where its arguments start: after the name and the blank that ends it; undefined while the name is being written. */
  argumentsStart?: number;
}

/** The signature of the innermost built-in whose arguments the cursor stands in; null elsewhere (the LSP's "none"). */
export function getSignatureHelp(transcript: Transcript, position: Position): SignatureHelp | null {
  const lineText = transcript.lines[position.line] ?? '';
  const start = referencesStart(lineText);
  if (start === undefined || position.character < start || position.character > lineText.length) return null;
  const text = lineText.slice(0, position.character);
  const open = openReferences(text, Math.max(start, position.character - LOOK_BACK));
  for (let i = open.length - 1; i >= 0; i--) {
    const reference = open[i];
    const spec = reference.name.startsWith('$') ? builtinNamed(reference.name.slice(1)) : undefined;
    if (reference.argumentsStart === undefined || !spec) continue;
    return help(spec, activeArgument(spec, text.slice(reference.argumentsStart)));
  }
  return null;
}

/** Where references may stand on the line: a `C:`/`S:` payload, a directive's value; undefined for other lines. */
function referencesStart(lineText: string): number | undefined {
  const line = classifyLine(lineText, 0);
  if (line.kind === 'client' || line.kind === 'server') return line.payloadStart;
  return line.kind === 'directive' ? line.valueStart : undefined;
}

/** The references opened from `from` on and still open at the end of `text`, outermost first (`\{{` is a literal). */
function openReferences(text: string, from: number): OpenReference[] {
  const open: OpenReference[] = [];
  let i = from;
  while (i < text.length - 1) {
    if (text.startsWith('{{', i) && (i === 0 || text[i - 1] !== '\\')) {
      let nameStart = i + 2;
      while (text[nameStart] === ' ') nameStart++;
      const name = referenceNameAt(text, nameStart);
      const nameEnd = nameStart + name.length;
      // The name ends at a blank: before one, the cursor is still on the name (completion's place, not ours).
      open.push({ name, argumentsStart: text[nameEnd] === ' ' ? nameEnd + 1 : undefined });
      i = Math.max(nameEnd, i + 2);
      continue;
    }
    if (text.startsWith('}}', i) && open.length > 0) {
      open.pop();
      i += 2;
      continue;
    }
    i++;
  }
  return open;
}

/** Which argument `typed` (the arguments up to the cursor) is in: blanks outside nested references separate them. */
function activeArgument(spec: BuiltinSpec, typed: string): number {
  // `{{$base64 text}}` takes its whole text, blanks included, as one argument.
  if (spec.rawArguments) return 0;
  let argument = 0;
  let depth = 0;
  let inArgument = false;
  for (let i = 0; i < typed.length; i++) {
    if (typed.startsWith('{{', i)) depth++;
    else if (typed.startsWith('}}', i) && depth > 0) depth--;
    if (typed[i] === ' ' && depth === 0) {
      if (inArgument) argument++;
      inArgument = false;
    } else inArgument = true;
  }
  return argument;
}

function help(spec: BuiltinSpec, active: number): SignatureHelp {
  const label = spec.signature;
  const names = label.slice(2, -2).split(' ').slice(1);
  let from = label.indexOf(' ') + 1;
  const parameters = names.map((name) => {
    const at = label.indexOf(name, from);
    from = at + name.length;
    return { label: [at, at + name.length] as [number, number] };
  });
  const usage = spec.arity ? `Takes ${spec.arity.usage}.` : undefined;
  return {
    signatures: [{ label, documentation: markdown(spec.summary, usage), parameters }],
    activeSignature: 0,
    // Past the last argument (one too many), no argument is marked; lint reports the count.
    activeParameter: active,
  };
}
