// `S: <delay 2s>`, `S: <cut 10>`, `S: <reset>`: one of the scripted server's markers, read with the table in
// knowledge/serverFaults.ts. An unknown name or a bad argument is a parse problem at its line.
import { closestMatch } from '../knowledge/didYouMean';
import { lookupServerMarker, SERVER_MARKER_NAMES, splitServerMarker } from '../knowledge/serverFaults';
import { MAX_TIMER_MS, parseDuration } from '../settings/settingValues';
import type { ParseDiagnostic, ReplyLine, ServerMarker } from './types';
import { payloadRange, wholeLineRange } from './lineRanges';

/** The marker on an `S: <...>` line (not `<closed>`); undefined, with a problem reported, when it cannot be read. */
export function parseServerMarker(line: ReplyLine, problems: ParseDiagnostic[]): ServerMarker | undefined {
  const text = line.payload.text;
  const column = line.payload.character;
  const at = (start: number, end: number) => ({ start: { line: line.line, character: column + start }, end: { line: line.line, character: column + end } });
  const parts = splitServerMarker(text);
  const spec = parts && lookupServerMarker(parts.name.toLowerCase());
  if (!parts || !spec) {
    const suggestion = closestMatch(parts?.name.toLowerCase() ?? text.slice(1, -1), [...SERVER_MARKER_NAMES, 'closed']);
    problems.push({
      range: payloadRange(line.payload),
      severity: 'error',
      code: 'server-marker-unknown',
      message: `\`${text}\` is not a server marker: write \`<closed>\`, ${SERVER_MARKER_NAMES.map((n) => `\`<${n}>\``).join(', ')}${suggestion ? ` (did you mean \`<${suggestion}>\`?)` : ''}.`,
    });
    return undefined;
  }
  const marker: ServerMarker = { name: spec.name, line: line.line, range: wholeLineRange(line), nameRange: at(parts.nameStart, parts.nameStart + parts.name.length) };
  const problem = (message: string): undefined => {
    problems.push({ range: marker.argument?.range ?? marker.nameRange, severity: 'error', code: 'server-marker-argument', message });
    return undefined;
  };
  if (parts.argument !== undefined) {
    const start = parts.argumentStart!;
    marker.argument = { text: parts.argument, range: at(start, start + parts.argument.length) };
  }
  if (spec.argument === undefined) {
    return parts.argument === undefined ? marker : problem(`\`<${spec.name}>\` takes no argument.`);
  }
  if (parts.argument === undefined) return problem(`\`${spec.syntax}\` needs its argument: ${spec.argument === 'duration' ? 'a duration such as `500ms`, `2s` or `1m`' : 'a number of octets'}.`);
  const value = spec.argument === 'duration' ? parseDuration(parts.argument) : /^\d{1,9}$/.test(parts.argument) ? Number(parts.argument) : undefined;
  if (value === undefined) {
    return problem(spec.argument === 'duration' ? `\`${parts.argument}\` is not a duration: write \`500ms\`, \`2s\` or \`1m\`.` : `\`${parts.argument}\` is not a number of octets.`);
  }
  // A Node timer waits at most 2^31-1 ms; a longer one would fire at once.
  if (spec.argument === 'duration' && value > MAX_TIMER_MS) return problem(`\`${parts.argument}\` is longer than a timer can wait (about 24 days).`);
  marker.value = value;
  return marker;
}
