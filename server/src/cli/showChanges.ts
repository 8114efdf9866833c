// What `--update` changes, as a unified diff (jsdiff) with a few lines of context. The diff is for reading only:
// AUTH payloads and responses and the values of secret directives (`@password`) are masked in it, while the file
// written keeps every line as it was.
import { verbOpens } from '../dialogue/dialogueState';
import { createTwoFilesPatch } from 'diff';
import { visibleText } from '../report/visibleText';
import { parseTranscript } from '../model/parseTranscript';
import { splitLines } from '../model/ranges';
import { isSecretName, MASK, maskSecrets } from '../model/secrets';
import type { Range, Transcript } from '../model/types';
import { argumentRange as argumentRangeOf, payloadRange } from '../model/lineRanges';

export function showChanges(file: string, before: string, after: string): string {
  // Masks are chosen by line text from both versions: a line masked in one is masked in the other, even when a
  // changed reply makes the parse read it differently (a 334 that became 535).
  const masks = new Map([...maskedLines(parseTranscript(before)), ...maskedLines(parseTranscript(after))]);
  const secrets = [...literalSecrets(parseTranscript(before)), ...literalSecrets(parseTranscript(after))];
  const shown = (text: string) =>
    splitLines(text)
      // A server's escape sequences shown, not obeyed by the terminal (the file keeps none: volatileText.ts).
      .map((line) => visibleText(masks.get(line) ?? maskSecrets(line, secrets)))
      .join('\n');
  return createTwoFilesPatch(file, file, shown(before), shown(after), 'expected', 'from the server', { context: 2 }).trimEnd();
}

/** Line text -> the same line with its secret part masked. */
function maskedLines(transcript: Transcript): Map<string, string> {
  const masks = new Map<string, string>();
  const mask = (range: Range) => {
    const text = transcript.lines[range.start.line];
    if (range.end.character > range.start.character) masks.set(text, text.slice(0, range.start.character) + MASK + text.slice(range.end.character));
  };
  for (const directive of secretDirectives(transcript)) if (!isReference(directive.value.text)) mask(payloadRange(directive.value));
  for (const session of transcript.sessions) {
    for (const exchange of session.exchanges) {
      if (exchange.kind === 'auth-response') mask(payloadRange(exchange.line));
      if (exchange.kind !== 'command' || verbOpens(exchange.command.verb) !== 'auth-response') continue;
      // `AUTH PLAIN <initial response>`: the mechanism stays readable (RFC 4954 §4).
      const { argument } = exchange.command;
      const argumentRange = argumentRangeOf(exchange.command);
      const space = argument.indexOf(' ');
      if (space >= 0) mask({ start: { ...argumentRange.start, character: argumentRange.start.character + space + 1 }, end: argumentRange.end });
    }
  }
  return masks;
}

/** Secret values written literally (`@password = hunter2`), masked wherever they appear. */
function literalSecrets(transcript: Transcript): string[] {
  return secretDirectives(transcript)
    .map((d) => d.value.text.trim())
    .filter((value) => value.length > 0 && !value.includes('{{'));
}

function secretDirectives(transcript: Transcript) {
  return [...transcript.directives, ...transcript.sessions.flatMap((s) => s.directives)].filter((d) => isSecretName(d.name));
}

/** `{{$env SMTP_PASSWORD}}` or `{{password}}` names where the secret comes from and shows nothing of it. */
function isReference(value: string): boolean {
  return /^\s*\{\{\s*(\$env\s+)?[\w.-]+\s*\}\}\s*$/.test(value);
}
