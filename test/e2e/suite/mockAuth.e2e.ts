// The editor's mock server judging mail authentication (smtp.mock.zoneFile, smtp.mock.enforceAuthentication): swaks
// sends an unsigned message from a domain whose SPF fails and whose DMARC policy is p=reject; the transcript accepts
// it, so the mock still answers 250 but reports the disagreement as an smtp-mock diagnostic on that reply.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { describeDiagnostics, diagnosticsWhen, extensionApi, showTranscript, withDeadline, writeWorkspaceFile, runSwaks } from './workbench';

const ZONE = ['; the sender domain: no host may send for it, and unaligned mail is to be refused', 'elsewhere.test TXT "v=spf1 -all"', '_dmarc.elsewhere.test TXT "v=DMARC1; p=reject"', ''].join('\n');

const ACCEPTS_UNSIGNED = [
  'S: 220 mock.test ESMTP',
  'C: EHLO client.test',
  'S: 250 mock.test',
  'C: MAIL FROM:<alice@elsewhere.test>',
  'S: 250 2.1.0 ok',
  'C: RCPT TO:<bob@example.test>',
  'S: 250 2.1.5 ok',
  'C: DATA',
  'S: 354 go ahead',
  'C: {{$any-lines}}',
  'C: .',
  'S: 250 2.0.0 queued',
  'C: QUIT',
  'S: 221 2.0.0 bye',
  '',
].join('\n');
const REPLY_LINE = 11;

function swaks(port: number): Promise<{ code: number; output: string }> {
  const args = ['--server', `127.0.0.1:${port}`, '--helo', 'client.test', '--from', 'alice@elsewhere.test', '--to', 'bob@example.test'];
  return runSwaks(args);
}

export const e2eTests: E2ETest[] = [
  {
    name: 'the mock with smtp.mock.zoneFile and enforceAuthentication: accepting mail a strict receiver refuses is a diagnostic on the reply',
    run: async () => {
      const api = await extensionApi();
      const config = vscode.workspace.getConfiguration('smtp.mock');
      await writeWorkspaceFile('mock-auth.zone', ZONE);
      const uri = await writeWorkspaceFile('mock-accepts-unsigned.smtp', ACCEPTS_UNSIGNED);
      await config.update('zoneFile', 'mock-auth.zone', vscode.ConfigurationTarget.Workspace);
      await config.update('enforceAuthentication', true, vscode.ConfigurationTarget.Workspace);
      try {
        await showTranscript(uri);
        const server = await withDeadline(Promise.resolve(api.mock.start(await vscode.workspace.openTextDocument(uri))), 'the mock server starts');
        assert.ok(server, 'the mock did not start');
        let client: { code: number; output: string } | undefined;
        const shown = await diagnosticsWhen(uri, (ds) => ds.some((d) => d.source === 'smtp-mock'), 'the finding is shown', async () => {
          client = await swaks(server.port);
        });
        // The client is told what the transcript says: the message is accepted.
        assert.equal(client?.code, 0, client?.output);
        assert.match(client?.output ?? '', /<- {2}250 2\.0\.0 queued/);
        const findings = shown.filter((d) => d.source === 'smtp-mock');
        assert.equal(findings.length, 1, describeDiagnostics(findings));
        assert.equal(findings[0].range.start.line, REPLY_LINE);
        assert.match(findings[0].message, /^the message fails authentication \(a strict receiver answers 550 5\.7\.26 .*\) but the transcript accepts it with 250/);
        const log = api.mock.presenter.log.lines;
        assert.ok(log.some((l) => l.includes('authentication: spf=fail dkim=none dmarc=fail arc=none')), log.join('\n'));
      } finally {
        await api.mock.stop();
        await config.update('zoneFile', undefined, vscode.ConfigurationTarget.Workspace);
        await config.update('enforceAuthentication', undefined, vscode.ConfigurationTarget.Workspace);
      }
    },
  },
];
