// What the export tests share: a session exported with a fixed clock and ids, and the shipped examples.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportSession, type ExportTarget } from '../../../server/src/export';
import { parseTranscript } from '../../../server/src/model';

const REPO = join(__dirname, '../../../..');
export const fixed = { now: () => new Date(0), uuid: () => 'u' };

export function exported(text: string, target: ExportTarget, options: { fileName?: string; server?: string; ca?: string; folder?: string } = {}): string[] {
  return exportSession(parseTranscript(text), 0, target, { ...fixed, ...options }).split('\n');
}

export const example = (path: string): string => readFileSync(join(REPO, path), 'utf8');
