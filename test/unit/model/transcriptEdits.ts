// Random multi-session transcripts and random edits to them, for the property tests of incremental parse and lint.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exchangeRange, parseTranscript, type Transcript } from '../../../server/src/model';

const FRAGMENTS = [
  'S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250-PIPELINING', 'S: 250-AUTH PLAIN LOGIN', 'S: 250-CHUNKING',
  'S: 250 8BITMIME', 'C: HELO me', 'C: STARTTLS', 'S: 220 2.0.0 ready', 'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
  'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg==', 'S: 334 UGFzc3dvcmQ6', 'C: c2VjcmV0',
  'C: *', 'S: 235 2.7.0 ok', 'S: 535 5.7.8 no', 'C: MAIL FROM:<a@x.test> SIZE=10 BODY=8BITMIME', 'C: MAIL FROM:<{{from}}>',
  'C: RCPT TO:<b@y.test> NOTIFY=NEVER', 'C: RCPT TO:<bad address>', 'S: 250 2.1.5 ok', 'S: 550 5.1.1 no', 'C: DATA', 'S: 354 go',
  'C: Subject: hello', 'C: From: <a@x>', 'C:', 'C: body {{name}} é', 'C: .leading', 'C: ..stuffed', 'C: .', 'C: BDAT 12 LAST',
  'C: BDAT * LAST', 'C: BDAT x', 'C: QUIT', 'S: 221 bye', 'S: 421 4.4.2 idle timeout', 'S: <delay 1s>', 'S: <closed>', 'C: <close>', 'C: {{$any-lines}}', 'C: BDAT 100 LAST', 'S: ...', 'S: 2xx', 'S: 25x 2.x.x *',
  'S: 250 9.9.9 odd', '@user = alice', '@name = {{user}}', '@password = secret', '@password = {{$env PW}}', '@tls = implicit',
  '@match = strict', '@from = a@x.test', '@unused = 1', '@a = {{a}}', '@b = {{a}}', 'C: NOOP {{b}} {{name}}', '@b = 2', '@', '@x', '# comment', '# smtp-lint-disable-next-line',
  '# smtp-lint-disable-next-line variable-undefined no-such-rule', '< ./message.eml', 'c: ehlo lower', 's:250 ok', '250 no prefix',
  'C: {{', 'C: }}', 'C: {{$nope}}', 'C: \\{{x}}', 'S: 250-', 'S: 25', 'C: X-CUSTOM', 'C: NOOP', 'C: RSET', '',
];

const line = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const session = fc.tuple(fc.constantFrom('###', '### a', '### second', '####'), fc.array(line, { maxLength: 10 }));

/** A file-level head and up to five sessions, with one line terminator throughout. */
export const multiSessionTranscript = fc
  .tuple(fc.array(line, { maxLength: 6 }), fc.array(session, { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
  .map(([head, sessions, eol]) => [...head, ...sessions.flatMap(([separator, lines]) => [separator, ...lines])].join(eol));

export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/** One keystroke to a paste: characters, whole fragments, line breaks and separators, at any place. */
export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.constant(1), fc.nat({ max: 40 })),
  insert: fc.oneof(
    fc.constant(''),
    fc.constantFrom('x', ' ', '\n', '\r', '{', '}', '#', ':', '@', '3', '-', '.'),
    fc.constantFrom(...FRAGMENTS).map((f) => `${f}\n`),
    fc.constantFrom('\n###\n', '### new\n', '\nS: 250 ok\nC: NOOP\n', '\n@user = bob\n'),
  ),
});

export function applyEdit(text: string, { at, remove, insert }: Edit): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + insert + text.slice(start + remove);
}

/** Each exchange's range, which follows from what it holds: a moved session's must be a parse from scratch's. */
export const exchangeRanges = (t: Transcript) => t.sessions.map((session) => session.exchanges.map(exchangeRange));

/**
 * Applies each edit in turn (`step` picks it for the text it edits), parsing each version with the previous parse,
 * and asserts that every version is what a parse from scratch gives, exchange ranges included.
 */
export function assertEditsParseAsFromScratch(original: string, steps: readonly ((text: string) => Edit)[]): void {
  let text = original;
  let previous: Transcript = parseTranscript(text);
  for (const step of steps) {
    text = applyEdit(text, step(text));
    const incremental = parseTranscript(text, previous);
    const scratch = parseTranscript(text);
    assert.deepStrictEqual(incremental, scratch);
    assert.deepStrictEqual(exchangeRanges(incremental), exchangeRanges(scratch));
    previous = incremental;
  }
}
