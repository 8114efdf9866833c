// Settings as people write them into settings.json by hand: a value of the wrong JSON type or out of range is one
// notification that names the setting and what it takes, and nothing starts; a start that fails names the setting at
// fault; a command without a transcript says so once. Notifications are read off the page (`soleNotification`).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitUntil, type E2ETest } from '../e2e-runner';
import { repoRoot } from '../harness-defaults';
import { closeAllEditors, extensionApi, removeWorkspaceFiles, showTranscript, soleNotification, withDeadline, workspaceFile, writeWorkspaceFile } from './workbench';

const TO_LOOPBACK = ['# No @port: smtp.replay.port would name it.', '@server = 127.0.0.1', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', ''].join('\n');

/**
 * Runs `action` with `values` in the workspace's settings.json as written (any JSON), then puts back what was there
 * (the run's workspace sets the replay timeouts).
 */
async function withSettings<T>(values: Record<string, unknown>, action: () => Promise<T>): Promise<T> {
  const configuration = vscode.workspace.getConfiguration();
  const before = Object.keys(values).map((key) => [key, configuration.inspect(key)?.workspaceValue] as const);
  for (const [key, value] of Object.entries(values)) await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await action();
  } finally {
    for (const [key, value] of before) await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
  }
}

/** Runs a command as the palette does (errors become a notification) and gives what it returned. */
function command(id: string, ...args: unknown[]): () => Promise<unknown> {
  return () => withDeadline(vscode.commands.executeCommand(id, ...args), `${id} finishes`, 30_000);
}

/** Each setting in turn: the command tells exactly `message` and gives nothing. */
async function refusedEach(cases: ReadonlyArray<readonly [Record<string, unknown>, string]>, run: () => Promise<unknown>): Promise<void> {
  for (const [values, message] of cases) {
    const result = await withSettings(values, () => soleNotification(message, run));
    assert.equal(result, undefined, `with ${JSON.stringify(values)} the command gave a result`);
  }
}

