// Every command's options read the same way: node's parseArgs, a mistake as a UsageError (exit 2 with the message),
// and --help printing the command's help.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestMatch } from '../knowledge/didYouMean';
import { UsageError, type CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

/** The parsed values and positionals; undefined when --help was asked for (the help is printed). */
export function commandArgs<const O extends Options>(io: CliIo, args: string[], options: O, help: string): Parsed<O> | undefined {
  const parsed = parsedOptions(args, options);
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(help);
    return undefined;
  }
  return parsed;
}

/** node's parseArgs, a mistake as a UsageError. */
function parsedOptions<const O extends Options>(args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    const problem = error as NodeJS.ErrnoException;
    throw new UsageError(unknownOption(problem, Object.keys(options)) ?? dashedValue(problem) ?? problem.message);
  }
}

/**
 * `--concurrency -1`: node reads a value starting with a dash as a missing value, in three lines of its own; one line
 * says what was meant and how to write it.
 */
function dashedValue(error: NodeJS.ErrnoException): string | undefined {
  const option = error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? /^Option '(--[^']+)' argument is ambiguous/.exec(error.message)?.[1] : undefined;
  return option && `${option} is followed by an option or a value starting with a dash: give it a value, or write a dashed one as ${option}=-1`;
}

/**
 * An unknown option said plainly, with the option it likely stands for (`--frmat`: `--format`); node's own message
 * suggests quoting it after `--`, which is never what a misspelt option meant. Undefined for any other mistake.
 */
function unknownOption(error: NodeJS.ErrnoException, names: readonly string[]): string | undefined {
  // "Unknown option '--it's'. To specify...": the option may hold a quote, so it ends at the quote before ". " or the end.
  const written = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '(.+?)'(?=\. |$)/.exec(error.message)?.[1] : undefined;
  if (!written) return undefined;
  const name = written.replace(/^--?/, '').split('=')[0];
  const likely = closestMatch(name, names);
  return `unknown option ${written}${likely ? `: did you mean --${likely}?` : ''} (--help lists the options)`;
}
