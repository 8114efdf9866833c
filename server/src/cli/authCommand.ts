// `smtp-transcript auth MESSAGE.eml --ip IP --helo NAME --mail-from ADDR [--zone FILE | --real-dns] [--json]`
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { authenticateMessage } from '../mailauth/authenticateMessage';
import { formatAuthReport } from '../mailauth/authReport';
import { rejectionFor } from '../mailauth/enforcement';
import { dnsResolverOption } from './dnsOption';
import { describeError, FileProblem, readRegularFile } from '../io/regularFiles';
import type { CliIo } from './io';
import { commandArgs } from './commandArgs';
import { UsageError } from './io';

const HELP = `usage: smtp-transcript auth MESSAGE.eml --ip IP --helo NAME --mail-from ADDR [--zone FILE | --real-dns]

Judges a message as a receiving server would: SPF for the client IP, MAIL FROM and HELO (RFC 7208), every DKIM
signature (RFC 6376), DMARC alignment and policy (RFC 7489) and ARC (RFC 8617). Prints each result with its
reason, the DNS questions asked, and the Authentication-Results header field (RFC 8601).

  --ip IP            the SMTP client's IP address
  --helo NAME        the EHLO/HELO name the client gave
  --mail-from ADDR   the MAIL FROM address; '' or '<>' for the null reverse-path
  --zone FILE        answer DNS questions from a zone file (docs/zone-file.md)
  --real-dns         ask the system's DNS resolver instead (the only way this command touches the network)
  --authserv-id NAME the receiver's name in Authentication-Results (default localhost)
  --json             print the results as JSON
  -h, --help         show this help

Examples:
  smtp-transcript auth examples/auth/signed.eml --ip 127.0.0.1 --helo client.test --mail-from bounce@soft.test --zone examples/auth/auth.zone
  smtp-transcript auth message.eml --ip 203.0.113.5 --helo mail.example.org --mail-from a@example.org --real-dns

Exit code: 0 when a strict receiver would accept the message, 1 when it would refuse it, 2 on a usage
problem, an unreadable message or a zone file with mistakes (each listed with its line).
`;

// Larger than any message a receiver accepts (common limits are 25-50 MB).
const MAX_MESSAGE_OCTETS = 64 * 1024 * 1024;

const OPTIONS = {
  ip: { type: 'string' },
  helo: { type: 'string' },
  'mail-from': { type: 'string' },
  zone: { type: 'string' },
  'real-dns': { type: 'boolean' },
  'authserv-id': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runAuth(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`give one message file\n${HELP}`);
  const ip = values.ip;
  if (ip === undefined || isIP(ip) === 0) throw new UsageError(ip === undefined ? '--ip is required: the SMTP client\'s address' : `--ip takes an IPv4 or IPv6 address, not '${ip}'`);
  const helo = values.helo;
  if (helo === undefined || helo.trim() === '' || /\s/.test(helo)) throw new UsageError(helo === undefined ? '--helo is required: the EHLO/HELO name' : `--helo takes one name, not '${helo}'`);
  const mailFromText = values['mail-from'];
  if (mailFromText === undefined) throw new UsageError("--mail-from is required: the MAIL FROM address ('<>' for the null reverse-path)");
  const mailFrom = mailFromText.replace(/^<(.*)>$/, '$1');
  if (mailFrom !== '' && !/^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom)) throw new UsageError(`--mail-from takes an address like alice@example.org, not '${mailFromText}'`);
  const resolver = await dnsResolverOption(values.zone, values['real-dns'], io.cwd);
  if (!resolver) throw new UsageError('say where DNS answers come from: --zone FILE (offline) or --real-dns');

  const file = resolve(io.cwd, positionals[0]);
  let message: Buffer;
  try {
    const info = await stat(file);
    if (info.size > MAX_MESSAGE_OCTETS) throw new UsageError(`${positionals[0]}: ${info.size} octets is larger than any receiver accepts (at most ${MAX_MESSAGE_OCTETS})`);
    // Only a regular file: /dev/zero (stat size 0) never ends, a FIFO blocks.
    message = await readRegularFile(file, MAX_MESSAGE_OCTETS);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${positionals[0]}: ${error instanceof FileProblem ? error.message : describeError(error as NodeJS.ErrnoException)}`);
  }
  // A message saved with LF line ends is judged as it would travel: with CRLF (RFC 5322 §2.1).
  const wire = Buffer.from(message.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  const notMessage = notAMessage(wire);
  if (notMessage) throw new UsageError(`${positionals[0]}: ${notMessage}`);
  const verdict = await authenticateMessage({ message: wire, ip, helo, mailFrom, resolver, authservId: values['authserv-id'] ?? 'localhost' });
  const rejection = rejectionFor(verdict);
  if (values.json) {
    io.stdout(`${JSON.stringify({ file: positionals[0], ...verdict, strictReceiver: rejection ?? 'accept' }, null, 2)}\n`);
  } else {
    io.stdout(`${positionals[0]}: from <${mailFrom}> at ${ip} (HELO ${helo})\n`);
    io.stdout(formatAuthReport(verdict, rejection).join('\n') + '\n\n' + verdict.headers.replace(/\r\n/g, '\n'));
  }
  return rejection ? 1 : 0;
}

// RFC 5322 §2.1, §2.2: a message is header fields (`Name: value`, folded lines starting with a blank), then an empty
// line and the body. A file that does not start so is something else: judged anyway it would read as unsigned mail
// without a From, which says nothing of the file.
function notAMessage(wire: Buffer): string | undefined {
  if (wire.length === 0) return 'the file is empty: give a message (header fields, an empty line, the body; RFC 5322 §2.1)';
  const firstLine = wire.subarray(0, Math.min(wire.length, 1000)).toString('latin1').split('\r\n')[0];
  if (/^From /.test(firstLine)) return 'starts with an mbox `From ` line: save the message alone, from its first header field (RFC 5322 §2.2)';
  if (!/^[!-9;-~]+[ \t]*:/.test(firstLine)) {
    const shown = firstLine.length > 40 ? `${firstLine.slice(0, 40)}...` : firstLine;
    return `is not a message: it must start with a header field such as \`From: <alice@example.org>\` (RFC 5322 §2.2), and line 1 is \`${shown.replace(/[^\x20-\x7e]/g, '?')}\``;
  }
  return undefined;
}
