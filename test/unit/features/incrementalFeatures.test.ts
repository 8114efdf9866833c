// The editor's requests after an edit: tokens, outline, folding, formatting and the line index are kept per parsed
// session and joined per request, and must give what they give on a transcript parsed from scratch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getDocumentLinks } from '../../../server/src/features/documentLinks';
import { getDocumentSymbols } from '../../../server/src/features/documentSymbols';
import { getFoldingRanges } from '../../../server/src/features/foldingRanges';
import { getFormattingEdits } from '../../../server/src/features/formatting';
import { getSemanticTokens, joinTokenParts, semanticTokenParts } from '../../../server/src/features/semanticTokens';
import { indexTranscript } from '../../../server/src/features/transcriptIndex';
import { getDocumentHighlights, getRenameEdits } from '../../../server/src/features/variableNavigation';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { applyEdit, edit, multiSessionTranscript, type Edit } from '../model/transcriptEdits';
import { longBdatMessage, longMessage, longMimeMessage, mimeEdit, sessionEdit } from '../model/longSessionEdits';

const SEED = 20261203;
const URI = 'file:///work/edited.smtp';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };

/** What each request answers, with the line index read at every line (its kinds and the session each line is in). */
function answers(transcript: Transcript) {
  const index = indexTranscript(transcript);
  const lines = transcript.lines.map((_, line) => [index.at(line)?.kind, index.sessionAt(line)?.index]);
  return {
    tokens: getSemanticTokens(transcript).data,
    symbols: getDocumentSymbols(transcript),
    folding: getFoldingRanges(transcript),
    formatting: getFormattingEdits(transcript),
    links: getDocumentLinks(transcript, URI),
    occurrences: variableOccurrences(transcript),
    lines,
  };
}

