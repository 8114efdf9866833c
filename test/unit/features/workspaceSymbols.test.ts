import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesQuery, namedSessions } from '../../../server/src/features/workspaceSymbols';

describe('workspace symbols: named sessions', () => {
  test('each `### name` line, the name trimmed; unnamed sessions and `#` comments are not; every line end counts', () => {
    const text = '### first\r\nS: 220 x\r\n###\n# ### not a session\n###   spaced out  \rS: 220 y\n';
    assert.deepEqual(namedSessions(text), [
      { name: 'first', line: 0, start: 4, end: 9 },
      { name: 'spaced out', line: 4, start: 6, end: 16 },
    ]);
  });

  test('after a byte order mark, a name on line 0 stands one character on (the editor counts the mark)', () => {
    assert.deepEqual(namedSessions('\uFEFF### marked\n### next'), [
      { name: 'marked', line: 0, start: 5, end: 11 },
      { name: 'next', line: 1, start: 4, end: 8 },
    ]);
  });

  test('a query matches its characters in order, in any case, blanks ignored; empty matches every name', () => {
    const names = ['bounce: mailbox full', 'submit with AUTH PLAIN', 'STARTTLS refused'];
    assert.deepEqual(names.filter((n) => matchesQuery(n, 'bnc')), ['bounce: mailbox full']);
    assert.deepEqual(names.filter((n) => matchesQuery(n, 'auth plain')), ['submit with AUTH PLAIN']);
    assert.deepEqual(names.filter((n) => matchesQuery(n, 'tls')), ['STARTTLS refused']);
    assert.deepEqual(names.filter((n) => matchesQuery(n, 'xyz')), []);
    assert.deepEqual(names.filter((n) => matchesQuery(n, '')), names);
  });
});
