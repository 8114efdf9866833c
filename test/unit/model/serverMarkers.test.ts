// The scripted server's markers (`S: <delay 2s>`, `<drip>`, `<cut>`, `<reset>`, `<silence>`) in the model: where each
// attaches, and the problems of unknown, malformed and misplaced ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import type { ServerMarker, Transcript } from '../../../server/src/model';

const text = (...lines: string[]): string => lines.join('\n');
/** `name value line` for each marker (1-based line). */
const brief = (markers: readonly ServerMarker[] | undefined): string[] | undefined =>
  markers?.map((m) => `${m.name}${m.value === undefined ? '' : ` ${m.value}`} @${m.line + 1}`);
const problems = (t: Transcript): string[] => t.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`);

describe('where markers attach', () => {
  test('<delay> and <drip> above a reply go with that reply; replies themselves are unchanged', () => {
    const t = parseTranscript(text('S: <delay 2s>', 'S: <drip 50ms>', 'S: 220 mx', 'C: EHLO a.example', 'S: <cut 10>', 'S: 250-mx', 'S: 250 SIZE'));
    assert.deepEqual(problems(t), []);
    const [greeting, ehlo] = t.sessions[0].exchanges;
    assert.deepEqual(brief(greeting.reply?.markers), ['delay 2000 @1', 'drip 50 @2']);
    assert.deepEqual(greeting.reply?.lines.map((l) => l.payload.text), ['220 mx']);
    assert.deepEqual(brief(ehlo.reply?.markers), ['cut 10 @5']);
    assert.equal(t.sessions[0].fault, undefined);
  });

  test('<reset> and <silence> end the session, with the <delay> above them; a first-line <silence> means no greeting', () => {
    const reset = parseTranscript(text('S: 220 mx', 'C: MAIL FROM:<a@example.com>', 'S: <delay 1s>', 'S: <reset>'));
    assert.deepEqual(problems(reset), []);
    const fault = reset.sessions[0].fault!;
    assert.deepEqual([fault.marker.name, fault.marker.line, brief(fault.before)], ['reset', 3, ['delay 1000 @3']]);
    assert.equal(reset.sessions[0].exchanges[1].reply, undefined);

    const hang = parseTranscript('S: <silence>');
    assert.deepEqual(problems(hang), []);
    assert.deepEqual([hang.sessions[0].exchanges, hang.sessions[0].fault?.marker.name], [[], 'silence']);
  });

  test('<reset> inside DATA content ends the message after the lines above it, without a `.` and without a problem', () => {
    const t = parseTranscript(text('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: Subject: x', 'C:', 'S: <reset>'));
    assert.deepEqual(problems(t), []);
    const message = t.sessions[0].exchanges[2];
    assert.equal(message.kind, 'message');
    assert.deepEqual(message.kind === 'message' && [message.parts.length, message.terminator], [2, undefined]);
    assert.equal(t.sessions[0].fault?.marker.name, 'reset');
  });

  test('<delay> above <closed> waits before closing; 421 then <closed> needs no marker', () => {
    const t = parseTranscript(text('S: 421 4.7.0 try later', 'S: <delay 500ms>', 'S: <closed>'));
    assert.deepEqual(problems(t), []);
    assert.deepEqual(brief(t.sessions[0].expectsClose?.before), ['delay 500 @2']);
    assert.deepEqual(parseTranscript(text('S: 421 4.7.0 try later', 'S: <closed>')).sessions[0].expectsClose, {
      line: 1,
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } },
    });
  });

  test('a <cut> reply ends the connection: only <reset>, <silence> or <closed> may follow', () => {
    assert.deepEqual(problems(parseTranscript(text('S: <cut 3>', 'S: 220 mx', 'S: <reset>'))), []);
    assert.deepEqual(problems(parseTranscript(text('S: <cut 3>', 'S: 220 mx', 'C: EHLO a.example', 'S: 250 mx'))), [
      '3 line-after-close: The connection is closed at line 2 (`S: <cut 3>` above it): start a new session with `###` to continue.',
    ]);
  });
});

describe('marker problems', () => {
  test('an unknown name, with a did-you-mean', () => {
    assert.deepEqual(problems(parseTranscript('S: <dealy 2s>')), [
      '1 server-marker-unknown: `<dealy 2s>` is not a server marker: write `<closed>`, `<delay>`, `<drip>`, `<cut>`, `<reset>`, `<silence>` (did you mean `<delay>`?).',
    ]);
  });

  test('a missing, unreadable or unexpected argument', () => {
    assert.deepEqual(problems(parseTranscript(text('S: <delay>', 'S: <drip fast>', 'S: <cut -1>', 'S: <reset now>', 'S: <delay 30d>'))), [
      '1 server-marker-argument: `<delay DURATION>` needs its argument: a duration such as `500ms`, `2s` or `1m`.',
      '2 server-marker-argument: `fast` is not a duration: write `500ms`, `2s` or `1m`.',
      '3 server-marker-argument: `-1` is not a number of octets.',
      '4 server-marker-argument: `<reset>` takes no argument.',
      '5 server-marker-argument: `30d` is not a duration: write `500ms`, `2s` or `1m`.',
    ]);
  });

  test('misplaced: above a C: line, at the end, inside a multi-line reply or a BDAT chunk, <drip> in content or above <reset>', () => {
    const misplaced = (...lines: string[]): string[] => problems(parseTranscript(text(...lines))).filter((p) => p.includes('misplaced'));
    assert.deepEqual(misplaced('S: 220 mx', 'S: <delay 1s>', 'C: NOOP', 'S: 250 ok'), [
      '2 server-marker-misplaced: `<delay 1s>` is misplaced: it acts on the reply, `<closed>`, `<reset>` or `<silence>` written right below it, and a `C:` line follows.',
    ]);
    assert.deepEqual(misplaced('S: 220 mx', 'C: NOOP', 'S: 250 ok', 'S: <drip 1s>'), [
      '4 server-marker-misplaced: `<drip 1s>` is misplaced: it acts on the reply written right below it, and nothing follows it in the session.',
    ]);
    assert.deepEqual(misplaced('S: 220-mx', 'S: <drip 1s>', 'S: 220 hi'), [
      "2 server-marker-misplaced: `<drip 1s>` is misplaced: it cannot stand inside a multi-line reply: write it above the reply's first line.",
    ]);
    assert.deepEqual(misplaced('S: 220 mx', 'C: BDAT 7 LAST', 'S: <reset>', 'C: hello', 'S: 250 ok'), [
      '3 server-marker-misplaced: `<reset>` is misplaced: it cannot stand inside a BDAT chunk, whose octets are counted.',
    ]);
    assert.deepEqual(misplaced('S: 220 mx', 'C: DATA', 'S: 354 go', 'C: hi', 'S: <drip 1s>', 'C: .', 'S: 250 ok'), [
      '5 server-marker-misplaced: `<drip 1s>` is misplaced: inside DATA content only `<delay>`, `<reset>`, `<silence>` and `<closed>` can stand (the server acts after reading the lines above).',
    ]);
    assert.deepEqual(misplaced('S: 220 mx', 'C: NOOP', 'S: <cut 2>', 'S: <reset>'), [
      '3 server-marker-misplaced: `<cut 2>` is misplaced: it acts on a reply, and `<reset>` follows it.',
    ]);
  });
});
