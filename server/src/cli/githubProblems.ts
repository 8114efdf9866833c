// With GitHub output (`lint --format github`, `replay`/`mock --reporter github`), what stops a command or leaves a
// file out (a usage mistake, a file that cannot be read) is also an `::error` annotation on stdout, beside its plain
// line on stderr: the run's summary then says why the step failed, not only "exit code 2".
import { annotationCommand } from '../report/githubCommands';
import type { CommandName } from './commandNames';

/** The option choosing GitHub output, per command that has one (its long and short spellings). */
const GITHUB_OPTION: Partial<Record<CommandName, { long: string; short?: string }>> = {
  lint: { long: '--format', short: '-f' },
  replay: { long: '--reporter' },
  mock: { long: '--reporter' },
};

/**
 * Whether `args` ask `command` for GitHub output, read from the words themselves: a usage error may come from the
 * option parser, before any value is known. The last one given wins, as for the parser.
 */
export function asksForGithub(command: CommandName, args: readonly string[]): boolean {
  const option = GITHUB_OPTION[command];
  if (!option) return false;
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === option.long || arg === option.short) value = args[++i];
    else if (arg.startsWith(`${option.long}=`)) value = arg.slice(option.long.length + 1);
    else if (option.short && arg.startsWith(option.short) && !arg.startsWith('--')) value = arg.slice(option.short.length);
  }
  return value === 'github';
}

/** `::error file=F,title=smtp-transcript COMMAND::MESSAGE`; without a file, about the run; the message's first line. */
export function problemAnnotation(command: CommandName, problem: { file?: string; message: string }, level: 'error' | 'warning' = 'error', line?: number): string {
  // A usage error goes on with the command's help: the annotation says the mistake.
  const message = problem.message.split('\n')[0];
  return annotationCommand({ level, ...(problem.file === undefined ? {} : { file: problem.file }), line, title: `smtp-transcript ${command}`, message }) + '\n';
}
