// MAIL FROM and RCPT TO as the local server reads them (RFC 5321 §4.1.1.2-3, §4.1.2): the path, then ESMTP
// parameters checked against the parameter table, the keywords the server advertises and each value's own check.
import { parameterKeyword, parameterValue, readPathArgument } from '../dialogue/pathArgument';
import { SMTP_SIZE_LIMITS } from '../knowledge/limits';
import { lookupMailParameter, missingExtensions, type ParameterCommand } from '../knowledge/mailParameters';
import { LOCAL_REPLIES, type Reply } from './localReplies';

export interface Envelope {
  /** Empty for the null reverse-path `<>`. */
  readonly mailFrom: string;
  readonly recipients: string[];
  /** BODY=BINARYMIME: the content must come with BDAT (RFC 3030 §3). */
  readonly binary: boolean;
  /** SMTPUTF8 on MAIL: non-ASCII addresses allowed (RFC 6531 §3.4). */
  readonly utf8: boolean;
}

export interface AcceptedPath {
  readonly address: string;
  /** Upper-case parameter names and their values (undefined: written without `=`). */
  readonly parameters: ReadonlyMap<string, string | undefined>;
}

// Lenient, as a test server should be: a local part (a quoted string may hold spaces, RFC 5321 §4.1.2), `@`, a domain.
const MAILBOX = /^(?:[^@\s<>"]+|"(?:[^"\\]|\\.)*")@[^@\s<>]+$/;
// RFC 5321 §4.1.1.3: every server accepts mail for its postmaster, written without a domain.
const POSTMASTER = /^postmaster$/i;

/**
 * The path and parameters of `MAIL FROM:<...> ...` / `RCPT TO:<...> ...`, or the refusal: bad syntax (501),
 * an unknown or unadvertised parameter (555, RFC 5321 §4.1.1.11), a bad value (501), a too long path.
 */
export function acceptedPath(command: ParameterCommand, argument: string, advertised: (keyword: string) => boolean): AcceptedPath | Reply {
  const badPath = command === 'MAIL' ? LOCAL_REPLIES.badSender : LOCAL_REPLIES.badRecipient;
  const framed = readPathArgument(command, argument.trim());
  const path = framed.path;
  if (!path?.bracketed || !path.closed || framed.junkAfterPath) return LOCAL_REPLIES.syntax(command === 'MAIL' ? 'Syntax: MAIL FROM:<address>' : 'Syntax: RCPT TO:<address>');
  const address = path.inner;
  const nullPath = command === 'MAIL' && address === '';
  const mailbox = MAILBOX.test(address) || (command === 'RCPT' && POSTMASTER.test(address));
  if ((!nullPath && !mailbox) || Buffer.byteLength(`<${address}>`) > SMTP_SIZE_LIMITS.path.octets) return badPath;
  const parameters = new Map<string, string | undefined>();
  for (const written of framed.parameters) {
    const name = parameterKeyword(written).toUpperCase();
    const value = parameterValue(written);
    const spec = lookupMailParameter(command, name);
    if (!spec || missingExtensions(spec, value, advertised).length > 0) return LOCAL_REPLIES.parameterNotSupported(`${name} parameter not supported`);
    const problem = spec.validate(value);
    if (problem) return LOCAL_REPLIES.syntax(problem);
    parameters.set(name, value);
  }
  return { address, parameters };
}

/** RFC 6531 §3.5: non-ASCII in a path needs SMTPUTF8 on MAIL. */
export function needsUtf8(address: string): boolean {
  return /[^\x00-\x7f]/.test(address);
}

export function isRejectedDomain(address: string, rejectDomains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return rejectDomains.some((rejected) => {
    const name = rejected.toLowerCase();
    return domain === name || domain.endsWith(`.${name}`);
  });
}
