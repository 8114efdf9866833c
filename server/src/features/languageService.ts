// The editing features behind one facade, each `(document, transcript, position)` -> plain LSP data, the transcript
// parsed once per document version by the caller (cf. vscode-css-languageservice's cssLanguageService.ts).
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  SignatureHelp,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { Transcript } from '../model/types';
import type { ActiveEnvironment } from '../model/environments';
import { codeActionsFor, type CodeActionOptions } from './codeActions';
import { sessionCodeLenses } from './codeLenses';
import { getCompletions, type CompletionOptions } from './completion/getCompletions';
import { flatSymbols } from './flatSymbols';
import { plainTextHover } from './plainText';
import type { LintOptions } from './lint';
import { sessionIndexAt } from '../model/sessionAt';
import { validateInSteps, validateTranscript } from './validation';
import { getDocumentLinks } from './documentLinks';
import { readsWindowsPaths } from './writtenPaths';
import { getDocumentSymbols } from './documentSymbols';
import { inEditorPositions } from './editorPositions';
import { getFoldingRanges } from './foldingRanges';
import { getFormattingEdits } from './formatting';
import { getHover } from './hover/getHover';
import { getSemanticTokens, semanticTokenParts, type TokenPart } from './semanticTokens';
import { getDefinition, getDocumentHighlights, getReferences, getRenameEdits, prepareRename, type RenameResult } from './variableNavigation';
import { exchangePairHighlights } from './exchangePairs';
import { getSelectionRanges } from './selectionRanges';
import { getInlayHints } from './inlayHints';
import { getSignatureHelp } from './signatureHelp';

export { COMPLETION_TRIGGER_CHARACTERS } from './completion/getCompletions';
export type { RenameResult } from './variableNavigation';
export type { ActiveEnvironment } from '../model/environments';
export { SEMANTIC_TOKENS_LEGEND, TOKEN_MODIFIERS, TOKEN_TYPES } from './semanticTokenLegend';
export { joinTokenParts, type TokenPart } from './semanticTokens';

/** What the features need of a document besides its parse: its URI, for locations. A TextDocument fits. */
export interface TranscriptDocument {
  readonly uri: string;
}

export type { CodeActionOptions, DiagnosticData } from './codeActions';
export type { CompletionOptions } from './completion/getCompletions';
export type { FolderListing, ListFolder, WantedNames } from './completion/fileCompletions';
export { createLintCache, type LintCache, type LintOptions } from './lint';

export interface LanguageService {
  /** Lint and parse problems as diagnostics (with fixes, RFC links and whether they may be silenced). */
  validate(document: TranscriptDocument, transcript: Transcript, options: LintOptions): Diagnostic[];
  /**
   * `validate` a step at a time: each `next()` checks a session or makes a list of findings into diagnostics, and the
   * last returns the diagnostics. For a caller that answers requests between steps, or drops a lint gone stale.
   */
  validateInSteps(document: TranscriptDocument, transcript: Transcript, options: LintOptions): Generator<void, Diagnostic[], void>;
  /** Each diagnostic's fix from the document's current findings, and "disable for this line". */
  getCodeActions(document: TranscriptDocument, transcript: Transcript, diagnostics: Diagnostic[], options: CodeActionOptions): CodeAction[];
  /** "Replay" and "Update expectations" above each session (the commands are the VS Code client's). */
  getCodeLenses(document: TranscriptDocument, transcript: Transcript): CodeLens[];
  /** The session a position belongs to. */
  getSessionAt(transcript: Transcript, position: Position): number;
  getCompletions(document: TranscriptDocument, transcript: Transcript, position: Position, options?: CompletionOptions): CompletionList;
  /**
   * `environment`: the chosen environment of smtp-environments.json (its variables are shown where the file has none);
   * `format`: plain text for a client whose hover.contentFormat lacks Markdown.
   */
  getHover(document: TranscriptDocument, transcript: Transcript, position: Position, environment?: ActiveEnvironment, format?: MarkupKind): Hover | null;
  getSemanticTokens(document: TranscriptDocument, transcript: Transcript, range?: Range): SemanticTokens;
  /** The whole document's tokens as runs kept per session, for answers that send only what changed. */
  getSemanticTokenParts(document: TranscriptDocument, transcript: Transcript): TokenPart[];
  getDocumentSymbols(document: TranscriptDocument, transcript: Transcript): DocumentSymbol[];
  /** The outline as a flat list, for a client without hierarchicalDocumentSymbolSupport. */
  getSymbolInformation(document: TranscriptDocument, transcript: Transcript): SymbolInformation[];
  getFoldingRanges(document: TranscriptDocument, transcript: Transcript): FoldingRange[];
  /** The files the transcript names (`< path` includes, `@ca`, `@dkim-key`), relative to the document. */
  getDocumentLinks(document: TranscriptDocument, transcript: Transcript): DocumentLink[];
  /** The whole document, or the lines `range` touches. */
  getFormattingEdits(document: TranscriptDocument, transcript: Transcript, range?: Range): TextEdit[];
  getDefinition(document: TranscriptDocument, transcript: Transcript, position: Position): Location | null;
  getReferences(document: TranscriptDocument, transcript: Transcript, position: Position, includeDeclaration: boolean): Location[];
  getDocumentHighlights(document: TranscriptDocument, transcript: Transcript, position: Position): DocumentHighlight[];
  /** For each position, the ranges an expanding selection goes through, innermost first. */
  getSelectionRanges(document: TranscriptDocument, transcript: Transcript, positions: readonly Position[]): SelectionRange[];
  /** What the lines in `range` mean beyond their text: a pipelined reply's command, AUTH's base64 decoded. */
  getInlayHints(document: TranscriptDocument, transcript: Transcript, range: Range): InlayHint[];
  /** Inside a built-in's arguments (`{{$plain user |`): its signature, the argument being written marked. */
  getSignatureHelp(document: TranscriptDocument, transcript: Transcript, position: Position): SignatureHelp | null;
  /** The name to rename, or null where renaming is not possible (not a variable, a replay setting, a built-in). */
  prepareRename(document: TranscriptDocument, transcript: Transcript, position: Position): Range | null;
  /** The edits, or why the new name is refused (taken, invalid, a setting's); null where `prepareRename` says no. */
  getRenameEdits(document: TranscriptDocument, transcript: Transcript, position: Position, newName: string): RenameResult | null;
}

