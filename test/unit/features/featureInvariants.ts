// Runs the parser and every editing feature on a text and checks what must hold for any input: nothing throws,
// every range lies inside the document, tokens are ordered and in bounds, formatting keeps what is sent and is
// idempotent.
import assert from 'node:assert/strict';
import type { DocumentSymbol, Position, Range, SelectionRange, SignatureHelp } from 'vscode-languageserver-types';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { classifyLine } from '../../../server/src/model/classifyLine';
import { getLanguageService, SEMANTIC_TOKENS_LEGEND } from '../../../server/src/features/languageService';
import { applyEdits } from '../../support/edits';

const service = getLanguageService();
const DOCUMENT = { uri: 'file:///fuzz.smtp' };

export interface CheckOptions {
  /** Run completion, hover and navigation at every offset (small documents only). */
  everyOffset: boolean;
}

export function checkAllFeatures(text: string, options: CheckOptions): void {
  const transcript = parseTranscript(text);
  const inDocument = rangeChecker(transcript);
  checkTokens(transcript);
  checkSymbols(service.getDocumentSymbols(DOCUMENT, transcript), inDocument);
  for (const fold of service.getFoldingRanges(DOCUMENT, transcript)) {
    assert.ok(fold.startLine < fold.endLine && fold.endLine < transcript.lines.length, `folding ${JSON.stringify(fold)}`);
  }
  checkFormatting(text, transcript, inDocument);
  checkInlayHints(transcript, inDocument);
  const positions = options.everyOffset ? everyPosition(transcript) : samplePositions(transcript);
  for (const position of positions) {
    for (const item of service.getCompletions(DOCUMENT, transcript, position).items) {
      assert.ok(item.label.length > 0, 'empty completion label');
      const edit = item.textEdit;
      if (edit && 'range' in edit) {
        inDocument(edit.range, `completion ${item.label}`);
        assert.equal(edit.range.start.line, position.line, 'completion edits the cursor line');
      }
    }
    const hover = service.getHover(DOCUMENT, transcript, position);
    if (hover?.range) inDocument(hover.range, 'hover');
    service.getDefinition(DOCUMENT, transcript, position);
    for (const location of service.getReferences(DOCUMENT, transcript, position, true)) inDocument(location.range, 'reference');
    for (const highlight of service.getDocumentHighlights(DOCUMENT, transcript, position)) inDocument(highlight.range, 'highlight');
    const rename = service.prepareRename(DOCUMENT, transcript, position);
    if (rename) inDocument(rename, 'rename');
    checkSelectionChain(service.getSelectionRanges(DOCUMENT, transcript, [position]), position, inDocument);
    checkSignatureHelp(service.getSignatureHelp(DOCUMENT, transcript, position));
  }
}

/** A signature, when there is one, whose parameters are ranges of its label, in order and apart. */
function checkSignatureHelp(help: SignatureHelp | null): void {
  if (!help) return;
  assert.equal(help.signatures.length, 1, 'one signature');
  const { label, parameters = [] } = help.signatures[0];
  let end = 0;
  for (const parameter of parameters) {
    assert.ok(Array.isArray(parameter.label), 'a parameter is a range of the label');
    const [from, to] = parameter.label;
    assert.ok(from >= end && to > from && to <= label.length, `parameter [${from}, ${to}] of ${label}`);
    end = to;
  }
  assert.ok((help.activeParameter ?? 0) >= 0, 'an argument index');
}

/** One chain for the position, from a range holding it outwards, each parent holding its child and larger (LSP 3.15). */
function checkSelectionChain(chains: SelectionRange[], position: Position, inDocument: (range: Range, what: string) => void): void {
  assert.equal(chains.length, 1, 'a selection chain per position');
  assert.ok(holds(chains[0].range, { start: position, end: position }), `selection ${JSON.stringify(chains[0].range)} misses ${JSON.stringify(position)}`);
  for (let r: SelectionRange | undefined = chains[0]; r; r = r.parent) {
    inDocument(r.range, 'selection range');
    if (r.parent) assert.ok(holds(r.parent.range, r.range) && !holds(r.range, r.parent.range), `selection ${JSON.stringify(r.range)} in ${JSON.stringify(r.parent.range)}`);
  }
}

