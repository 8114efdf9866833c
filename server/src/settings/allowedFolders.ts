// smtp.includes.allowedFolders as the folders a transcript may read from, read alike by lint (the language server)
// and replay (the client). What is no folder name is left out, not refused; a relative folder starts at the
// transcript's workspace folder, and without one it is left out: a process's working directory is no folder a user
// chose. No node:path here: the web build's language server reads the setting too.

export function allowedFolderPaths(value: unknown, workspaceFolder: string | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((folder): folder is string => typeof folder === 'string' && folder.trim() !== '')
    .flatMap((folder) => {
      if (isAbsolutePath(folder)) return [folder];
      return workspaceFolder === undefined ? [] : [`${workspaceFolder.replace(/[\\/]+$/, '')}/${folder}`];
    });
}

/** `/x`, `\\server\share` or `C:\x`, as Node's path.isAbsolute reads them on the platforms VS Code runs on. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** The workspace folder (a path) holding `file`, else the first one; undefined without folders. */
export function workspaceFolderOf(file: string | undefined, workspaceFolders: readonly string[]): string | undefined {
  const inside = (folder: string) => file !== undefined && (file === folder || file.startsWith(`${folder.replace(/[\\/]+$/, '')}/`) || file.startsWith(`${folder.replace(/[\\/]+$/, '')}\\`));
  return workspaceFolders.find(inside) ?? workspaceFolders[0];
}
