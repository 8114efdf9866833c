// Lint after edits inside one long message, as the language server lints (a lint cache, the previous parse): what the
// content rules found in the lines the edit left alone is kept with them (syntax/sentMessages.ts,
// syntax/contentLineFacts.ts); the diagnostics are a lint from scratch's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { messagesOf } from '../../../server/src/features/lint/syntax/sentMessages';
import { doneChecking } from '../../../server/src/features/lint/sessionScratch';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { longBdatMessage, longMimeMessage, mimeEdit } from '../model/longSessionEdits';
import { assertEditsLintAsFromScratch } from './lintEdits';

const SEED = 20261206;
const context = { env: {} };

/** A base64 attachment of `lines` lines after a text part; its first body line is file line 22. */
function attachment(lines: number): string {
  const body = Array.from({ length: lines }, () => 'C: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=');
  return [
    'S: 220 mx.test', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go',
    'C: From: <a@x.test>', 'C: To: <b@y.test>', 'C: Subject: report', 'C: Date: Sat, 28 Nov 2026 10:00:00 +0000', 'C: Message-ID: <1@x.test>',
    'C: MIME-Version: 1.0', 'C: Content-Type: multipart/mixed; boundary="b1"', 'C:', 'C: --b1', 'C: Content-Type: application/pdf', 'C: Content-Transfer-Encoding: base64', 'C:',
    ...body, 'C: --b1--', 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', '',
  ].join('\n');
}

// The garbage collector, to show what stays alive once the parses before the last are dropped.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const nextTurn = () => new Promise((resume) => setImmediate(resume));

const codesOn = (t: Transcript, cache: ReturnType<typeof createLintCache>) => lintTranscript(t, { context, cache }).map((d) => `${d.range.start.line} ${d.code}`);