export const e2eTests: E2ETest[] = [
  {
    name: 'settings: smtp.replay.port, timeout and tls of the wrong JSON type or range: one notification naming the setting, no replay',
    run: async () => {
      const uri = await writeWorkspaceFile('settings-replay.smtp', TO_LOOPBACK);
      await showTranscript(uri);
      await refusedEach(
        [
          [{ 'smtp.replay.port': -1 }, 'smtp.replay.port takes a port number from 1 to 65535, not -1'],
          [{ 'smtp.replay.port': 70000 }, 'smtp.replay.port takes a port number from 1 to 65535, not 70000'],
          [{ 'smtp.replay.port': 'abc' }, "smtp.replay.port takes a port number from 1 to 65535, not the text 'abc'"],
          [{ 'smtp.replay.timeout': 5 }, 'smtp.replay.timeout takes a duration such as 500ms, 10s or 2m, not the number 5'],
          [{ 'smtp.replay.tls': 42 }, 'smtp.replay.tls must be none, starttls or implicit, not the number 42'],
        ],
        command('smtp.replay', uri),
      );
      await removeWorkspaceFiles('settings-replay.smtp');
    },
  },
  {
    name: 'settings: a local test server port, pace or list it cannot use is one notification, from the command and from a replay; nothing listens',
    run: async () => {
      const api = await extensionApi();
      await api.localServer.stop();
      const cases = [
        [{ 'smtp.localServer.port': 'abc' }, "smtp.localServer.port takes a port number from 0 to 65535 (0 picks a free port), not the text 'abc'"],
        [{ 'smtp.localServer.tlsPort': -5 }, 'smtp.localServer.tlsPort takes a port number from 0 to 65535 (0 picks a free port), not -5'],
        [{ 'smtp.localServer.commandTimeout': -5 }, 'smtp.localServer.commandTimeout takes a number of seconds from 1 to 2147483, not -5'],
        [{ 'smtp.localServer.commandTimeout': 'x' }, "smtp.localServer.commandTimeout takes a number of seconds from 1 to 2147483, not the text 'x'"],
        [{ 'smtp.localServer.minRate': 0 }, 'smtp.localServer.minRate takes a number of octets per second, at least 1, not 0'],
        [{ 'smtp.localServer.rejectDomains': 'reject.test' }, 'smtp.localServer.rejectDomains takes a list of domains such as ["reject.test"], not the text \'reject.test\''],
        [{ 'smtp.localServer.mailDirectory': 42 }, 'smtp.localServer.mailDirectory takes the path of a folder, not the number 42'],
      ] as const;
      await refusedEach(cases, command('smtp.startLocalServer'));
      assert.equal(api.localServer.running, undefined);
      // A replay against the local server starts it: the same refusal, once, and the replay does not run.
      const uri = await writeWorkspaceFile('settings-local.smtp', TO_LOOPBACK.replace('@server = 127.0.0.1\n', ''));
      await withSettings({ 'smtp.replay.server': 'local' }, () => refusedEach([[{ 'smtp.localServer.port': 'abc' }, cases[0][1]]], command('smtp.replay', uri)));
      assert.equal(api.localServer.running, undefined);
      await removeWorkspaceFiles('settings-local.smtp');
    },
  },
  {
    name: 'settings: a start that fails names the setting at fault: the implicit-TLS port in use, a mail folder that cannot be made, a zone file that is no text or no file',
    run: async () => {
      const api = await extensionApi();
      await api.localServer.stop();
      const taken = createServer().listen(0, '127.0.0.1');
      await once(taken, 'listening');
      const port = (taken.address() as AddressInfo).port;
      // Bytes that are no text: read as one problem (a no-break space or form feed between fields once made the zone
      // parser loop without end, growing memory in the extension host).
      const binaryZone = workspaceFile('e2e-binary.zone').fsPath;
      writeFileSync(binaryZone, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
      const examples = workspaceFile('examples').fsPath;
      try {
        await refusedEach(
          [
            [{ 'smtp.localServer.tlsPort': port }, `The local test server could not start: smtp.localServer.tlsPort ${port} is already in use (0 picks a free port).`],
            [{ 'smtp.localServer.port': port, 'smtp.localServer.tlsPort': port }, `smtp.localServer.port and smtp.localServer.tlsPort are both ${port}: the two servers need a port each`],
            [
              { 'smtp.localServer.mailDirectory': '/proc/nonexistent/x' },
              'smtp.localServer.mailDirectory /proc/nonexistent/x: cannot create the folder /proc/nonexistent: no such file or directory',
            ],
            [
              { 'smtp.localServer.zoneFile': 'e2e-binary.zone' },
              `smtp.localServer.zoneFile ${binaryZone}: line 1: this is no zone file: it holds NUL bytes or mostly control characters; a zone file is text, a \`name [TTL] [IN] TYPE value\` record a line`,
            ],
            [{ 'smtp.localServer.zoneFile': 'examples' }, `smtp.localServer.zoneFile ${examples} could not be read: it is not a regular file`],
          ],
          command('smtp.startLocalServer'),
        );
      } finally {
        taken.close();
        rmSync(binaryZone, { force: true });
      }
      assert.equal(api.localServer.running, undefined);
    },
  },
  {
    name: 'settings: a relative smtp.localServer.mailDirectory is a folder in the workspace, as its description says',
    run: async () => {
      const api = await extensionApi();
      await api.localServer.stop();
      const folder = workspaceFile('e2e-relative-mail').fsPath;
      try {
        await withSettings({ 'smtp.localServer.mailDirectory': 'e2e-relative-mail' }, async () => {
          await command('smtp.startLocalServer')();
          assert.ok(api.localServer.running, 'the local test server did not start');
          assert.ok(existsSync(folder), `the mail folder is not ${folder}`);
          await api.localServer.stop();
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'settings: smtp.mock.port "abc" and an empty transcript: one notification each, about what is wrong, and no mock',
    run: async () => {
      const api = await extensionApi();
      await api.mock.stop();
      await refusedEach(
        [[{ 'smtp.mock.port': 'abc' }, "smtp.mock.port takes a port number from 0 to 65535 (0 picks a free port), not the text 'abc'"]],
        command('smtp.serveMock', workspaceFile('delivery.smtp')),
      );
      const empty = await writeWorkspaceFile('settings-empty.smtp', '');
      assert.equal(await soleNotification('settings-empty.smtp cannot be served: the transcript has no session to play.', command('smtp.serveMock', empty)), undefined);
      assert.equal(api.mock.running, undefined);
      await removeWorkspaceFiles('settings-empty.smtp');
    },
  },
  {
    name: 'Show Expected vs Actual without a transcript in the editor, and Replay of a file that is not there: one notification each',
    run: async () => {
      await closeAllEditors();
      await soleNotification('Open an SMTP transcript (.smtp) first.', command('smtp.showActualTranscript'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'not a transcript', language: 'plaintext' }));
      await soleNotification('Open an SMTP transcript (.smtp) first.', command('smtp.showActualTranscript'));
      await closeAllEditors();
      const missing = workspaceFile('no-such-transcript.smtp');
      await soleNotification(`${missing.fsPath}: no such file`, command('smtp.replay', missing));
    },
  },
  {
    name: 'settings: with smtp.replay.server set, the status bar shows its target and says it comes from the setting',
    run: async () => {
      const api = await extensionApi();
      await showTranscript(workspaceFile('delivery.smtp'));
      const chosen = api.target.text;
      await api.target.set('127.0.0.1:2525');
      await withSettings({ 'smtp.replay.server': 'local' }, () =>
        waitUntil('the target item shows the setting', () => api.target.statusText === '$(server) SMTP: local test server (setting)'),
      );
      await withSettings({ 'smtp.replay.server': 42 }, () =>
        waitUntil('the target item says the setting is not valid', () => api.target.statusText === '$(warning) SMTP target: smtp.replay.server is not valid'),
      );
      await waitUntil('the workspace\'s choice is shown again', () => api.target.statusText === '$(server) SMTP: 127.0.0.1:2525');
      await api.target.set(chosen);
      await closeAllEditors();
    },
  },
  {
    name: 'settings: a relative smtp.replay.caFile starts at the workspace folder',
    run: async () => {
      const api = await extensionApi();
      const server = await api.localServer.start();
      await writeWorkspaceFile('certs/extra-ca.pem', readFileSync(join(repoRoot, 'test', 'fixtures', 'localhost-cert.pem'), 'utf8'));
      const file = await writeWorkspaceFile('with-ca.smtp', ['@server = 127.0.0.1', `@port = ${server.port}`, 'S: 220 *', 'C: QUIT', 'S: 221 *', ''].join('\n'));
      try {
        await showTranscript(file);
        const result = await withSettings({ 'smtp.replay.caFile': 'certs/extra-ca.pem' }, command('smtp.replay', file));
        assert.equal((result as { status?: string } | undefined)?.status, 'pass');
      } finally {
        await removeWorkspaceFiles('with-ca.smtp', 'certs/extra-ca.pem');
      }
    },
  },
  {
    name: 'settings: smtp.lint.rules given as a text is one warning that it must be an object, not one per character',
    // Last: the language server's warning can come again after the center is cleared, which the next test would wait out.
    run: async () => {
      await showTranscript(workspaceFile('delivery.smtp'));
      const message = 'smtp.lint.rules takes an object of rule ids to severities, such as {"helo-instead-of-ehlo": "off"}, not the text \'off\'';
      const lint = vscode.workspace.getConfiguration('smtp.lint');
      try {
        // The language server reads the setting again when it changes: the warning follows the change.
        await soleNotification(message, () => lint.update('rules', 'off', vscode.ConfigurationTarget.Workspace));
      } finally {
        await lint.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
        await closeAllEditors();
      }
    },
  },
];
