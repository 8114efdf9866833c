// What a CLI command may touch of the outside world; main.ts passes the real process, tests may pass their own.
export interface CliIo {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour and live progress only when a person watches (and NO_COLOR is not set). */
  isTTY: boolean;
  /** Standard output is a terminal, NO_COLOR or not: it would act on control characters printed there. */
  stdoutIsTerminal: boolean;
  /**
   * Aborted with an `Interrupted` reason when the user or the system stops the run (Ctrl-C, or the SIGTERM of
   * `timeout`, `docker stop` and CI cancellation), or with an `OutputClosed` reason when nobody reads stdout any more.
   */
  interrupted: AbortSignal;
}

// A shell reports a program ended by a signal as 128 + its number; a run that winds down on one exits so too.
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/** The run was stopped by a signal: commands finish their reports and exit with `exitCode`. */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
    this.exitCode = SIGNAL_EXIT_CODES[signal];
  }
}

/** The exit code of a run stopped by `interrupted`'s abort: 130 for Ctrl-C, 143 for SIGTERM. */
export function interruptedExitCode(interrupted: AbortSignal): number {
  return interrupted.reason instanceof Interrupted ? interrupted.reason.exitCode : SIGNAL_EXIT_CODES.SIGINT;
}

/** Standard output was closed by its reader (`| head -3`): stop work, quietly. */
export class OutputClosed extends Error {
  constructor() {
    super('standard output was closed');
  }
}

/** A problem with what the user asked: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}
