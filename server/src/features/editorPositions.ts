// The features work in the transcript's positions; an editor's are in its own text. The two differ on line 0 of a
// text that starts with a byte order mark: the parse drops the mark (model/parseTranscript.ts), the editor's text
// holds it as one UTF-16 code unit at character 0 (LSP 3.17 "Position"). Here, and only here, positions an editor
// sends are moved back past it and the ones it is sent moved forward, so that an edit of line 0 keeps the mark.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Transcript } from '../model/types';
import type { LanguageService, TokenPart } from './languageService';

/** `service` answering in the editor's positions; a transcript whose text had no mark passes straight through. */
export function inEditorPositions(service: LanguageService): LanguageService {
  return {
    validate: (document, transcript, options) => toEditor(transcript, service.validate(document, transcript, options)),
    validateInSteps: function* (document, transcript, options) {
      return toEditor(transcript, yield* service.validateInSteps(document, transcript, options));
    },
    getCodeActions: (document, transcript, diagnostics, options) => {
      if (!transcript.byteOrderMark) return service.getCodeActions(document, transcript, diagnostics, options);
      const current = { ...options.current, diagnostics: toTranscript(transcript, options.current.diagnostics) };
      const lineText = (line: number) => (line === 0 ? options.lineText(0).slice(1) : options.lineText(line));
      return toEditor(transcript, service.getCodeActions(document, transcript, toTranscript(transcript, diagnostics), { ...options, current, lineText }));
    },
    getCodeLenses: (document, transcript) => toEditor(transcript, service.getCodeLenses(document, transcript)),
    getSessionAt: (transcript, position) => service.getSessionAt(transcript, position),
    getCompletions: (document, transcript, position, options) =>
      toEditor(transcript, service.getCompletions(document, transcript, toTranscript(transcript, position), options)),
    getHover: (document, transcript, position, environment, format) =>
      toEditor(transcript, service.getHover(document, transcript, toTranscript(transcript, position), environment, format)),
    getSemanticTokens: (document, transcript, range) => {
      const tokens = service.getSemanticTokens(document, transcript, range && toTranscript(transcript, range));
      return transcript.byteOrderMark ? { ...tokens, data: firstTokenMoved(tokens.data) } : tokens;
    },
    getSemanticTokenParts: (document, transcript) => {
      const parts = service.getSemanticTokenParts(document, transcript);
      return transcript.byteOrderMark && parts.length > 0 ? [firstPartMoved(parts[0]), ...parts.slice(1)] : parts;
    },
    getDocumentSymbols: (document, transcript) => toEditor(transcript, service.getDocumentSymbols(document, transcript)),
    getSymbolInformation: (document, transcript) => toEditor(transcript, service.getSymbolInformation(document, transcript)),
    // Folding ranges name lines alone.
    getFoldingRanges: (document, transcript) => service.getFoldingRanges(document, transcript),
    getDocumentLinks: (document, transcript) => toEditor(transcript, service.getDocumentLinks(document, transcript)),
    getFormattingEdits: (document, transcript, range) => toEditor(transcript, service.getFormattingEdits(document, transcript, range && toTranscript(transcript, range))),
    getDefinition: (document, transcript, position) => toEditor(transcript, service.getDefinition(document, transcript, toTranscript(transcript, position))),
    getReferences: (document, transcript, position, includeDeclaration) =>
      toEditor(transcript, service.getReferences(document, transcript, toTranscript(transcript, position), includeDeclaration)),
    getDocumentHighlights: (document, transcript, position) => toEditor(transcript, service.getDocumentHighlights(document, transcript, toTranscript(transcript, position))),
    getSelectionRanges: (document, transcript, positions) => toEditor(transcript, service.getSelectionRanges(document, transcript, toTranscript(transcript, positions))),
    getInlayHints: (document, transcript, range) => toEditor(transcript, service.getInlayHints(document, transcript, toTranscript(transcript, range))),
    // Its offsets are into the signature's label, not the document: nothing to move.
    getSignatureHelp: (document, transcript, position) => service.getSignatureHelp(document, transcript, toTranscript(transcript, position)),
    prepareRename: (document, transcript, position) => toEditor(transcript, service.prepareRename(document, transcript, toTranscript(transcript, position))),
    getRenameEdits: (document, transcript, position, newName) =>
      toEditor(transcript, service.getRenameEdits(document, transcript, toTranscript(transcript, position), newName)),
  };
}

/** An editor's position (or range, or diagnostics) in the transcript's: on line 0 one character back, the mark itself at 0. */
function toTranscript<T extends Position | Range | readonly object[]>(transcript: Transcript, value: T): T {
  return transcript.byteOrderMark ? movedOnLineZero(value, -1) : value;
}

/** Plain LSP data (ranges, edits, diagnostics with their fixes) in the editor's positions: on line 0 one character on. */
function toEditor<T>(transcript: Transcript, value: T): T {
  return transcript.byteOrderMark ? movedOnLineZero(value, 1) : value;
}

/** A copy of `value` with every position on line 0 moved `by` characters (never before 0); other values shared. */
function movedOnLineZero<T>(value: T, by: number): T {
  if (Array.isArray(value)) return value.map((item: unknown) => movedOnLineZero(item, by)) as T;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  if (record.line === 0 && typeof record.character === 'number') return { ...record, character: Math.max(0, record.character + by) } as T;
  const moved: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) moved[key] = movedOnLineZero(item, by);
  return moved as T;
}

/**
 * Tokens in the standard relative encoding: only the first token's start is counted from the line's start, and only
 * when it is on line 0 (a delta of 0 lines) does the mark come before it.
 */
function firstTokenMoved(data: number[]): number[] {
  if (data.length === 0 || data[0] !== 0) return data;
  const moved = [...data];
  moved[1]++;
  return moved;
}

// The moved copy of a run, kept with it: the runs an editor was sent are told apart by identity (semanticTokenDeltas.ts).
const movedRuns = new WeakMap<readonly number[], readonly number[]>();

function firstPartMoved(part: TokenPart): TokenPart {
  if (part.firstDelta !== 0) return part;
  let data = movedRuns.get(part.data);
  if (!data) {
    const moved = [...part.data];
    moved[1]++;
    movedRuns.set(part.data, (data = moved));
  }
  return { ...part, data };
}