/** For each `{{` written, the highlights and the rename edits of the variable it opens. */
function variableOccurrences(transcript: Transcript) {
  return transcript.lines.flatMap((text, line) =>
    [...text.matchAll(/\{\{ */g)].map((m) => {
      const position = { line, character: m.index + m[0].length };
      return [getDocumentHighlights(transcript, position), getRenameEdits(URI, transcript, position, 'renamed')];
    }),
  );
}

/**
 * After each edit in turn, with the previous parse: what a parse from scratch answers. With `asked`, the requests come
 * only after the edits it marks (and the last): the versions between are parsed, as other requests parse them.
 */
function sameAnswersAfterEdits(original: string, edits: readonly Edit[], asked?: readonly boolean[]): void {
  let text = original;
  let previous = parseTranscript(text);
  answers(previous);
  edits.forEach((e, i) => {
    text = applyEdit(text, e);
    const transcript = parseTranscript(text, previous);
    if (!asked || asked[i] || i === edits.length - 1) assert.deepStrictEqual(answers(transcript), answers(parseTranscript(text)));
    previous = transcript;
  });
}

/** After each edit in turn, with the previous parse: the tokens a parse from scratch gives. */
function sameTokensAfterEdits(original: string, edits: readonly ((text: string) => string)[]): void {
  let text = original;
  let previous = parseTranscript(text);
  answers(previous);
  for (const edited of edits) {
    text = edited(text);
    const transcript = parseTranscript(text, previous);
    assert.deepStrictEqual(getSemanticTokens(transcript).data, getSemanticTokens(parseTranscript(text)).data);
    previous = transcript;
  }
}

describe('features kept per session', () => {
  test('random edits to random multi-session transcripts: the same answers as on a parse from scratch', () => {
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(edit, { minLength: 1, maxLength: 6 }), (original, edits) => sameAnswersAfterEdits(original, edits)),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('random edit chains in one long MIME message (body tokens spliced after a letter typed): the same answers', () => {
    const chain = longMimeMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(chain, ([original, edits]) => sameAnswersAfterEdits(original, edits)),
      { seed: SEED, numRuns: 60 },
    );
  });

  test('random edit chains in one long MIME message sent by BDAT (its chunk edited in place): the same answers', () => {
    const chain = longBdatMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(chain, ([original, edits]) => sameAnswersAfterEdits(original, edits)),
      { seed: SEED, numRuns: 60 },
    );
  });

  test('random edit chains in a long message, DATA or BDAT, answered only after some edits: the same answers', () => {
    // The edits between two requests are composed (model/composedContentEdits.ts): the splice reads the run kept for
    // the version last asked about.
    const chain = fc.oneof(longMimeMessage, longBdatMessage).chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 2, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })));
    fc.assert(
      fc.property(chain, ([original, edits, asked]) => sameAnswersAfterEdits(original, edits, asked)),
      { seed: SEED, numRuns: 60 },
    );
  });

  test('lines typed and letters changed in a `BDAT *` chunk with MAIL and RCPT pipelined: the tokens a parse from scratch gives', () => {
    // The MAIL and RCPT are answered below the chunk: a line added moves their replies, and the tokens splice past them.
    const body = Array.from({ length: 600 }, (_, i) => `C: QUJD{{x}}REVG ${i}`);
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'C: BDAT * LAST', 'C: Subject: s', 'C:', ...body, 'S: 250 2.1.0 ok', 'S: 250 2.1.5 ok', 'S: 250 2.0.0 queued'];
    const at = (t: string) => t.indexOf('REVG 300') + 4;
    const edits = [(t: string) => t.slice(0, at(t)) + '\nC: ' + t.slice(at(t)), (t: string) => t.replace('REVG 100', 'REVG 1x0'), (t: string) => t.replace('\nC: 300', '300'), (t: string) => t.replace('C: Subject: s', 'C: Subject: st')];
    sameTokensAfterEdits(lines.join('\n'), edits);
  });

  test('a line typed in a long session and a letter in a message of a stretch it moves, tokens asked after both: that stretch is encoded again', () => {
    // The line notes the stretches below as moved copies; with no request between, the letter changes one of them in
    // place, and the run kept for it no longer fits (model/shiftedParse.ts counts in-place edits per stretch).
    const transaction = (i: number) => ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', `C: body ${i}`, 'C: .', 'S: 250 ok'];
    const text = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', ...Array.from({ length: 60 }, (_, i) => transaction(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');
    const lineAdded = { at: text.indexOf('C: body 2\n'), remove: 0, insert: 'C: more\n' };
    const typed = (t: string): Edit => ({ at: t.indexOf('C: body 40') + 3, remove: 0, insert: '{{x}}' });
    sameAnswersAfterEdits(text, [lineAdded, typed(applyEdit(text, lineAdded))], [false, true]);
    // The other way round: the stretch edited in place keeps its first exchange, then moves; the run kept under that
    // exchange is for its content before the edit.
    sameAnswersAfterEdits(text, [typed(text), lineAdded], [false, true]);
  });

  test('two lines typed above later stretches of a long session, tokens asked after both: their runs are moved along', () => {
    // Each parse notes the stretches below an edit as copies of the previous parse's; a copy of a copy names the first
    // original (model/shiftedParse.ts), whose runs the tokens kept. Two Enters before the editor asked encoded the
    // half of the session below them again.
    const transaction = (i: number) => ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', `C: body ${i}`, 'C: .', 'S: 250 ok'];
    const text = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', ...Array.from({ length: 200 }, (_, i) => transaction(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');
    const first = parseTranscript(text);
    const kept = new Set(semanticTokenParts(first).map((part) => part.data));
    const once = applyEdit(text, { at: text.indexOf('C: body 2\n'), remove: 0, insert: 'C: more\n' });
    const twice = applyEdit(once, { at: once.indexOf('C: body 3\n'), remove: 0, insert: 'C: more\n' });
    const parts = semanticTokenParts(parseTranscript(twice, parseTranscript(once, first)));
    assert.deepEqual(joinTokenParts(parts), getSemanticTokens(parseTranscript(twice)).data);
    const moved = parts.filter((part) => kept.has(part.data)).length;
    assert.ok(parts.length > 10 && moved >= parts.length - 3, `${moved} of ${parts.length} runs moved along`);
  });

  test('a directive among a long message\'s lines, a letter typed on the line above it: its token stays', () => {
    // The splice replaces the tokens between the kept lines around the edit: the directive's line is among them.
    const body = Array.from({ length: 600 }, (_, i) => (i === 301 ? '@x = 1' : `C: QUJD{{x}}REVG ${i}`));
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', ...body, 'C: .', 'S: 250 ok'];
    sameTokensAfterEdits(lines.join('\n'), [(t: string) => t.replace('REVG 300', 'REVG 3x0'), (t: string) => t.replace('REVG 302', 'REVG 3y2')]);
  });

  test('edits outside a long message (its RCPT, its QUIT, a line added above it): the tokens a parse from scratch gives', () => {
    // The parser takes the message's content whole (model/reusedContent.ts), and so do the tokens, as one block.
    const body = Array.from({ length: 600 }, (_, i) => `C: QUJD{{x}}REVG ${i}`);
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', ...body, 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'];
    const edits = [(t: string) => t.replace('<b@y.test>', '<bc@y.test>'), (t: string) => t.replace('C: QUIT', 'C: QUIT now'), (t: string) => t.replace('C: EHLO me\n', 'C: EHLO me\nS: 250 ok\nC: NOOP\n'), (t: string) => t.replace('S: 221 bye', 'S: 221 2.0.0 bye'), (t: string) => t.replace('C: NOOP\n', '')];
    sameTokensAfterEdits(lines.join('\n'), edits);
  });

  test('edits outside a long `BDAT *` chunk with MAIL and RCPT pipelined: the tokens a parse from scratch gives', () => {
    const body = Array.from({ length: 600 }, (_, i) => `C: QUJD{{x}}REVG ${i}`);
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'C: BDAT * LAST', 'C: Subject: s', 'C:', ...body, 'S: 250 2.1.0 ok', 'S: 250 2.1.5 ok', 'S: 250 2.0.0 queued', 'C: QUIT', 'S: 221 bye'];
    const edits = [(t: string) => t.replace('<b@y.test>', '<bc@y.test>'), (t: string) => t.replace('C: QUIT', 'C: QUIT now'), (t: string) => t.replace('C: EHLO me\n', 'C: EHLO me\nS: 250 ok\nC: NOOP\n'), (t: string) => t.replace('S: 250 2.1.5 ok', 'S: 250 2.1.5 fine'), (t: string) => t.replace('S: 250 2.1.0 ok', ': 250 2.1.0 ok\nC: more')];
    sameTokensAfterEdits(lines.join('\n'), edits);
  });

  test('random edit chains in a long session of short messages: the same answers', () => {
    // Such chains, run with many more seeds outside the suite, found the splice that read a moved stretch's tokens from
    // where they had stood; this seed does not hit it (the test below repeats that case).
    const chain = longMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(sessionEdit(text), { minLength: 1, maxLength: 10 })));
    fc.assert(
      fc.property(chain, ([original, edits]) => sameAnswersAfterEdits(original, edits)),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('a line break typed in an attachment\'s body, then removed: the tokens a parse from scratch gives', () => {
    const body = Array.from({ length: 600 }, (_, i) => `C: QUJD{{x}}REVG ${i}`);
    const text = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', ...body, 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'].join('\n');
    const at = text.indexOf('REVG 300') + 4;
    let previous = parseTranscript(text);
    answers(previous);
    for (const edited of [text.slice(0, at) + '\nC: ' + text.slice(at), text, text.slice(0, at) + '\n\nC: x\n' + text.slice(at)]) {
      const transcript = parseTranscript(edited, previous);
      assert.deepStrictEqual(getSemanticTokens(transcript).data, getSemanticTokens(parseTranscript(edited)).data);
      previous = transcript;
    }
  });

  test('edits in the header section of a message with a long body: the tokens a parse from scratch gives', () => {
    const body = Array.from({ length: 600 }, (_, i) => `C: body ${i}`);
    const head = ['C: From: <a@x.test>', 'C: Subject: report', 'C:  folded on', 'C: To: <b@y.test>', 'C:'];
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...head, ...body, 'C: .', 'S: 250 ok'];
    let text = lines.join('\n');
    let previous = parseTranscript(text);
    answers(previous);
    const edits: [string, string][] = [
      ['Subject: report', 'Subject: reports'],
      ['C: From: <a@x.test>', 'C: Frm: <a@x.test>'],
      ['C: From: <a@x.test>', 'C:From <a@x.test>'],
      ['C:  folded on\n', 'C:  folded on\nC: X-Added: {{x}}\n'],
      ['C: To: <b@y.test>\n', 'C: To: <b@y.test>\nC:  continued\n'],
      ['C: To: <b@y.test>\nC:\n', 'C: To: <b@y.test>\n'],
      ['C: body 0\n', 'C:\nC: body 0\n'],
    ];
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      const transcript = parseTranscript(text, previous);
      assert.deepStrictEqual(getSemanticTokens(transcript).data, getSemanticTokens(parseTranscript(text)).data, `${from} -> ${to}`);
      previous = transcript;
    }
  });

  test('a line typed above a long session\'s later stretch, then a message\'s first content line edited there: the tokens a parse from scratch gives', () => {
    // The stretch's run is first moved along (its numbers kept, where it starts moved), then spliced: the splice reads
    // its lines from where the run starts now.
    const transaction = (i: number) => ['C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: From: <a@x.test>', `C: Subject: ${i}`, 'C:', 'C: body', 'C: .', 'S: 250 ok'];
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250-mx', 'S: 250 8BITMIME', ...Array.from({ length: 60 }, (_, i) => transaction(i)).flat(), 'C: QUIT', 'S: 221 bye'];
    let text = lines.join('\n');
    let previous = parseTranscript(text);
    answers(previous);
    const lastFrom = (t: string) => t.lastIndexOf('C: From: <a@x.test>');
    const edits = [(t: string) => t.replace('S: 250 8BITMIME', 'S: 250-SIZE 5\nS: 250 8BITMIME'), (t: string) => t.slice(0, lastFrom(t) + 2) + t.slice(lastFrom(t) + 3)];
    for (const edited of edits) {
      text = edited(text);
      const transcript = parseTranscript(text, previous);
      assert.deepStrictEqual(getSemanticTokens(transcript).data, getSemanticTokens(parseTranscript(text)).data);
      previous = transcript;
    }
  });

  test('letters typed one after another in an attachment\'s body: the tokens a parse from scratch gives', () => {
    const body = Array.from({ length: 600 }, (_, i) => `C: QUJD{{x}}REVG ${i}`);
    const lines = ['S: 220 mx', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', ...body, 'C: .', 'S: 250 ok'];
    let previous = parseTranscript(lines.join('\n'));
    answers(previous);
    for (const [line, typed] of [[300, 'Q'], [300, 'QR'], [9, 'A'], [608, 'Z'], [400, '{{y}}']] as const) {
      lines[line] = lines[line].replace('C: ', `C: ${typed}`);
      const transcript = parseTranscript(lines.join('\n'), previous);
      assert.deepStrictEqual(getSemanticTokens(transcript).data, getSemanticTokens(parseTranscript(lines.join('\n'))).data, `${typed} on line ${line}`);
      previous = transcript;
    }
  });

  test('the whole document joined from sessions: the tokens and edits a range over every line gives', () => {
    fc.assert(
      fc.property(multiSessionTranscript, (text) => {
        const transcript = parseTranscript(text);
        assert.deepStrictEqual(getSemanticTokens(transcript).data, getSemanticTokens(transcript, WHOLE).data);
        assert.deepStrictEqual(getFormattingEdits(transcript), getFormattingEdits(transcript, WHOLE));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('the file-level @match edited: a kept session keeps the trailing spaces of its replies again', () => {
    const before = parseTranscript('@match = code\n### one\nS: 250 ok  ');
    assert.deepStrictEqual(getFormattingEdits(before).map((e) => [e.range.start.line, e.newText]), [[2, 'S: 250 ok']]);
    const after = parseTranscript('@match = strict\n### one\nS: 250 ok  ', before);
    assert.equal(after.sessions[0], before.sessions[0]);
    assert.deepStrictEqual(getFormattingEdits(after), []);
  });

  test('a line typed above sessions leaves them unparsed: tokens, outline, folding, formatting and links move what they kept', () => {
    const session = (n: number) => [`### s${n}`, 'S: 220 mx', 'C: EHLO a', 'S: 250-mx', 'S: 250 SIZE 10', 'C: DATA', 'S: 354 go', 'C: Subject: x', `< ./part${n}.txt`, 'C: .', 'S: 250 ok'];
    const text = [1, 2, 3].flatMap(session).join('\n');
    const before = parseTranscript(text);
    answers(before);
    // A comment typed in the first session: the two below move a line down.
    const edited = text.replace('C: EHLO a', '# new\nC: EHLO a');
    const after = parseTranscript(edited, before);
    // The parser moves an untouched session lazily: its exchanges are parsed when first read.
    const unparsed = () => after.sessions.map((s) => Object.getOwnPropertyDescriptor(s, 'exchanges')?.get !== undefined);
    assert.deepStrictEqual(unparsed(), [false, true, true]);
    const features = (t: Transcript) => ({ tokens: getSemanticTokens(t).data, symbols: getDocumentSymbols(t), folding: getFoldingRanges(t), formatting: getFormattingEdits(t), links: getDocumentLinks(t, URI) });
    const moved = features(after);
    assert.deepStrictEqual(unparsed(), [false, true, true]);
    const scratch = features(parseTranscript(edited));
    assert.deepStrictEqual(moved, scratch);
    assert.deepStrictEqual(scratch.links.map((link) => [link.range.start.line, link.target]), [[9, 'file:///work/part1.txt'], [20, 'file:///work/part2.txt'], [31, 'file:///work/part3.txt']]);
  });

  test('a line typed above sessions that use a variable leaves them unparsed: its highlights and rename read what was kept', () => {
    const session = (n: number) => [`### s${n}`, 'S: 220 mx', 'C: EHLO {{host}}', 'S: 250 ok', `C: MAIL FROM:<{{user}}@${n}.test>`, 'S: 250 ok'];
    const text = ['@user = alice', '@host = client.test', ...[1, 2, 3].flatMap(session)].join('\n');
    const at = { line: 6, character: 17 };
    const before = parseTranscript(text);
    getDocumentHighlights(before, at);
    const edited = text.replace('C: EHLO {{host}}', '# new\nC: EHLO {{host}}');
    const after = parseTranscript(edited, before);
    const unparsed = () => after.sessions.map((s) => Object.getOwnPropertyDescriptor(s, 'exchanges')?.get !== undefined);
    assert.deepStrictEqual(unparsed(), [false, true, true]);
    const moved = { highlights: getDocumentHighlights(after, { ...at, line: 7 }), rename: getRenameEdits(URI, after, { ...at, line: 7 }, 'sender') };
    assert.deepStrictEqual(unparsed(), [false, true, true]);
    const scratch = parseTranscript(edited);
    assert.deepStrictEqual(moved, { highlights: getDocumentHighlights(scratch, { ...at, line: 7 }), rename: getRenameEdits(URI, scratch, { ...at, line: 7 }, 'sender') });
    assert.deepStrictEqual(moved.highlights.map((h) => h.range.start.line), [0, 7, 13, 19]);
  });

  test('a line index read line by line', () => {
    const transcript = parseTranscript('@user = a\n# note\nS: 220 hi\n\n### one\nC: EHLO x\nS: 250 ok\n# inside\nC: QUIT');
    const index = indexTranscript(transcript);
    assert.deepStrictEqual(
      transcript.lines.map((_, line) => [index.at(line)?.kind, index.sessionAt(line)?.index]),
      [
        ['directive', undefined],
        ['comment', undefined],
        ['reply', 0],
        [undefined, 0],
        ['separator', 1],
        ['client', 1],
        ['reply', 1],
        ['comment', 1],
        ['client', 1],
      ],
    );
  });
});
