// A zone file named by a setting (smtp.localServer.zoneFile, smtp.mock.zoneFile) read as DNS answers for the
// built-in servers' authentication checks; a file with mistakes stops the start with every problem named.
import * as vscode from 'vscode';
import { replayEngine } from './replayEngine';
import { settingPath } from './settingPath';

export async function zoneFileResolver(settingKey: string, zoneFile: string) {
  const file = settingPath(settingKey, zoneFile);
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
  } catch (error) {
    throw new Error(`${settingKey} ${file} could not be read: ${(error as Error).message}`);
  }
  const engine = replayEngine();
  const zone = engine.parseZone(text);
  if (zone.problems.length > 0) {
    throw new Error(`${settingKey} ${file}: ${zone.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
  return engine.zoneResolver(zone);
}
