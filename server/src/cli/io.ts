// What a CLI command may touch of the outside world; main.ts passes the real process, tests may pass their own.
export interface CliIo {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour and live progress only when a person watches. */
  isTTY: boolean;
  /** Aborted when the user interrupts (Ctrl-C), or with an `OutputClosed` reason when nobody reads stdout any more. */
  interrupted: AbortSignal;
}

/** Standard output was closed by its reader (`| head -3`): stop work, quietly. */
export class OutputClosed extends Error {
  constructor() {
    super('standard output was closed');
  }
}

/** A problem with what the user asked: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}
