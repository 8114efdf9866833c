import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeCacheFolder } from '../../../server/src/io/bundleCodeCache';

test('the code cache folder: the chosen one, `off`, else the platform user cache folder', () => {
  const cases: Array<[NodeJS.ProcessEnv, NodeJS.Platform, string]> = [
    [{ SMTP_TRANSCRIPTS_CODE_CACHE: '/var/cache/smtp' }, 'linux', '/home/ann'],
    [{ SMTP_TRANSCRIPTS_CODE_CACHE: 'off', XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ann'],
    [{}, 'linux', '/home/ann'],
    [{ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ann'],
    [{ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/ann'],
    [{ SMTP_TRANSCRIPTS_CODE_CACHE: '' }, 'freebsd', '/home/ann'],
    [{}, 'linux', ''],
    [{}, 'darwin', '/Users/ann'],
    [{ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann'],
    [{}, 'win32', 'C:\\Users\\ann'],
  ];
  assert.deepEqual(
    cases.map(([env, platform, home]) => codeCacheFolder(env, platform, home)),
    [
      '/var/cache/smtp',
      undefined,
      '/home/ann/.cache/smtp-transcripts',
      '/xdg/smtp-transcripts',
      '/home/ann/.cache/smtp-transcripts',
      '/home/ann/.cache/smtp-transcripts',
      undefined,
      '/Users/ann/Library/Caches/smtp-transcripts',
      // path.join of this platform (the tests run on Linux/macOS): the separator is the host's.
      'C:\\Users\\ann\\AppData\\Local/smtp-transcripts/Cache',
      undefined,
    ],
  );
});
