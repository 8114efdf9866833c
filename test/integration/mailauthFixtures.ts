// The zone, keys and independent verifier shared by the mail-authentication tests (test/fixtures/mailauth).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseZone, type Zone } from '../../server/src/mailauth/zoneFile';

export const FIXTURES = join(__dirname, '../../../test/fixtures/mailauth');
export const ZONE_FILE = join(FIXTURES, 'auth.zone');
export const RSA_KEY = join(FIXTURES, 'rsa-test-only.key.pem');
export const ED25519_KEY = join(FIXTURES, 'ed25519-test-only.key.pem');
const VERIFIER = join(__dirname, '../../../test/tools/dkim_verify.py');

export function loadTestZone(): Zone {
  const zone = parseZone(readFileSync(ZONE_FILE, 'utf8'));
  if (zone.problems.length > 0) throw new Error(`test zone: ${JSON.stringify(zone.problems)}`);
  return zone;
}

/** python3-dkim's verdict on `message`, its DNS answered from the zone's TXT records: `pass` or `fail`. */
export function dkimpyVerdict(message: Buffer, zone: Zone): string {
  const records: Record<string, string> = {};
  for (const record of zone.records) if (record.type === 'TXT') records[record.name] = record.strings.join('');
  const recordsFile = join(tmpdir(), `dkim-records-${process.pid}.json`);
  writeFileSync(recordsFile, JSON.stringify(records));
  // Debian's python, where python3-dkim is installed (a pyenv python on PATH would not have it).
  const run = spawnSync('/usr/bin/python3', [VERIFIER, recordsFile], { input: message, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`dkim_verify.py failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim();
}
