// `smtp-transcript lint|replay|serve|mock|import`: the process adapter. The launcher dist/cli.js (cliLauncher.ts)
// evaluates the Node engine bundle (dist/nodeEngine.js, server/src/bundles/nodeEngine.ts) and calls runCliProcess,
// which is the one place the CLI touches `process`. Everything else receives a CliIo.
import { Interrupted, OutputClosed, type StopSignal } from './io';
import { runCli } from './runCli';

// What a shell reports for a program stopped by SIGPIPE (128 + 13), as `yes | head -1` does.
const EXIT_OUTPUT_CLOSED = 141;
// Standard output gathered for a few milliseconds (too short for a person to notice): a replay reports every exchange as it comes, and one write
// per line cost as much CPU as the SMTP dialogue itself (1,000 messages: 4,000 lines). Flushed before stderr is
// written, so the two keep their order on a terminal.
const STDOUT_GATHER_MS = 20;

/** Runs the command line of this process (argv, environment, stdio, signals) and sets its exit code. */
export function runCliProcess(): void {
  const controller = new AbortController();
  // Ctrl-C (SIGINT) and SIGTERM (`timeout`, `docker stop`, CI cancellation) both wind the run down: the command
  // closes its listeners, writes its report and recordings, and exits 128 + the signal's number. A second signal
  // ends the process at once.
  let interrupts = 0;
  const stopOn = (signal: StopSignal): void => {
    process.on(signal, () => {
      interrupts++;
      const reason = new Interrupted(signal);
      if (interrupts > 1) {
        flushStdout();
        process.exit(reason.exitCode);
      }
      controller.abort(reason);
    });
  };
  stopOn('SIGINT');
  stopOn('SIGTERM');

  // The reader of stdout went away (`| head -3`): no stack trace, no more output, the run winds down.
  let outputClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    outputClosed = true;
    process.exitCode = EXIT_OUTPUT_CLOSED;
    controller.abort(new OutputClosed());
  });
  // Messages on a closed stderr have nowhere to go.
  process.stderr.on('error', () => undefined);

  let pendingStdout: string[] = [];
  let gatherTimer: ReturnType<typeof setTimeout> | undefined;
  function flushStdout(): void {
    if (pendingStdout.length === 0) return;
    // Flushed early (the command finished, or stderr is written): the timer would only keep the process alive.
    clearTimeout(gatherTimer);
    const text = pendingStdout.join('');
    pendingStdout = [];
    if (!outputClosed) process.stdout.write(text);
  }

  runCli({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => {
      if (outputClosed) return;
      if (pendingStdout.length === 0) gatherTimer = setTimeout(flushStdout, STDOUT_GATHER_MS);
      pendingStdout.push(text);
    },
    stderr: (text) => {
      flushStdout();
      process.stderr.write(text);
    },
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    stdoutIsTerminal: Boolean(process.stdout.isTTY),
    interrupted: controller.signal,
  }).then(
    (code) => {
      flushStdout();
      process.exitCode = outputClosed ? EXIT_OUTPUT_CLOSED : code;
    },
    (error: unknown) => {
      flushStdout();
      process.stderr.write(`smtp-transcript: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
