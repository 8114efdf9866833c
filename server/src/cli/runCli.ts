import type { CliIo } from './io';
import { UsageError } from './io';
import { FileProblem } from '../model/fileProblem';
import { runAuth } from './authCommand';
import { runImport } from './importCommand';
import { asksForGithub, problemAnnotation } from './githubProblems';
import { runLint } from './lintCommand';
import { runReplay } from './replayCommand';
import { runServe } from './serveCommand';
import { runMock } from './mockCommand';
import { runRecord } from './recordCommand';
import { runExport } from './exportCommand';
import { COMMAND_NAMES, isCommandName, type CommandName } from './commandNames';
import { closestMatch } from '../knowledge/didYouMean';
import { CLI_VERSION } from './cliVersion';

const HELP = `usage: smtp-transcript <command> [options] FILE...

commands:
  lint     check transcripts for format and protocol problems
  replay   run transcripts against an SMTP server
  serve    run the built-in local SMTP test server
  mock     play the server's side of a transcript, to test an SMTP client
  record   a recording proxy: real SMTP sessions between a client and a server, written as transcripts
  import   turn swaks, Python smtplib or telnet/openssl s_client output into a transcript
  auth     judge a message's SPF, DKIM, DMARC and ARC as a receiving server would
  export   print a session as a swaks command, an openssl s_client recipe, Python smtplib or Nodemailer code

Run 'smtp-transcript <command> --help' for a command's options.
`;

const COMMANDS: Record<CommandName, (io: CliIo, args: string[]) => Promise<number>> = {
  lint: runLint,
  replay: runReplay,
  serve: runServe,
  mock: runMock,
  record: runRecord,
  import: runImport,
  auth: runAuth,
  export: runExport,
};

/** Runs one CLI invocation; resolves to the exit code (0 ok, 1 findings/failures, 2 usage or I/O problems). */
export async function runCli(io: CliIo): Promise<number> {
  const [command, ...args] = io.argv;
  // `help mock` is what many tools take for `mock --help`.
  if (command === 'help' && isCommandName(args[0])) return COMMANDS[args[0]](io, ['--help']);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`smtp-transcript ${CLI_VERSION}\n`);
    return 0;
  }
  if (!isCommandName(command)) {
    const likely = closestMatch(command, COMMAND_NAMES);
    io.stderr(`smtp-transcript: unknown command '${command}'${likely ? `: did you mean '${likely}'?` : ''}\n${HELP}`);
    return 2;
  }
  try {
    return await COMMANDS[command](io, args);
  } catch (error) {
    // A usage mistake, or a file that cannot be read or written: one line that says which and why, no stack.
    if (error instanceof UsageError || error instanceof FileProblem) {
      io.stderr(`smtp-transcript ${command}: ${error.message}\n`);
      if (asksForGithub(command, args)) io.stdout(problemAnnotation(command, error));
      return 2;
    }
    throw error;
  }
}
