import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { definitionsAt } from '../../../server/src/model/variables';
import { readSettings } from '../../../server/src/replay/sessionSettings';
import { parseDuration } from '../../../server/src/settings/settingValues';
import { ehloKeywords, ServerExtensions, unmetRequirement } from '../../../server/src/replay/ehloRequirements';
import { splitServerAddress } from '../../../server/src/model/serverAddress';

function settingsOf(text: string) {
  const transcript = parseTranscript(text);
  return readSettings(definitionsAt(transcript, transcript.sessions[0], Infinity), (d) => d.value.text, {});
}

test('durations', () => {
  assert.deepEqual(['500ms', '10s', '2m', '1.5s', '3', 'soon', '-1s'].map(parseDuration), [500, 10_000, 120_000, 1500, 3000, undefined, undefined]);
});

test('settings from directives, with defaults', () => {
  assert.deepEqual(settingsOf('@server = mx.test\n@port = 2525\n@tls = starttls\n@match = strict\n@timeout = 300ms\n@requires = chunking SMTPUTF8\nS: 220'), {
    server: 'mx.test',
    port: 2525,
    tls: 'starttls',
    match: 'strict',
    replyTimeoutMs: 300,
    connectTimeoutMs: 10_000,
    requires: ['CHUNKING', 'SMTPUTF8'],
  });
});

// The line is a field (0-based), never text in the message to be parsed back out.
test('invalid settings name their line', () => {
  assert.throws(() => settingsOf('@port = smtp\nS: 220'), { kind: 'transcript', message: '`@port = smtp` is not a TCP port (1-65535)', line: 0 });
  assert.throws(() => settingsOf('\n@tls = yes\nS: 220'), { kind: 'transcript', message: '`@tls = yes` is not `none`, `starttls` or `implicit`', line: 1 });
});

test('EHLO keywords and @requires', () => {
  const reply = {
    code: '250',
    lines: [
      { code: '250', separator: '-' as const, text: 'mx.test greets you' },
      { code: '250', separator: '-' as const, text: 'SIZE 1000' },
      { code: '250', separator: '-' as const, text: 'AUTH=LOGIN' },
      { code: '250', separator: ' ' as const, text: 'chunking' },
    ],
  };
  const keywords = ehloKeywords(reply);
  assert.deepEqual([...keywords], ['SIZE', 'AUTH', 'CHUNKING']);
  assert.equal(unmetRequirement(['CHUNKING', 'AUTH'], keywords), undefined);
  assert.equal(unmetRequirement(['CHUNKING', 'SMTPUTF8'], keywords), 'the server does not advertise SMTPUTF8 (the session @requires CHUNKING SMTPUTF8)');
});

test('@requires is judged only on an EHLO reply, and forgotten with STARTTLS', () => {
  const reply = (text: string) => ({ code: '250', lines: [{ code: '250', separator: '-' as const, text: 'mx.test' }, { code: '250', separator: ' ' as const, text }] });
  const extensions = new ServerExtensions();
  assert.equal(extensions.unmet([]), undefined);
  assert.equal(extensions.unmet(['CHUNKING']), '@requires needs an EHLO reply; this session sends no EHLO');
  extensions.noteReply('HELO', { code: '250', lines: [{ code: '250', separator: ' ', text: 'mx.test' }] });
  assert.equal(extensions.unmet(['CHUNKING']), '@requires needs an EHLO reply; this session uses HELO');
  extensions.noteReply('EHLO', reply('CHUNKING'));
  assert.equal(extensions.unmet(['CHUNKING']), undefined);
  extensions.noteReply('EHLO', { code: '502', lines: [{ code: '502', separator: ' ', text: 'no' }] });
  assert.equal(extensions.unmet(['CHUNKING']), undefined);
  extensions.forget();
  assert.equal(extensions.unmet(['CHUNKING']), '@requires needs an EHLO reply; this session sends no EHLO');
});

test('@server values with a port', () => {
  assert.deepEqual(
    ['mx.test', 'mx.test:2525', '127.0.0.1:25', '[::1]:2525', '[::1]', '::1', 'mx:example.com', 'mx:example.com:2525', 'mx.test:smtp'].map(splitServerAddress),
    [
      { host: 'mx.test' },
      { host: 'mx.test', port: '2525' },
      { host: '127.0.0.1', port: '25' },
      { host: '::1', port: '2525' },
      { host: '::1' },
      { host: '::1' },
      { host: 'mx:example.com' },
      { host: 'mx:example.com', port: '2525' },
      { host: 'mx.test', port: 'smtp' },
    ],
  );
});
