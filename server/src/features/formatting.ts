// Formatting: upper-case verbs, `C: `/`S: ` prefixes with one space, `@name = value`, `### name`, `< path`, and no
// trailing spaces where they carry no meaning. What is sent never changes beyond the verb's case: command and
// content payloads keep every character, and expectation text keeps its trailing spaces under `@match = strict`.
import { TextEdit } from 'vscode-languageserver-types';
import { isBinaryTranscript } from '../model/binaryText';
import { classifyLine } from '../model/classifyLine';
import { shiftedRange } from '../model/ranges';
import type { Directive, Range, Session, Transcript } from '../model/types';
import { MATCH_SETTING } from '../settings/replaySettings';
import type { MatchMode } from '../settings/settingValues';
import { keptPerSession } from './keptPerSession';
import { indexTranscript } from './transcriptIndex';

const PLAIN_VERB = /^[A-Za-z][A-Za-z0-9-]*$/;

/** Edits that format the whole document, or only the lines `range` touches. */
export function getFormattingEdits(transcript: Transcript, range?: Range): TextEdit[] {
  // A file that is no text is not a transcript to tidy: its "lines" are fragments between newline bytes.
  if (isBinaryTranscript(transcript)) return [];
  const edits: TextEdit[] = [];
  const lines = transcript.lines;
  const inOrder = transcript.sessions.every((s, i) => i === 0 || s.range.start.line > transcript.sessions[i - 1].range.end.line);
  if (range || !inOrder) {
    formatLines(lines, range ? Math.max(0, range.start.line) : 0, Math.min(lines.length - 1, range ? range.end.line : Infinity), edits, indexedFacts(transcript));
    return edits;
  }
  // A session's lines are formatted once and their edits kept (keptPerSession.ts); the lines between sessions are
  // formatted every time. Comment lines inside a session's range stay with it.
  const fileMatch = fileLevelMatch(transcript);
  const outside = outsideSessions(fileMatch);
  const sessionEdits = keptSessionEdits[fileMatch === 'strict' ? 'strict' : 'other'];
  let next = 0;
  for (const session of transcript.sessions) {
    formatLines(lines, next, session.range.start.line - 1, edits, outside);
    for (const edit of sessionEdits(session, lines)) edits.push(edit);
    next = session.range.end.line + 1;
  }
  formatLines(lines, next, lines.length - 1, edits, outside);
  return edits;
}

function formatLines(lines: readonly string[], first: number, last: number, into: TextEdit[], at: LineFacts): void {
  for (let line = first; line <= last; line++) {
    const text = lines[line];
    const formatted = formatLine(text, line, at);
    if (formatted !== text) into.push(TextEdit.replace({ start: { line, character: 0 }, end: { line, character: text.length } }, formatted));
  }
}

/**
 * A session's edits, kept across edits (one that only moved keeps them, moved along). They read the file-level
 * `@match` only where the session sets none, and only whether it is `strict`: one keeper for each.
 */
const keptSessionEdits = {
  strict: keptSessionEditsUnder('strict'),
  other: keptSessionEditsUnder(undefined),
};

function keptSessionEditsUnder(fileMatch: 'strict' | undefined): (session: Session, lines: readonly string[]) => readonly TextEdit[] {
  const make = (session: Session, lines: readonly string[]): TextEdit[] => {
    const made: TextEdit[] = [];
    formatLines(lines, session.range.start.line, session.range.end.line, made, sessionFacts(session, fileMatch));
    return made;
  };
  return keptPerSession(make, (edits: readonly TextEdit[], by) => edits.map((e) => ({ ...e, range: shiftedRange(e.range, by) })));
}

/** What formatting a line needs to know of the model: whether it sends a command, and whether `@match = strict` holds. */
interface LineFacts {
  isCommand(line: number): boolean;
  isStrict(line: number): boolean;
}