describe('lint after an edit inside a long message', () => {
  test('a character that breaks a base64 line is reported there, and no more once it is undone', () => {
    const cache = createLintCache();
    const text = attachment(1000);
    const first = parseTranscript(text);
    assert.deepStrictEqual(codesOn(first, cache), []);
    const broken = text.replace(/(C: QUJD)REVG/, '$1RE!G').replace(/^/, '');
    const second = parseTranscript(broken, first);
    assert.deepStrictEqual(codesOn(second, cache), ['21 mime-transfer-encoding']);
    const third = parseTranscript(text, second);
    assert.deepStrictEqual(codesOn(third, cache), []);
    const further = text.split('\n').map((line, i) => (i === 621 ? 'C: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=é' : line)).join('\n');
    assert.deepStrictEqual(codesOn(parseTranscript(further, third), cache), ['621 undeclared-8bit-content', '621 mime-transfer-encoding']);
  });

  test('a letter typed in the attachment: the message lines of the other lines are kept, the same objects', () => {
    const text = attachment(1000);
    const before = parseTranscript(text);
    // A copy: the list itself passes to the edited message.
    const old = [...messagesOf(before.sessions[0])[0].parts];
    const lines = text.split('\n');
    lines[500] = lines[500].replace('QUJD', 'QUJE');
    const now = messagesOf(parseTranscript(lines.join('\n'), before).sessions[0])[0].parts;
    assert.deepStrictEqual(now.map((part, i) => part === old[i]).filter((same) => !same).length, 1);
    assert.equal(now.length, old.length);
  });

  test('a line break typed in the attachment: the lines below are the same objects, on the lines they moved to; the previous message makes its own again', () => {
    const text = attachment(1000);
    const before = parseTranscript(text);
    const oldMessage = before.sessions[0].exchanges.find((e) => e.kind === 'message')!;
    const old = [...messagesOf(before.sessions[0])[0].parts];
    doneChecking();
    const lines = text.split('\n');
    lines.splice(500, 0, 'C: QUJD');
    const after = parseTranscript(lines.join('\n'), before);
    const message = after.sessions[0].exchanges.find((e) => e.kind === 'message')!;
    assert.ok(message.kind === 'message' && oldMessage.kind === 'message');
    const now = messagesOf(after.sessions[0])[0].parts;
    assert.equal(now.length, old.length + 1);
    // Content starts on file line 9: part i stands on line 9 + i.
    const named = (parts: typeof now) => parts.map((part, i) => (part.kind === 'line' ? part.lines[0].line - 9 - i : NaN)).filter((off) => off !== 0);
    assert.deepStrictEqual(named(now), []);
    assert.deepStrictEqual(now.map((part, i) => (part.kind === 'line' ? part.lines[0] === message.parts[i] : false)).filter((same) => !same), []);
    // The text diff puts the edit after the `C: ` both lines start with: line 500 and the line after it are touched.
    const kept = new Set(old);
    assert.deepStrictEqual(now.map((part, i) => (kept.has(part) ? -1 : i)).filter((i) => i >= 0), [491, 492]);
    assert.ok(now.slice(493).every((part, i) => part === old[492 + i]));
    // The previous message's lines are made again, on its own lines (in the next lint pass: each pass ends so).
    doneChecking();
    const again = messagesOf(before.sessions[0])[0].parts;
    assert.equal(again.length, old.length);
    assert.deepStrictEqual(again.map((part, i) => (part.kind === 'line' ? part.lines[0] === oldMessage.parts[i] : false)).filter((same) => !same), []);
  });

  test('letters typed, each version parsed (for other requests), linted after the last: the other lines are kept from the lint before them', async () => {
    const cache = createLintCache();
    const text = attachment(1000);
    let parse: Transcript | undefined = parseTranscript(text);
    assert.deepStrictEqual(codesOn(parse, cache), []);
    // A copy: the list itself passes to the edited message.
    const old = [...messagesOf(parse.sessions[0])[0].parts];
    doneChecking();
    const lines = text.split('\n');
    for (const typed of ['!', '!a', '!ab']) {
      await nextTurn();
      lines[500] = `C: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=${typed}`;
      parse = parseTranscript(lines.join('\n'), parse);
    }
    // Only the last parse is alive now: the message linted lives on with the lines kept for it.
    await nextTurn();
    collectGarbage();
    assert.deepStrictEqual(codesOn(parse, cache), ['500 mime-transfer-encoding']);
    const now = messagesOf(parse.sessions[0])[0].parts;
    assert.deepStrictEqual(now.map((part, i) => (part === old[i] ? -1 : i)).filter((i) => i >= 0), [500 - 9]);
    assert.deepStrictEqual(codesOn(parse, cache), codesOn(parseTranscript(lines.join('\n')), createLintCache()));
  });

  test('random edit chains in one long MIME message: the same diagnostics as a lint from scratch', () => {
    const chain = longMimeMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(fc.property(chain, ([original, edits]) => assertEditsLintAsFromScratch(original, edits.map((e) => () => e), context)), { seed: SEED, numRuns: 60 });
  });

  test('random edit chains in a long message, DATA or BDAT, linted only after some edits: the same diagnostics as a lint from scratch', () => {
    const chain = fc.oneof(longMimeMessage, longBdatMessage).chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 2, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })));
    fc.assert(fc.property(chain, ([original, edits, asked]) => assertEditsLintAsFromScratch(original, edits.map((e) => () => e), context, asked)), { seed: SEED, numRuns: 60 });
  });

  test('a letter typed in an attachment sent in one `BDAT *` chunk: the other lines are kept, and what breaks is reported', () => {
    const cache = createLintCache();
    const text = attachment(1000).replace('S: 250 ok\nC: DATA\nS: 354 go', 'S: 250 ok\nC: BDAT * LAST').replace('C: --b1--\nC: .', 'C: --b1--');
    const before = parseTranscript(text);
    // The hint that `*` is counted at replay stands on the BDAT line.
    assert.deepStrictEqual(codesOn(before, cache), ['7 bdat-computed-size']);
    const old = [...messagesOf(before.sessions[0])[0].parts];
    doneChecking();
    const lines = text.split('\n');
    lines[500] = lines[500].replace('QUJD', 'QU!D');
    const after = parseTranscript(lines.join('\n'), before);
    const now = messagesOf(after.sessions[0])[0].parts;
    assert.deepStrictEqual(now.map((part, i) => (part === old[i] ? -1 : i)).filter((i) => i >= 0), [500 - 8]);
    doneChecking();
    assert.deepStrictEqual(codesOn(after, cache), ['7 bdat-computed-size', '500 mime-transfer-encoding']);
  });

  test('random edit chains in one long MIME message sent by BDAT: the same diagnostics as a lint from scratch', () => {
    const chain = longBdatMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(fc.property(chain, ([original, edits]) => assertEditsLintAsFromScratch(original, edits.map((e) => () => e), context)), { seed: SEED, numRuns: 60 });
  });
});
