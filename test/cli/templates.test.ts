// The templates of "SMTP: New Transcript..." are a new user's first file: they lint with no finding at all, the
// client-side ones replay green against the built-in server, and the scripted-server one serves a real client.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { runCli, spawnCli } from '../support/cli';

const REPLAYED = ['delivery.smtp', 'submission.smtp', 'error-paths.smtp'].map((name) => `examples/templates/${name}`);

describe('New Transcript templates', () => {
  test('every template lints with no finding at all', async () => {
    const run = await runCli(['lint', 'examples/templates'], { env: { SMTP_PASSWORD: 'testpass' } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.trim(), '4 files checked: 0 errors, 0 warnings, 0 info, 0 hints');
  });

  test('the client-side templates replay green against the built-in local server', async () => {
    const run = await runCli(['replay', '--local', ...REPLAYED], { env: { SMTP_PASSWORD: 'testpass' } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^replay: 4 passed, 0 failed, 0 skipped$/m);
  });

  test('the scripted-server template serves Python smtplib, and says who sent to whom', async () => {
    const mock = spawnCli(['mock', 'examples/templates/mock-server.smtp', '--port', '0']);
    let stdout = '';
    let stderr = '';
    mock.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => mock.on('close', resolve));
    // The listening line goes to stderr: stdout is the report.
    const port = await new Promise<number>((resolve, reject) => {
      mock.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const listening = /on 127\.0\.0\.1:(\d+)/.exec(stderr);
        if (listening) resolve(Number(listening[1]));
      });
      mock.on('close', () => reject(new Error(`the mock exited before listening: ${stdout}${stderr}`)));
    });
    const script = [
      'import smtplib, sys',
      'with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="app.test", timeout=10) as s:',
      '    s.ehlo("app.test")',
      '    print(s.ehlo_resp.decode().splitlines()[0])',
      '    s.sendmail("a@app.test", ["b@example.com"], "From: a@app.test\\r\\nTo: b@example.com\\r\\nSubject: hi\\r\\nDate: now\\r\\nMessage-ID: <1@app.test>\\r\\n\\r\\nbody\\r\\n")',
    ].join('\n');
    const client = await new Promise<string>((resolve, reject) =>
      execFile('python3', ['-c', script, String(port)], { timeout: 20_000 }, (error, out, err) => (error ? reject(new Error(err || error.message)) : resolve(out))),
    ).finally(() => setTimeout(() => mock.kill(), 5000).unref());
    assert.equal(client.trim(), 'mock.test greets app.test');
    assert.equal(await exit, 0, stdout + stderr);
    assert.match(stdout, /^mock: 1 passed, 0 failed$/m);
  });
});