/**
 * The facts inside one session, from its exchanges and directives alone: a whole document's line index is not built
 * for them (it was most of what the first formatting of a large file cost).
 */
function sessionFacts(session: Session, fileMatch: MatchMode | undefined): LineFacts {
  const commandLines = new Set<number>();
  for (const exchange of session.exchanges) if (exchange.kind === 'command' || exchange.kind === 'bdat') commandLines.add(exchange.command.line.line);
  const matches = session.directives.filter((d) => d.name === 'match');
  return {
    isCommand: (line) => commandLines.has(line),
    isStrict: (line) => {
      const directive = lastBefore(matches, line);
      return (directive ? matchMode(directive) : fileMatch) === 'strict';
    },
  };
}

/** Lines between sessions hold no exchange: no command to upper-case, and the file's `@match` in force. */
function outsideSessions(fileMatch: MatchMode | undefined): LineFacts {
  return { isCommand: () => false, isStrict: () => fileMatch === 'strict' };
}

/** The facts of any line, from the session the line index finds it in: for a range, or sessions out of line order. */
function indexedFacts(transcript: Transcript): LineFacts {
  const index = indexTranscript(transcript);
  const fileMatch = fileLevelMatch(transcript);
  const outside = outsideSessions(fileMatch);
  const bySession = new Map<Session, LineFacts>();
  const factsAt = (line: number): LineFacts => {
    const session = index.sessionAt(line);
    if (!session) return outside;
    let facts = bySession.get(session);
    if (!facts) bySession.set(session, (facts = sessionFacts(session, fileMatch)));
    return facts;
  };
  return { isCommand: (line) => factsAt(line).isCommand(line), isStrict: (line) => factsAt(line).isStrict(line) };
}

function formatLine(text: string, line: number, at: LineFacts): string {
  const classified = classifyLine(text, line);
  switch (classified.kind) {
    case 'blank':
      return '';
    case 'comment':
      return text.trimEnd();
    case 'separator':
      return classified.name ? `### ${classified.name}` : '###';
    case 'directive':
      return classified.value ? `@${classified.name} = ${classified.value}` : `@${classified.name} =`;
    case 'include': {
      // A MIME include keeps its mode and media type: `< part text/html ./body.html`.
      const mime = classified.mime ? `${classified.mime.mode} ${classified.mime.contentType ? `${classified.mime.contentType} ` : ''}` : '';
      return `< ${mime}${classified.path}`;
    }
    case 'client': {
      let payload = classified.payload;
      if (at.isCommand(line)) {
        const verbEnd = payload.indexOf(' ') < 0 ? payload.length : payload.indexOf(' ');
        const verb = payload.slice(0, verbEnd);
        if (PLAIN_VERB.test(verb)) payload = verb.toUpperCase() + payload.slice(verbEnd);
      }
      return payload ? `C: ${payload}` : 'C:';
    }
    case 'server': {
      // RFC 5321 §4.2: trailing spaces are part of the reply text, which only `@match = strict` compares.
      const payload = at.isStrict(line) ? classified.payload : classified.payload.trimEnd();
      return payload ? `S: ${payload}` : 'S:';
    }
    case 'bad-directive':
    case 'unknown':
      return text;
  }
}

function fileLevelMatch(transcript: Transcript): MatchMode | undefined {
  const directives = transcript.directives.filter((d) => d.name === 'match');
  const last = directives[directives.length - 1];
  return last ? matchMode(last) : undefined;
}

/** The mode as replay reads it (`@match = STRICT` is strict); undefined for a value replay refuses. */
function matchMode(directive: Directive): MatchMode | undefined {
  return MATCH_SETTING.parse(directive.value.text);
}

/** Binary search over directives in line order. */
function lastBefore(directives: Directive[], line: number): Directive | undefined {
  let low = 0;
  let high = directives.length - 1;
  let found: Directive | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (directives[middle].range.start.line < line) {
      found = directives[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
