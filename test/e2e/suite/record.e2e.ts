// "SMTP: Record Sessions Through a Proxy..." in the real VS Code: the proxy started to the built-in local test server,
// a real client (swaks) sending a message through it, the transcript written into `recordings/` and replayed green
// against that server, and the status bar item that shows and stops the proxy; an LMTP server on a UNIX-domain socket
// recorded the same way.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startLocalServer, type LocalServer } from '../../../server/src/smtpTestServer/localServer';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { replies } from '../../support/smtpReplies';
import { closeAllEditors, extensionApi, nextEvent, runSwaks, withDeadline, workspaceFile } from './workbench';

export const e2eTests: E2ETest[] = [
  {
    name: 'a message sent through the recording proxy is written as a transcript that replays green against the server it was recorded from',
    run: async () => {
      const api = await extensionApi();
      const server = await withDeadline(vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer'), 'the local server starts');
      assert.ok(server, 'the local server did not start');
      const upstream = `127.0.0.1:${server.port}`;
      const proxy = await withDeadline(vscode.commands.executeCommand<{ port: number }>('smtp.recordThroughProxy', { upstream, tls: 'starttls' }), 'the proxy starts');
      assert.ok(proxy, 'the command returned no proxy (see the error notification)');
      try {
        assert.equal(api.recorder.presenter.statusBarText, `$(record) SMTP record :${proxy.port} → ${upstream} · 0 recorded`);
        let client: { code: number; output: string } | undefined;
        const saved = await nextEvent(api.recorder.onDidSave, () => true, 'the recording is written', async () => {
          client = await runSwaks(['--server', `127.0.0.1:${proxy.port}`, '--from', 'a@client.test', '--to', 'b@example.com', '--helo', 'client.test', '--header', 'Subject: recorded']);
        });
        assert.equal(client?.code, 0, client?.output);
        assert.equal(vscode.Uri.file(saved.file).toString(), workspaceFile('recordings', saved.file.split('/').pop()!).toString());
        const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(saved.file))).toString('utf8');
        for (const line of ['@server = 127.0.0.1', `@port = ${server.port}`, 'C: EHLO client.test', 'C: MAIL FROM:<a@client.test>', 'C: RCPT TO:<b@example.com>', 'C: DATA', 'C: Subject: recorded', 'C: .', 'C: QUIT']) {
          assert.ok(text.split('\n').includes(line), `the recording lacks "${line}":\n${text}`);
        }
        assert.equal(api.recorder.presenter.statusBarText, `$(record) SMTP record :${proxy.port} → ${upstream} · 1 recorded`);
        assert.ok(api.recorder.presenter.log.lines.includes(`connection 1: recorded ${saved.file}`), api.recorder.presenter.log.lines.join('\n'));

        const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', vscode.Uri.file(saved.file)), 'the recording replays', 30_000);
        assert.equal(result?.status, 'pass', JSON.stringify(result?.sessions.map((s) => s.exchanges.filter((e) => e.status !== 'pass'))));
      } finally {
        await vscode.commands.executeCommand('smtp.stopRecordingProxy');
        await closeAllEditors();
      }
      assert.equal(api.recorder.presenter.statusBarText, undefined);
      assert.equal(api.recorder.running, undefined);
      // The port is closed: a client is refused.
      assert.ok(await refusesConnections(proxy.port), 'the proxy still accepts connections after Stop');
      await vscode.workspace.fs.delete(workspaceFile('recordings'), { recursive: true });
    },
  },
  {
    name: 'two starts at once leave one proxy running, and Stop closes every port they opened',
    run: async () => {
      const api = await extensionApi();
      const upstream = await localServerAddress();
      const both = await withDeadline(Promise.all([api.recorder.start({ upstream, tls: 'starttls' }), api.recorder.start({ upstream, tls: 'starttls' })]), 'both proxies start');
      try {
        assert.ok(both[0] && both[1], 'a start returned no proxy');
        assert.equal(api.recorder.running, both[1]);
      } finally {
        await api.recorder.stop();
      }
      assert.deepEqual([await refusesConnections(both[0]!.port), await refusesConnections(both[1]!.port)], [true, true]);
    },
  },
  {
    name: 'Stop while a client is in DATA: its connection is ended, recorded and counted before Stop returns; a name taken in the folder is kept',
    run: async () => {
      const api = await extensionApi();
      const upstream = await localServerAddress();
      // Names this run would give its first recording over the next minute, taken: they must be left as they are.
      const taken = Array.from({ length: 60 }, (_, s) => `record-${new Date(Date.now() + s * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-1.smtp`);
      for (const name of taken) await vscode.workspace.fs.writeFile(workspaceFile('recordings', name), Buffer.from('# another run\n'));
      const proxy = await withDeadline(api.recorder.start({ upstream, tls: 'starttls' }), 'the proxy starts');
      assert.ok(proxy, 'the command returned no proxy');
      const saved: string[] = [];
      const listener = api.recorder.onDidSave((s) => saved.push(s.file));
      try {
        const client = connect(proxy.port, '127.0.0.1');
        // Stop resets the connection: the client sees it end, not an error to report.
        client.on('error', () => undefined);
        const reply = replies(client, (more) => withDeadline(more, 'the server replies'));
        await reply();
        for (const command of ['EHLO client.test', 'MAIL FROM:<a@client.test>', 'RCPT TO:<b@example.com>', 'DATA']) {
          client.write(`${command}\r\n`);
          await reply();
        }
        client.write('Subject: cut short\r\n\r\nhalf a message\r\n');
        await withDeadline(api.recorder.stop(), 'Stop returns', 15_000);
        client.destroy();
        assert.equal(saved.length, 1, api.recorder.presenter.log.lines.join('\n'));
        assert.ok(!taken.includes(saved[0].split('/').pop()!), `a taken name was used: ${saved[0]}`);
        const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(saved[0]))).toString('utf8');
        assert.match(text, /\nC: DATA\nS: 354 /, text);
        assert.ok(api.recorder.presenter.log.lines.at(-1)?.endsWith(`stopped recording ${upstream}: 1 recorded`), api.recorder.presenter.log.lines.join('\n'));
        for (const name of taken) assert.equal(Buffer.from(await vscode.workspace.fs.readFile(workspaceFile('recordings', name))).toString('utf8'), '# another run\n');
      } finally {
        listener.dispose();
        await api.recorder.stop();
        await closeAllEditors();
        await vscode.workspace.fs.delete(workspaceFile('recordings'), { recursive: true });
      }
    },
  },
  {
    name: 'smtp.record.folder where no file can be made: the proxy refuses to start, by name, rather than lose each recording',
    run: async () => {
      const api = await extensionApi();
      const config = vscode.workspace.getConfiguration('smtp.record');
      // Even root may make no file in /sys.
      await config.update('folder', '/sys', vscode.ConfigurationTarget.Workspace);
      try {
        await assert.rejects(api.recorder.start({ upstream: await localServerAddress(), tls: 'starttls' }), { message: 'smtp.record.folder: cannot write files in /sys: permission denied' });
        assert.equal(api.recorder.running, undefined);
      } finally {
        await api.recorder.stop();
        await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
      }
    },
  },
  {
    name: 'the recording proxy refuses a server that is not HOST:PORT, by name, and starts nothing',
    run: async () => {
      const api = await extensionApi();
      // What the command shows as an error notification (it then returns nothing).
      await assert.rejects(api.recorder.start({ upstream: 'mx:example.com', tls: 'starttls' }), {
        message: "The server to record must be HOST:PORT, e.g. mail.example.com:587 or [::1]:2525, or unix:/absolute/path for a UNIX-domain socket, not 'mx:example.com'.",
      });
      assert.equal(await vscode.commands.executeCommand('smtp.recordThroughProxy', { upstream: 'mail.example.com', tls: 'starttls' }), undefined);
      // A socket: implicit TLS towards it needs the name its certificate is verified against.
      await assert.rejects(api.recorder.start({ upstream: 'unix:/run/dovecot/lmtp', tls: 'implicit' }), {
        message: 'Implicit TLS towards unix:/run/dovecot/lmtp: TLS towards a UNIX-domain socket needs the name its certificate is verified against.',
      });
      assert.equal(api.recorder.running, undefined);
    },
  },
  {
    name: "an LMTP server on a UNIX-domain socket (unix:/path) is recorded through the proxy: swaks --protocol LMTP's session, written with @server = unix:/path, replays green against it",
    run: async () => {
      const api = await extensionApi();
      const dir = await mkdtemp(join(tmpdir(), 'e2e-record-socket-'));
      // The built-in local server on a socket, as `serve --socket` runs it: it speaks LMTP after LHLO.
      const store = await startLocalServer({ socketPath: join(dir, 'lmtp.sock'), mailDir: join(dir, 'mail') });
      const upstream = `unix:${join(dir, 'lmtp.sock')}`;
      // Recordings go to a folder of this test's own: the first test's recording, written in the same second under the
      // same name and then deleted, could otherwise still be the open document that a replay of the path reads.
      const config = vscode.workspace.getConfiguration('smtp.record');
      await config.update('folder', join(dir, 'recordings'), vscode.ConfigurationTarget.Workspace);
      try {
        const proxy = await withDeadline(vscode.commands.executeCommand<{ port: number }>('smtp.recordThroughProxy', { upstream, tls: 'starttls' }), 'the proxy starts');
        assert.ok(proxy, 'the command returned no proxy (see the error notification)');
        try {
          assert.equal(api.recorder.presenter.statusBarText, `$(record) SMTP record :${proxy.port} → ${upstream} · 0 recorded`);
          // No name given for TLS towards the socket: said as the proxy starts.
          assert.ok(api.recorder.presenter.log.lines.some((line) => line.includes(`none is given for ${upstream}: a client's STARTTLS is refused`)), api.recorder.presenter.log.lines.join('\n'));
          let client: { code: number; output: string } | undefined;
          const saved = await nextEvent(api.recorder.onDidSave, () => true, 'the recording is written', async () => {
            client = await runSwaks(['--protocol', 'LMTP', '--server', `127.0.0.1:${proxy.port}`, '--from', 'a@client.test', '--to', 'b@example.com,d@example.com', '--helo', 'client.test']);
          });
          assert.equal(client?.code, 0, client?.output);
          assert.equal(store.messages.length, 1);
          const lines = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(saved.file))).toString('utf8').split('\n');
          for (const line of [`@server = ${upstream}`, 'C: LHLO client.test', 'C: RCPT TO:<b@example.com>', 'C: RCPT TO:<d@example.com>', 'C: .', 'C: QUIT']) {
            assert.ok(lines.includes(line), `the recording lacks "${line}":\n${lines.join('\n')}`);
          }
          assert.ok(!lines.some((line) => line.startsWith('@port')), lines.join('\n'));
          // Both recipients' replies to the message's end, each naming its recipient.
          const end = lines.indexOf('C: .');
          assert.match(lines[end + 1], /^S: 250 2\.6\.0 <b@example\.com> Message stored as \*$/);
          assert.match(lines[end + 2], /^S: 250 2\.6\.0 <d@example\.com> Message stored as \*$/);

          const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', vscode.Uri.file(saved.file)), 'the recording replays', 30_000);
          assert.equal(result?.status, 'pass', JSON.stringify(result?.sessions.map((s) => s.error ?? s.exchanges.filter((e) => e.status !== 'pass'))));
          assert.equal(store.messages.length, 2);

          // With the name given (asked when the command runs without arguments), the recording keeps it for replay.
          const named = await withDeadline(vscode.commands.executeCommand<{ port: number }>('smtp.recordThroughProxy', { upstream, tls: 'starttls', servername: 'localhost' }), 'the proxy starts again');
          assert.ok(named);
          const again = await nextEvent(api.recorder.onDidSave, () => true, 'the second recording is written', async () => {
            await runSwaks(['--protocol', 'LMTP', '--server', `127.0.0.1:${named.port}`, '--from', 'a@client.test', '--to', 'b@example.com', '--helo', 'client.test']);
          });
          const header = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(again.file))).toString('utf8').split('\n');
          assert.ok(header.includes(`@server = ${upstream}`) && header.includes('@tls-servername = localhost'), header.join('\n'));
        } finally {
          await vscode.commands.executeCommand('smtp.stopRecordingProxy');
          await closeAllEditors();
        }
      } finally {
        await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
        await store.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];

/** `127.0.0.1:PORT` of the built-in local test server, started when it is not running. */
async function localServerAddress(): Promise<string> {
  const server = await withDeadline(vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer'), 'the local server starts');
  assert.ok(server, 'the local server did not start');
  return `127.0.0.1:${server.port}`;
}

/** True when nothing listens on the port any more. */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