/** Hints stand at a line's end, say something, link only into the document, and never show what is masked. */
function checkInlayHints(transcript: Transcript, inDocument: (range: Range, what: string) => void): void {
  const whole = { start: { line: 0, character: 0 }, end: { line: transcript.lines.length, character: 0 } };
  for (const hint of service.getInlayHints(DOCUMENT, transcript, whole)) {
    const { line, character } = hint.position;
    const text = transcript.lines[line] ?? '';
    assert.ok(character >= text.trimEnd().length && character <= text.length, `inlay hint at ${line}:${character}, not the line's end`);
    const parts = typeof hint.label === 'string' ? [{ value: hint.label }] : hint.label;
    assert.ok(parts.map((part) => part.value).join('').length > 0, 'empty inlay hint');
    for (const part of parts) if ('location' in part && part.location) inDocument(part.location.range, 'inlay hint link');
  }
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
const holds = (outer: Range, inner: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);

function rangeChecker(transcript: Transcript): (range: Range, what: string) => void {
  return (range, what) => {
    const { start, end } = range;
    const ok =
      start.line >= 0 &&
      end.line < transcript.lines.length &&
      (start.line < end.line || (start.line === end.line && start.character <= end.character)) &&
      start.character >= 0 &&
      start.character <= transcript.lines[start.line].length &&
      end.character >= 0 &&
      end.character <= transcript.lines[end.line].length;
    assert.ok(ok, `${what}: ${JSON.stringify(range)} outside the document`);
  };
}

function checkTokens(transcript: Transcript): void {
  const data = service.getSemanticTokens(DOCUMENT, transcript).data;
  assert.equal(data.length % 5, 0);
  let line = 0;
  let start = 0;
  let end = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = data.slice(i, i + 5);
    assert.ok(deltaLine >= 0 && length > 0, 'tokens ordered, non-empty');
    if (deltaLine === 0) assert.ok(i === 0 || start + deltaStart >= end, 'tokens do not overlap');
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    end = start + length;
    assert.ok(line < transcript.lines.length && end <= transcript.lines[line].length, `token ${line}:${start}+${length} out of bounds`);
    assert.ok(type < SEMANTIC_TOKENS_LEGEND.tokenTypes.length && modifiers < 1 << SEMANTIC_TOKENS_LEGEND.tokenModifiers.length);
  }
}

function checkSymbols(symbols: DocumentSymbol[], inDocument: (range: Range, what: string) => void, parent?: Range): void {
  for (const symbol of symbols) {
    assert.ok(symbol.name.length > 0, 'symbol names are not empty');
    inDocument(symbol.range, `symbol ${symbol.name}`);
    assert.ok(contains(symbol.range, symbol.selectionRange), `selection inside ${symbol.name}`);
    if (parent) assert.ok(contains(parent, symbol.range), `${symbol.name} inside its parent`);
    checkSymbols(symbol.children ?? [], inDocument, symbol.range);
  }
}

function checkFormatting(text: string, transcript: Transcript, inDocument: (range: Range, what: string) => void): void {
  const edits = service.getFormattingEdits(DOCUMENT, transcript);
  for (const edit of edits) inDocument(edit.range, 'formatting edit');
  const formatted = applyEdits(text, edits);
  const after = parseTranscript(formatted);
  assert.equal(after.lines.length, transcript.lines.length, 'formatting keeps the line count');
  transcript.lines.forEach((line, i) => {
    const before = classifyLine(line, i);
    if (before.kind !== 'client') return;
    const now = classifyLine(after.lines[i], i);
    assert.equal(now.kind, 'client');
    if (now.kind !== 'client') return;
    // What is sent may change only in the case of the verb.
    const verbEnd = before.payload.indexOf(' ') < 0 ? before.payload.length : before.payload.indexOf(' ');
    assert.equal(now.payload.slice(verbEnd), before.payload.slice(verbEnd), `line ${i} payload kept`);
    assert.equal(now.payload.toUpperCase(), before.payload.toUpperCase(), `line ${i} verb only re-cased`);
  });
  assert.deepEqual(service.getFormattingEdits(DOCUMENT, after), [], 'formatting is idempotent');
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function everyPosition(transcript: Transcript): { line: number; character: number }[] {
  return transcript.lines.flatMap((text, line) => Array.from({ length: text.length + 1 }, (_, character) => ({ line, character })));
}

/** Start, middle and end of the first, middle and last lines. */
function samplePositions(transcript: Transcript): { line: number; character: number }[] {
  const count = transcript.lines.length;
  return [0, count >> 1, count - 1].flatMap((line) => {
    const length = transcript.lines[line].length;
    return [0, length >> 1, length].map((character) => ({ line, character }));
  });
}
