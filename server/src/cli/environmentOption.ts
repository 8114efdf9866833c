// `--env NAME`: the environment of the `smtp-environments.json` nearest to each transcript (up to the working
// directory when the transcript is inside it). A missing file, an unknown name or a bad entry is a usage error.
import { dirname, resolve } from 'node:path';
import { environmentNames, environmentVariables, SHARED_ENVIRONMENT } from '../model/environments';
import { findEnvironmentFile } from '../io/environmentFile';
import { isInsideFolder } from '../io/namedFiles';
import { UsageError } from './io';

export const ENV_OPTION_HELP = `  --env NAME             use environment NAME of the nearest smtp-environments.json: its variables and settings
                         act like @name = value lines at the top of each transcript (the file's own win)`;

export interface CliEnvironment {
  variables: Map<string, string>;
  /** `"server": "local"`: replay against the built-in local server, as --local does. */
  local: boolean;
}

/** Undefined without `--env`. */
export async function loadCliEnvironment(name: string | undefined, transcriptPath: string, cwd: string): Promise<CliEnvironment | undefined> {
  if (name === undefined) return undefined;
  if (name === SHARED_ENVIRONMENT) throw new UsageError(`--env ${name}: ${SHARED_ENVIRONMENT} holds what every environment shares; name an environment`);
  const found = await findEnvironmentFile(transcriptPath, cwd);
  if (!found.path) {
    // A file above the working directory is not looked for: say where the search stopped, or it reads as missing.
    const upTo = isInsideFolder(dirname(resolve(cwd, transcriptPath)), cwd) ? ` up to the working directory ${cwd}, where the search stops` : '';
    throw new UsageError(`--env ${name}: no smtp-environments.json in ${transcriptPath}'s folder or above it${upTo}`);
  }
  if (found.problems.length > 0) throw new UsageError(found.problems.join('\n'));
  const variables = environmentVariables(found.file, name);
  if (!variables) {
    const names = environmentNames(found.file);
    throw new UsageError(`--env ${name}: ${found.path} has no such environment (${names.length > 0 ? `its environments: ${names.join(', ')}` : 'it defines none'})`);
  }
  const local = variables.get('server') === 'local';
  if (local) variables.delete('server');
  return { variables, local };
}
