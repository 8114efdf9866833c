// `--zone FILE` / `--real-dns`: where the mail-authentication checks get DNS answers (docs/zone-file.md).
// Real DNS only when asked for by name; a zone file with a mistake is refused with every problem listed.
import { promises as dns } from 'node:dns';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAX_ZONE_OCTETS, parseZone } from '../mailauth/zoneFile';
import { zoneResolver, type DnsAnswer, type DnsResolver } from '../mailauth/zoneResolver';
import { describeError, FileProblem, readRegularFile } from '../io/regularFiles';
import { UsageError } from './io';
import { visibleText } from '../report/visibleText';


/** The resolver `--zone`/`--real-dns` ask for; undefined when neither is given. */
export async function dnsResolverOption(zone: string | undefined, realDns: boolean | undefined, cwd: string): Promise<DnsResolver | undefined> {
  if (zone !== undefined && realDns) throw new UsageError('--zone and --real-dns both say where DNS answers come from: use one');
  if (realDns) return (name, type) => dns.resolve(name, type) as Promise<DnsAnswer>;
  if (zone === undefined) return undefined;
  const path = resolve(cwd, zone);
  let bytes: Buffer;
  try {
    // Only a regular file, and no more than a hand-written zone holds: /dev/zero never ends, a FIFO blocks.
    const size = (await stat(path)).size;
    if (size > MAX_ZONE_OCTETS) throw new UsageError(`--zone ${zone}: ${size} octets is not a hand-written zone file (at most ${MAX_ZONE_OCTETS})`);
    bytes = await readRegularFile(path, MAX_ZONE_OCTETS);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--zone ${zone}: ${error instanceof FileProblem ? error.message : describeError(error as NodeJS.ErrnoException)}`);
  }
  const parsed = parseZone(bytes.toString('utf8'));
  if (parsed.problems.length > 0) {
    throw new UsageError(`--zone ${zone} has ${parsed.problems.length} problem(s):\n${parsed.problems.map((p) => `  ${zone}:${p.line}: ${visibleText(p.message)}`).join('\n')}`);
  }
  return zoneResolver(parsed);
}
