// smtp-environments.json: parsing with exact problems, `$shared` merged under each environment, the file's own
// directives winning at replay's reading of definitions, and the nearest file found on disk.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentNames, environmentVariables, parseEnvironmentFile, withEnvironment } from '../../../server/src/model/environments';
import { parseTranscript } from '../../../server/src/model';
import { definitionsAt } from '../../../server/src/model/variables';
import { findEnvironmentFile } from '../../../server/src/io/environmentFile';
import { getHover } from '../../../server/src/features/hover/getHover';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { withCursor } from '../../support/cursor';
import { lookupDirectiveSetting } from '../../../server/src/settings/registry';

const EXAMPLE = JSON.stringify({
  $shared: { from: 'sender@client.test', user: 'app' },
  local: { server: 'local' },
  staging: { server: 'smtp.staging.example', port: 587, tls: 'starttls', password: '{{$env STAGING_PASSWORD}}', user: 'stage' },
});

describe('parseEnvironmentFile', () => {
  test('$shared is merged under each environment; the environment wins; numbers become text', () => {
    const { file, problems } = parseEnvironmentFile(EXAMPLE);
    assert.deepEqual(problems, []);
    assert.deepEqual(environmentNames(file), ['local', 'staging']);
    assert.deepEqual([...environmentVariables(file, 'staging')!], [
      ['from', 'sender@client.test'],
      ['user', 'stage'],
      ['server', 'smtp.staging.example'],
      ['port', '587'],
      ['tls', 'starttls'],
      ['password', '{{$env STAGING_PASSWORD}}'],
    ]);
    assert.deepEqual([...environmentVariables(file, 'local')!], [['from', 'sender@client.test'], ['user', 'app'], ['server', 'local']]);
    assert.equal(environmentVariables(file, 'prod'), undefined);
    assert.equal(environmentVariables(file, '$shared'), undefined);
  });

  test('bad settings, literal secrets and bad shapes are refused with the file and key; good entries stay', () => {
    const { file, problems } = parseEnvironmentFile(
      JSON.stringify({
        staging: { server: 'smtp.test', port: '58x7', tls: 'startls', password: 'hunter2', 'api-token': '{{$env T}} and more', note: null },
        'bad name': {},
        list: [1],
        ok: { timeout: '{{t}}', password: '{{$env SMTP_PASSWORD}}', 'dkim-key': 'keys/dkim.pem' },
        pem: { 'dkim-key': '-----BEGIN PRIVATE KEY-----' },
      }),
      'suite/smtp-environments.json',
    );
    assert.deepEqual(problems, [
      'suite/smtp-environments.json: "staging"."port": `@port = 58x7` is not a TCP port (1-65535)',
      'suite/smtp-environments.json: "staging"."tls": `@tls = startls` is not `none`, `starttls` or `implicit`: did you mean `starttls`?',
      'suite/smtp-environments.json: "staging"."password": a secret (its name contains pass, secret, token or key) is never written in the file: use "{{$env PASSWORD}}"',
      'suite/smtp-environments.json: "staging"."api-token": a secret (its name contains pass, secret, token or key) is never written in the file: use "{{$env API_TOKEN}}"',
      'suite/smtp-environments.json: "staging"."note": expected a string (or a number), not null',
      'suite/smtp-environments.json: "bad name": an environment name is a letter or _ followed by letters, digits, _, - or .',
      'suite/smtp-environments.json: "list": expected an object of variables and settings, e.g. {"server": "smtp.example.com"}',
      'suite/smtp-environments.json: "pem"."dkim-key": a secret (its name contains pass, secret, token or key) is never written in the file: use "{{$env DKIM_KEY}}"',
    ]);
    assert.deepEqual([...environmentVariables(file, 'staging')!], [['server', 'smtp.test']]);
    assert.deepEqual([...environmentVariables(file, 'ok')!], [['timeout', '{{t}}'], ['password', '{{$env SMTP_PASSWORD}}'], ['dkim-key', 'keys/dkim.pem']]);
  });

  test('a value holding a line break is refused: it would send lines the transcript does not show', () => {
    const { file, problems } = parseEnvironmentFile(JSON.stringify({ local: { sender: 'a@b.test>\r\nRSET', rcpt: 'c@d.test\rx', helo: 'client.test' } }), 'e.json');
    assert.deepEqual(problems, [
      'e.json: "local"."sender": a value is one line: this one holds a line break (CR or LF), which would send lines the transcript does not show',
      'e.json: "local"."rcpt": a value is one line: this one holds a line break (CR or LF), which would send lines the transcript does not show',
    ]);
    assert.deepEqual([...environmentVariables(file, 'local')!], [['helo', 'client.test']]);
  });

  test('not JSON, or not an object', () => {
    assert.deepEqual(parseEnvironmentFile('{', 'e.json').problems.length, 1);
    assert.match(parseEnvironmentFile('{', 'e.json').problems[0], /^e\.json: not valid JSON: /);
    assert.deepEqual(parseEnvironmentFile('[]', 'e.json').problems, ['e.json: expected an object of environments, e.g. {"$shared": {...}, "local": {...}}']);
  });
});

