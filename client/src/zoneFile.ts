// A zone file named by a setting (smtp.localServer.zoneFile, smtp.mock.zoneFile) read as DNS answers for the
// built-in servers' authentication checks; a file with mistakes stops the start with its first problems named.
import * as vscode from 'vscode';
import { MAX_ZONE_OCTETS, visibleText } from '../../server/src/engine';
import { replayEngine } from './replayEngine';
import { settingPath } from './settingPath';

const SHOWN_PROBLEMS = 5;

export async function zoneFileResolver(settingKey: string, zoneFile: string) {
  const file = settingPath(settingKey, zoneFile);
  let text: string;
  try {
    const uri = vscode.Uri.file(file);
    const { size, type } = await vscode.workspace.fs.stat(uri);
    // Only a regular file: a device (/dev/zero) or a FIFO would be read without end.
    if (!(type & vscode.FileType.File)) throw new Error('it is not a regular file');
    if (size > MAX_ZONE_OCTETS) throw new Error(`${size} octets is not a hand-written zone file (at most ${MAX_ZONE_OCTETS})`);
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    throw new Error(`${settingKey} ${file} could not be read: ${(error as Error).message}`);
  }
  const engine = replayEngine();
  const zone = engine.parseZone(text);
  if (zone.problems.length > 0) {
    // One notification: the first problems, with how many more the file has (`smtp-transcript auth --zone` lists all).
    const shown = zone.problems.slice(0, SHOWN_PROBLEMS).map((p) => `line ${p.line}: ${visibleText(p.message)}`);
    const more = zone.problems.length - shown.length;
    throw new Error(`${settingKey} ${file}: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
  }
  return engine.zoneResolver(zone);
}
