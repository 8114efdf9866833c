// Signature help inside a built-in's reference: at `{{$plain user |` the editor shows `{{$plain user password}}` with
// `password` marked, as it does inside a function call's parentheses, so the order of a built-in's arguments (user
// first, password or token second) is in view while they are written, nested references included.
import type { Position, SignatureHelp } from 'vscode-languageserver-types';
import { argumentNames, builtinNamed, splitArguments, type BuiltinSpec } from '../model/builtins';
import { classifyLine } from '../model/classifyLine';
import type { Transcript } from '../model/types';
import { openReferencesAt } from '../model/variableReferences';
import { markdown } from './markdown';

/** How far back from the cursor an open `{{` is looked for, as completion does: references are short, lines may not be. */
const LOOK_BACK = 256;

/** The signature of the innermost built-in whose arguments the cursor stands in; null elsewhere (the LSP's "none"). */
export function getSignatureHelp(transcript: Transcript, position: Position): SignatureHelp | null {
  const lineText = transcript.lines[position.line] ?? '';
  const start = referencesStart(lineText);
  if (start === undefined || position.character < start || position.character > lineText.length) return null;
  const text = lineText.slice(0, position.character);
  const open = openReferencesAt(text, Math.max(start, position.character - LOOK_BACK));
  for (let i = open.length - 1; i >= 0; i--) {
    const { name, argsStart } = open[i];
    const spec = name.startsWith('$') ? builtinNamed(name.slice(1)) : undefined;
    // Before the blank that ends the name, the cursor is still on the name (completion's place, not ours).
    if (!spec || text[argsStart] !== ' ') continue;
    return help(spec, activeArgument(spec, text.slice(argsStart + 1)));
  }
  return null;
}

/** Where references may stand on the line: a `C:`/`S:` payload, a directive's value; undefined for other lines. */
function referencesStart(lineText: string): number | undefined {
  const line = classifyLine(lineText, 0);
  if (line.kind === 'client' || line.kind === 'server') return line.payloadStart;
  return line.kind === 'directive' ? line.valueStart : undefined;
}

/** Which argument `typed` (the arguments up to the cursor) is in, as replay splits them (`splitArguments`). */
function activeArgument(spec: BuiltinSpec, typed: string): number {
  // `{{$base64 text}}` takes its whole text, blanks included, as one argument.
  if (spec.rawArguments) return 0;
  // A character typed next either extends the argument the cursor is in or, after a blank, starts the next one.
  return splitArguments(`${typed}x`).length - 1;
}

function help(spec: BuiltinSpec, active: number): SignatureHelp {
  const label = spec.signature;
  let from = label.indexOf(' ') + 1;
  const parameters = argumentNames(spec).map((name) => {
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
