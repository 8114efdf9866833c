// "SMTP: Copy Session as..." as a user runs it: the cursor in a session, the format chosen in the quick pick, the
// result read back from the clipboard. swaks's command names the transcript's server, sender and recipient and keeps
// the password an environment reference; each format is what `smtp-transcript export` prints for that session.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPORT_TARGETS, exportSession, parseTranscript } from '../../../server/src/engine';
import type { E2ETest } from '../e2e-runner';
import { closeAllEditors, extensionApi, pickQuickPickItem, removeWorkspaceFiles, showTranscript, withDeadline, writeWorkspaceFile, quickInputClosed } from './workbench';

const FILE = 'copy-session.smtp';
const TRANSCRIPT = [
  '# Two sessions: the cursor picks the second.',
  '@server = 127.0.0.1',
  '@port = 2525',
  '@tls = starttls',
  '@user = testuser',
  '@password = {{$env SMTP_PASSWORD}}',
  '',
  '### first session',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
  '',
  '### second session',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250-*',
  'S: 250 AUTH PLAIN',
  'C: STARTTLS',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250-*',
  'S: 250 AUTH PLAIN',
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
  'S: 235 *',
  'C: MAIL FROM:<alice@client.test>',
  'S: 250 *',
  'C: RCPT TO:<bob@example.com>',
  'S: 250 *',
  'C: DATA',
  'S: 354 *',
  'C: Subject: copied',
  'C:',
  'C: Hello.',
  'C: .',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');
const CURSOR_LINE = 28; // C: RCPT TO:<bob@example.com>

/** What `smtp-transcript export --as swaks --session 2 copy-session.smtp` prints. */
const SWAKS = [
  '# smtp-transcript export: session 2 "second session" of copy-session.smtp, as swaks',
  "# the server's certificate is verified against the system CAs; to trust a test server's, add --tls-ca-path CA.pem",
  'swaks --server 127.0.0.1:2525 --ehlo client.test \\',
  '  --from alice@client.test --to bob@example.com \\',
  '  --tls --tls-verify \\',
  '  --auth PLAIN --auth-user testuser --auth-password "$SMTP_PASSWORD" \\',
  "  --data - <<'EOF'",
  'Subject: copied',
  '',
  'Hello.',
  '.',
  'EOF',
];

/** A password stored for this very server and user: the copy must refer to the environment, never contain it. */
const STORED = 'copy-Secret-9';

async function copyAs(filter: string): Promise<string> {
  await vscode.env.clipboard.writeText('');
  await quickInputClosed();
  const copying = Promise.resolve(vscode.commands.executeCommand('smtp.copySessionAs'));
  await pickQuickPickItem('Copy Session as...', filter);
  await withDeadline(copying, `Copy Session as ${filter} finishes`);
  return vscode.env.clipboard.readText();
}

export const e2eTests: E2ETest[] = [
  {
    name: 'Copy Session as...: swaks picked in the quick pick copies the session at the cursor with its server, sender, recipient and $SMTP_PASSWORD',
    run: async () => {
      const api = await extensionApi();
      await closeAllEditors();
      await api.passwords.set(api.passwords.key({ server: '127.0.0.1:2525', user: 'testuser' }, 'SMTP_PASSWORD'), STORED);
      const editor = await showTranscript(await writeWorkspaceFile(FILE, TRANSCRIPT));
      editor.selection = new vscode.Selection(CURSOR_LINE, 3, CURSOR_LINE, 3);
      const copied = await copyAs('swaks');
      assert.deepEqual(copied.replace(/\n$/, '').split('\n'), SWAKS);
    },
  },
  {
    name: 'Copy Session as...: curl, openssl, Python and Nodemailer each copy what the export prints, with the password left in the environment',
    run: async () => {
      try {
        const editor = vscode.window.activeTextEditor;
        assert.equal(editor?.document.fileName.endsWith(FILE), true, 'the transcript is not the active editor');
        const transcript = parseTranscript(TRANSCRIPT);
        const references: Record<string, string> = { curl: '"$SMTP_PASSWORD"', openssl: '"$SMTP_PASSWORD"', python: 'os.environ["SMTP_PASSWORD"]', nodemailer: 'process.env["SMTP_PASSWORD"]' };
        for (const target of EXPORT_TARGETS.filter((t) => t !== 'swaks')) {
          const copied = await copyAs(target);
          assert.equal(copied, exportSession(transcript, 1, target, { fileName: FILE }), `the ${target} copy`);
          assert.ok(copied.includes(references[target]), `the ${target} copy does not read ${references[target]}`);
          assert.equal(copied.includes(STORED), false, `the stored password is in the ${target} copy`);
        }
      } finally {
        // Its @server is a real server's port and its password is no longer stored: Run All Tests must not meet it.
        await (await extensionApi()).passwords.clearAll();
        await removeWorkspaceFiles(FILE);
      }
    },
  },
];
