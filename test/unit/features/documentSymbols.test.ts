import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { parseTranscript } from '../../../server/src/model';
import { getDocumentSymbols } from '../../../server/src/features/documentSymbols';

interface Outline {
  name: string;
  detail?: string;
  lines: string;
  children?: Outline[];
}

const outline = (symbols: DocumentSymbol[]): Outline[] =>
  symbols.map((s) => ({
    name: s.name,
    ...(s.detail === undefined ? {} : { detail: s.detail }),
    lines: `${s.range.start.line}-${s.range.end.line}`,
    ...(s.children?.length ? { children: outline(s.children) } : {}),
  }));

test('sessions hold the greeting, commands and transactions with an envelope summary', () => {
  const text = [
    '### submit', // 0
    'S: 220 mx', // 1
    'C: EHLO client.test', // 2
    'S: 250 mx', // 3
    'C: AUTH LOGIN', // 4
    'S: 334 VXNlcm5hbWU6', // 5
    'C: dXNlcg==', // 6
    'S: 334 UGFzc3dvcmQ6', // 7
    'C: cGFzcw==', // 8
    'S: 235 ok', // 9
    'C: MAIL FROM:<a@x.test>', // 10
    'C: RCPT TO:<b@y.test>', // 11
    'C: RCPT TO:<c@z.test> NOTIFY=NEVER', // 12
    'C: DATA', // 13
    'S: 250 ok', // 14
    'S: 250 ok', // 15
    'S: 550 no', // 16
    'S: 354 go', // 17
    'C: Subject: Quarterly', // 18
    'C:  report', // 19
    'C:', // 20
    'C: hi', // 21
    'C: .', // 22
    'S: 250 queued', // 23
    'C: QUIT', // 24
    'S: 221 bye', // 25
  ].join('\n');
  assert.deepEqual(outline(getDocumentSymbols(parseTranscript(text))), [
    {
      name: 'submit',
      lines: '0-25',
      children: [
        { name: 'Greeting', detail: '220', lines: '1-1' },
        { name: 'EHLO client.test', detail: '250', lines: '2-3' },
        {
          name: 'AUTH LOGIN',
          detail: '334',
          lines: '4-9',
          children: [
            { name: 'AUTH response', detail: '334', lines: '6-7' },
            { name: 'AUTH response', detail: '235', lines: '8-9' },
          ],
        },
        {
          name: 'MAIL <a@x.test> → 2 recipients: b@y.test, c@z.test (550) · Subject: Quarterly r…',
          detail: '250',
          lines: '10-23',
          children: [
            { name: 'MAIL FROM:<a@x.test>', detail: '250', lines: '10-14' },
            { name: 'RCPT TO:<b@y.test>', detail: '250', lines: '11-15' },
            { name: 'RCPT TO:<c@z.test> NOTIFY=NEVER', detail: '550', lines: '12-16' },
            { name: 'DATA', detail: '354', lines: '13-17' },
            { name: 'Message (4 lines)', detail: '250', lines: '18-23' },
          ],
        },
        { name: 'QUIT', detail: '221', lines: '24-25' },
      ],
    },
  ]);
});

test('unnamed sessions are numbered; a transaction without recipients or message says so; AUTH hides its payload', () => {
  const text = ['S: 220 mx', 'C: AUTH PLAIN AHVzZXIAcGFzcw==', 'S: 235 ok', 'C: MAIL FROM:<>', 'S: 250 ok', 'C: RSET', 'S: 250 ok', '###', 'C: NOOP'].join('\n');
  assert.deepEqual(outline(getDocumentSymbols(parseTranscript(text))), [
    {
      name: 'Session 1',
      lines: '0-6',
      children: [
        { name: 'Greeting', detail: '220', lines: '0-0' },
        { name: 'AUTH PLAIN', detail: '235', lines: '1-2' },
        { name: 'MAIL <> → no recipients', detail: '250', lines: '3-4', children: [{ name: 'MAIL FROM:<>', detail: '250', lines: '3-4' }] },
        { name: 'RSET', detail: '250', lines: '5-6' },
      ],
    },
    { name: 'Session 2', lines: '7-8', children: [{ name: 'NOOP', detail: 'no reply', lines: '8-8' }] },
  ]);
});

test('BDAT chunks belong to the transaction; more than three recipients are counted', () => {
  const text = [
    'C: MAIL FROM:<a@x>',
    'C: RCPT TO:<1@x>',
    'C: RCPT TO:<2@x>',
    'C: RCPT TO:<3@x>',
    'C: RCPT TO:<4@x>',
    'C: BDAT 13 LAST',
    'C: Subject: c',
  ].join('\n');
  const [session] = getDocumentSymbols(parseTranscript(text));
  assert.deepEqual(
    session.children?.map((s) => [s.name, s.children?.map((c) => c.name)]),
    [
      [
        'MAIL <a@x> → 4 recipients: 1@x, 2@x, 3@x, +1 more · Subject: c',
        ['MAIL FROM:<a@x>', 'RCPT TO:<1@x>', 'RCPT TO:<2@x>', 'RCPT TO:<3@x>', 'RCPT TO:<4@x>', 'BDAT 13 LAST'],
      ],
    ],
  );
});

test("a recipient the server does not accept shows the reply's code; a pipelined group's replies each count for theirs", () => {
  const text = ['S: 220 mx', 'C: MAIL FROM:<a@x>', 'C: RCPT TO:<b@x>', 'C: RCPT TO:<c@x>', 'C: RCPT TO:<d@x>', 'S: 250 ok', 'S: 550 5.1.1 no such user', 'S: 250 ok', 'S: 4xx later'].join('\n');
  const [session] = getDocumentSymbols(parseTranscript(text));
  assert.equal(session.children?.[1].name, 'MAIL <a@x> → 3 recipients: b@x (550), c@x, d@x (4xx)');
  const deferred = getDocumentSymbols(parseTranscript('C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 451 later'))[0];
  assert.equal(deferred.children?.[0].name, 'MAIL <a@x> → 1 recipient: b@x (451)');
});

test('an outline over the symbol limit keeps whole levels: sessions first, then as many levels below as fit', () => {
  const session = (n: number) => [`### s${n}`, 'S: 220 mx', 'C: MAIL FROM:<a@x>', 'C: RCPT TO:<b@x>', 'S: 250 ok', 'S: 250 ok'];
  const transcript = parseTranscript([1, 2, 3].flatMap(session).join('\n'));
  // Each session: itself, 2 children (greeting, transaction), 2 grandchildren (MAIL, RCPT): 15 symbols in all.
  const depths = (symbols: DocumentSymbol[]): number[] => symbols.map((s) => 1 + Math.max(0, ...depths(s.children ?? [])));
  assert.deepEqual(depths(getDocumentSymbols(transcript, 15)), [3, 3, 3]);
  assert.deepEqual(depths(getDocumentSymbols(transcript, 14)), [2, 2, 2]);
  assert.deepEqual(depths(getDocumentSymbols(transcript, 9)), [2, 2, 2]);
  assert.deepEqual(depths(getDocumentSymbols(transcript, 8)), [1, 1, 1]);
  assert.deepEqual(
    getDocumentSymbols(transcript, 2).map((s) => [s.name, s.children]),
    [
      ['s1', undefined],
      ['s2', undefined],
    ],
  );
  // The kept symbols are not cut themselves: the whole tree comes back when it fits again.
  assert.deepEqual(depths(getDocumentSymbols(transcript)), [3, 3, 3]);
});
