// The CLI's commands by name: one list for the dispatcher (runCli.ts) and for the launcher, which names the code cache
// after the command before the engine is loaded (cliLauncher.ts).
export const COMMAND_NAMES = ['lint', 'replay', 'serve', 'mock', 'record', 'import', 'auth', 'export'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export function isCommandName(name: string | undefined): name is CommandName {
  return (COMMAND_NAMES as readonly (string | undefined)[]).includes(name);
}
