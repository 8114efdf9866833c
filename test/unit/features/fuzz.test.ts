// Property tests: random and mutated transcripts through the parser and every editing feature (see
// featureInvariants.ts), and pathological inputs that must simply return. Bounded: a fixed seed, 200 runs each.
import { describe, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkAllFeatures } from './featureInvariants';

const SEED = 20261128;
// Fixed seed, so a run is repeatable; FUZZ_RUNS=2000 searches deeper.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const FRAGMENTS = [
  'S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250-SIZE 1000', 'S: 250-AUTH PLAIN LOGIN', 'S: 250-CHUNKING',
  'S: 250 STARTTLS', 'S: 421 4.4.2 idle timeout', 'S: <delay 1s>', 'S: <reset>', 'C: {{$any-lines}}', 'C: STARTTLS', 'S: 220 2.0.0 ready', 'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'C: AUTH LOGIN',
  'S: 334 VXNlcm5hbWU6', 'C: dXNlcg==', 'C: *', 'S: 235 2.7.0 ok', 'C: MAIL FROM:<a@x.test> SIZE=10 BODY=8BITMIME',
  'C: MAIL FROM: <a@x>', 'C: RCPT TO:<b@y.test> NOTIFY=NEVER', 'S: 250 2.1.5 ok', 'S: 550 5.1.1 no', 'C: DATA', 'S: 354 go',
  'C: Subject: hello', 'C: From: <a@x>', 'C:  folded', 'C:', 'C: body {{name}}', 'C: ..stuffed', 'C: .', 'C: BDAT 12 LAST',
  'C: BDAT * LAST', 'C: BDAT x', 'C: QUIT', 'S: 221 bye', 'S: <closed>', 'C: <close>', 'S: ...', 'S: 2xx', 'S: 25x 2.x.x *',
  '@user = alice', '@password = {{$env PW}}', '@tls = implicit', '@match = strict', '@requires = CHUNKING', '@', '@x',
  '### session', '###', '# comment', '# smtp-lint-disable-next-line x', '< ./message.eml', 'c: ehlo lower', 's:250 ok',
  '250 no prefix', 'C: {{', 'C: {{$', 'C: }}', 'C: \\{{x}}', 'S: 250-', 'S: 25', 'S: 2500', 'C: X-CUSTOM', '',
];

const garbage = fc.string({ unit: 'binary', maxLength: 12 });
const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FRAGMENTS), garbage).map(([f, g]) => f + g) },
  { weight: 1, arbitrary: fc.tuple(garbage, fc.constantFrom(...FRAGMENTS)).map(([g, f]) => g + f) },
  { weight: 1, arbitrary: garbage },
);
const newline = fc.constantFrom('\n', '\r\n', '\r');
const randomTranscript = fc.tuple(fc.array(line, { maxLength: 14 }), newline).map(([lines, eol]) => lines.join(eol));

const EXAMPLES = (() => {
  const dir = join(__dirname, '..', '..', '..', '..', 'examples');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.smtp'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
})();

type Mutation = { at: number; remove: number; insert: string };
const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.oneof(garbage, fc.constantFrom(...FRAGMENTS, '\n', '{{', '}}', ':')) });
const mutate = (text: string, mutations: Mutation[]): string =>
  mutations.reduce((t, m) => {
    const at = m.at % (t.length + 1);
    return t.slice(0, at) + m.insert + t.slice(at + m.remove);
  }, text);
const mutatedExample = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([which, mutations]) => mutate(EXAMPLES[which % EXAMPLES.length], mutations));

describe('fuzz: every feature on random and mutated transcripts', () => {
  test(`random transcripts from fragments and garbage, every offset (seed ${SEED})`, () => {
    fc.assert(fc.property(randomTranscript, (text) => checkAllFeatures(text, { everyOffset: true })), { seed: SEED, numRuns: RUNS });
  });

  test(`mutated examples (seed ${SEED})`, () => {
    fc.assert(fc.property(mutatedExample, (text) => checkAllFeatures(text, { everyOffset: text.length < 1500 })), { seed: SEED, numRuns: RUNS });
  });

  test('the examples themselves, every offset', () => {
    for (const example of EXAMPLES) checkAllFeatures(example, { everyOffset: true });
  });
});

describe('pathological inputs return (linear work, no backtracking)', () => {
  const MB = 1 << 20;
  const inputs: Record<string, () => string> = {
    'a 1 MB command line': () => 'C: EHLO ' + 'a'.repeat(MB),
    'a 1 MB reply line': () => 'S: 250 ' + 'x '.repeat(MB / 2),
    'a 1 MB content line': () => 'C: DATA\nS: 354 go\nC: Subject: ' + 'y'.repeat(MB) + '\nC: .',
    'a 1 MB directive with spaces': () => '@v = ' + ' '.repeat(MB) + 'x',
    'a 1 MB line of base64 after AUTH': () => 'C: AUTH PLAIN ' + 'QUFB'.repeat(MB / 4),
    'a 1 MB line of `{{$` and `}}`': () => 'C: ' + '{{$x }}'.repeat(MB / 7),
    'S: 250- 10000 times': () => Array.from({ length: 10000 }, () => 'S: 250-').join('\n'),
    '100k C: lines': () => Array.from({ length: 100000 }, () => 'C:').join('\n'),
    '100k C: lines of content': () => 'C: DATA\nS: 354 go\n' + Array.from({ length: 100000 }, (_, i) => `C: H${i}: v`).join('\n'),
    '100k RCPT lines': () => 'C: MAIL FROM:<a@x>\n' + Array.from({ length: 100000 }, () => 'C: RCPT TO:<b@x>').join('\n'),
    '100k directives': () => Array.from({ length: 100000 }, (_, i) => `@v${i} = {{v${i - 1}}}`).join('\n') + '\nS: 220 {{v99999}}',
  };
  for (const [name, make] of Object.entries(inputs)) {
    test(name, () => checkAllFeatures(make(), { everyOffset: false }));
  }

  // The parser recurses once per nested `{{`: a long run of them overflows the stack in parseTranscript.
  test('a long run of `{{{{{{...` stays linear and never overflows the stack', () => {
    checkAllFeatures('C: ' + '{{'.repeat(100000), { everyOffset: false });
  });
});