/** The features, answering in the editor's positions (editorPositions.ts). */
export function getLanguageService(): LanguageService {
  return inEditorPositions(inTranscriptPositions());
}

/** The features in the transcript's positions: the editor's, but for a text that starts with a byte order mark. */
function inTranscriptPositions(): LanguageService {
  return {
    validate: (_document, transcript, options) => validateTranscript(transcript, options),
    validateInSteps: (_document, transcript, options) => validateInSteps(transcript, options),
    getCodeActions: (document, transcript, diagnostics, options) => codeActionsFor(document.uri, diagnostics, options, transcript.lines),
    getCodeLenses: (document, transcript) => sessionCodeLenses(document.uri, transcript),
    getSessionAt: (transcript, position) => sessionIndexAt(transcript, position.line),
    // A path typed on a Windows document splits at `\` too, as its links read it (writtenPaths.ts).
    getCompletions: (document, transcript, position, options) => getCompletions(transcript, position, { windowsPaths: readsWindowsPaths(document.uri), ...options }),
    getHover: (_document, transcript, position, environment, format = MarkupKind.Markdown) => {
      const hover = getHover(transcript, position, environment) ?? null;
      return hover && format === MarkupKind.PlainText ? plainTextHover(hover) : hover;
    },
    getSemanticTokens: (_document, transcript, range) => getSemanticTokens(transcript, range),
    getSemanticTokenParts: (_document, transcript) => semanticTokenParts(transcript),
    getDocumentSymbols: (_document, transcript) => getDocumentSymbols(transcript),
    getSymbolInformation: (document, transcript) => flatSymbols(document.uri, getDocumentSymbols(transcript)),
    getFoldingRanges: (_document, transcript) => getFoldingRanges(transcript),
    getDocumentLinks: (document, transcript) => getDocumentLinks(transcript, document.uri),
    getFormattingEdits: (_document, transcript, range) => getFormattingEdits(transcript, range),
    getDefinition: (document, transcript, position) => getDefinition(document.uri, transcript, position) ?? null,
    getReferences: (document, transcript, position, includeDeclaration) => getReferences(document.uri, transcript, position, includeDeclaration),
    getDocumentHighlights: (_document, transcript, position) => {
      // A variable's occurrences; elsewhere the client line and the reply answering it, when the cursor is on either.
      const variable = getDocumentHighlights(transcript, position);
      return variable.length > 0 ? variable : exchangePairHighlights(transcript, position);
    },
    getSelectionRanges: (_document, transcript, positions) => getSelectionRanges(transcript, positions),
    getInlayHints: (document, transcript, range) => getInlayHints(document.uri, transcript, range),
    getSignatureHelp: (_document, transcript, position) => getSignatureHelp(transcript, position),
    prepareRename: (_document, transcript, position) => prepareRename(transcript, position) ?? null,
    getRenameEdits: (document, transcript, position, newName) => getRenameEdits(document.uri, transcript, position, newName) ?? null,
  };
}
