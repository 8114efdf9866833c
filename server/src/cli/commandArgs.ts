// Every command's options read the same way: node's parseArgs, a mistake as a UsageError (exit 2 with the message),
// and --help printing the command's help.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

/** The parsed values and positionals; undefined when --help was asked for (the help is printed). */
export function commandArgs<const O extends Options>(io: CliIo, args: string[], options: O, help: string): Parsed<O> | undefined {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(help);
    return undefined;
  }
  return parsed;
}