describe('withEnvironment', () => {
  test('the entries are visible on every line; the file\'s own directives win from where they stand', () => {
    const variables = environmentVariables(parseEnvironmentFile(EXAMPLE).file, 'staging')!;
    const transcript = withEnvironment(parseTranscript('@port = 2525\nS: 220 x\nC: MAIL FROM:<{{from}}>\n'), variables);
    const seen = (line: number) => Object.fromEntries([...definitionsAt(transcript, transcript.sessions[0], line)].map(([n, d]) => [n, d.value.text]));
    assert.deepEqual(seen(2), { from: 'sender@client.test', user: 'stage', server: 'smtp.staging.example', port: '2525', tls: 'starttls', password: '{{$env STAGING_PASSWORD}}' });
    assert.deepEqual(seen(0).port, '587');
  });
});

describe('lint and hover with the active environment', () => {
  const environment = { name: 'staging', variables: new Map([['from', 'sender@client.test'], ['server', 'smtp.staging.example']]) };
  const text = 'S: 220 x\nC: EHLO c\nS: 250 ok\nC: MAIL FROM:<{{from}}>\nS: 250 ok\nC: RCPT TO:<{{to}}>\nS: 250 ok\nC: QUIT\nS: 221 bye\n';

  test('a name the environment defines is not undefined; others still are', () => {
    const undefinedNames = (context = {}) =>
      lintTranscript(parseTranscript(text), { context })
        .filter((d) => d.code === 'variable-undefined')
        .map((d) => d.range.start.line + 1);
    assert.deepEqual(undefinedNames(), [4, 6]);
    assert.deepEqual(undefinedNames({ environment }), [6]);
  });

  test('hover on {{from}} shows the value and the environment; a file definition wins', () => {
    const hover = (marked: string) => {
      const { transcript, position } = withCursor(marked);
      return (getHover(transcript, position, environment)!.contents as { value: string }).value;
    };
    assert.equal(hover('S: 220 x\nC: MAIL FROM:<{{fr|om}}>\n'), '**from** = `sender@client.test`\n\nDefined from environment `staging` (smtp-environments.json).');
    assert.equal(hover('@from = mine@x.test\nS: 220 x\nC: MAIL FROM:<{{fr|om}}>\n'), '**from** = `mine@x.test`\n\nDefined on line 1, for every session.');
  });
});

describe('findEnvironmentFile', () => {
  let root: string;
  before(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-env-')));
    mkdirSync(join(root, 'suite', 'deep'), { recursive: true });
    writeFileSync(join(root, 'smtp-environments.json'), EXAMPLE);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the nearest parent\'s file, up to the root given; none past it', async () => {
    const found = await findEnvironmentFile(join(root, 'suite', 'deep', 'a.smtp'), root);
    assert.equal(found.path, join(root, 'smtp-environments.json'));
    assert.deepEqual(environmentNames(found.file), ['local', 'staging']);
    const stopped = await findEnvironmentFile(join(root, 'suite', 'deep', 'a.smtp'), join(root, 'suite'));
    assert.deepEqual({ path: stopped.path, names: environmentNames(stopped.file), problems: stopped.problems }, { path: undefined, names: [], problems: [] });
  });

  test('a nearer file wins, and its problems name its path', async () => {
    writeFileSync(join(root, 'suite', 'smtp-environments.json'), '{"x": {"port": "0"}}');
    const found = await findEnvironmentFile(join(root, 'suite', 'deep', 'a.smtp'), root);
    assert.deepEqual(found.problems, [`${join(root, 'suite', 'smtp-environments.json')}: "x"."port": \`@port = 0\` is not a TCP port (1-65535)`]);
  });
});

describe('schemas/smtp-environments.schema.json', () => {
  test('each setting it describes is a directive setting of the registry, and its secret pattern matches what the parser calls secret', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../../schemas/smtp-environments.schema.json'), 'utf8')) as {
      definitions: { environment: { properties: Record<string, unknown>; patternProperties: Record<string, unknown> } };
    };
    const described = Object.keys(schema.definitions.environment.properties);
    assert.deepEqual(described.filter((name) => !lookupDirectiveSetting(name)), []);
    const secret = new RegExp(Object.keys(schema.definitions.environment.patternProperties)[0], 'u');
    const names = ['password', 'SMTP_PASS', 'api-token', 'client_secret', 'apikey', 'dkim-key', 'user', 'from', 'server'];
    assert.deepEqual(names.filter((n) => secret.test(n)), ['password', 'SMTP_PASS', 'api-token', 'client_secret', 'apikey']);
  });
});
