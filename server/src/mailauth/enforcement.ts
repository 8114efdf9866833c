// What a strict receiver says at the end of DATA about a message that fails authentication (docs/zone-file.md,
// "Enforcing"): the RFC 7372 enhanced status codes, in this order of precedence:
//   several From: fields                          550 5.7.26 (DMARC has no one author domain, RFC 7489 §6.6.1)
//   no From: address with a domain name          550 5.7.1 (RFC 5322 §3.6 requires one From: address; RFC 7489
//                                                 §6.6.1: such messages are typically rejected; Gmail does, with 5.7.1)
//   DMARC fails under p=reject or p=quarantine   550 5.7.26 (neither SPF nor DKIM passed aligned: both checks failed);
//                                                 451 4.7.26 when a check of the From domain's own failed for now
//                                                 (a temperror: a later attempt may pass)
//     with pct below 100 (RFC 7489 §6.6.4), the policy every failing message gets: p=reject quarantines the rest,
//     so it still refuses; p=quarantine leaves the rest to the receiver's usual handling, the rules below
//   SPF fails (`-all` matched)                    550 5.7.23
//   SPF of the HELO name fails (RFC 7208 §2.3)    550 5.7.23
//   SPF errs                                      451 4.7.24 (temperror) / 550 5.7.24 (permerror)
//   signatures present, none passes               451 4.7.20 when a key lookup failed for now (a DKIM temperror:
//                                                 RFC 6376 §6.1.2 lets the verifier try later), else 550 5.7.20
//   neither SPF nor DKIM passes                   550 5.7.26
//   DMARC record lookup failed for now (temperror), no pass aligned with From
//                                                 451 4.7.26 (RFC 7489 §6.6.3 leaves DNS failures to the receiver)
// Pure: a verdict in, a rejection or undefined out.
import type { AuthenticationVerdict } from './authenticateMessage';
import { CRLF, withinOctets } from '../dialogue/framing';
import { shownInReplyText } from '../dialogue/replyLine';
import { SMTP_SIZE_LIMITS } from '../knowledge/limits';
import { hasAuthorDomain } from './dmarcAlignment';
import { sampledPolicy } from './dmarcRecord';
import { STRICT_REPLIES, type StrictReply } from '../knowledge/strictReceiverReplies';

export interface AuthRejection extends StrictReply {
  text: string;
}

/**
 * A strict receiver's answer as reports name it: a 4xx defers the message (the sender tries again later, RFC 5321
 * §4.2.1), a 5xx refuses it. `reply` is the code, or the reply's text starting with it.
 */
export function answerWord(reply: string | number): 'deferred' | 'refused' {
  return String(reply).startsWith('4') ? 'deferred' : 'refused';
}

/**
 * The strict receiver's answer to `verdict`, or undefined when it accepts the message. Its text fits one reply line
 * (RFC 5321 §4.5.3.1.5, 512 octets with code and CRLF): a message with many signatures or addresses is cut short,
 * and control characters are written as `\xHH`.
 */
export function rejectionFor(verdict: AuthenticationVerdict): AuthRejection | undefined {
  const rejection = firstRejection(verdict);
  if (!rejection) return undefined;
  // What DNS or the message supplied (an SPF exp= text, an address) holds no control character a reply may not (§4.2).
  const shown = shownInReplyText(rejection.text);
  const room = SMTP_SIZE_LIMITS.replyLine.octets - CRLF.length - `${rejection.code} ${rejection.enhanced} `.length;
  const text = withinOctets(shown, room) === shown ? shown : `${withinOctets(shown, room - CUT.length)}${CUT}`;
  return text === rejection.text ? rejection : { ...rejection, text };
}

const CUT = '...';

function firstRejection(verdict: AuthenticationVerdict): AuthRejection | undefined {
  const { spf, dkim, dmarc } = verdict;
  const signatures = dkim.filter((d) => d.result !== 'none');
  const dkimPassed = signatures.some((d) => d.result === 'pass');
  // Two From: fields can pass DKIM over the one a verifier reads while a reader sees the other (RFC 6376 §8.15);
  // RFC 5322 §3.6 allows one, and receivers refuse such a message (RFC 7489 §6.6.1 leaves it outside DMARC).
  if (verdict.fromFields > 1) {
    return { ...STRICT_REPLIES.severalAuthors, text: `The From: header fields name ${verdict.authors.length} addresses (${shownAddresses(verdict.authors)}): DMARC needs one author domain (RFC 7489 §6.6.1)` };
  }
  const noDomain = verdict.authors.filter((author) => !hasAuthorDomain(author));
  if (verdict.authors.length === 0 || noDomain.length > 0) {
    const what =
      noDomain.length > 0 ? `The From: address ${shownAddresses(noDomain)} has no domain name` : verdict.fromFields === 0 ? 'The message has no From: header field' : 'The From: header field holds no address';
    return { ...STRICT_REPLIES.noAuthorDomain, text: `${what}: a message needs one From: address (RFC 5322 §3.6, §3.4.1), and DMARC its domain (RFC 7489 §6.6.1)` };
  }
  const pct = dmarc.pct ?? 100;
  if (dmarc.result === 'fail' && (dmarc.policy === 'reject' || (dmarc.policy === 'quarantine' && pct >= 100))) {
    const forNow = temporaryFailures(verdict);
    if (forNow.length > 0) {
      return { ...STRICT_REPLIES.dmarcForNow, text: `The domain's DMARC policy could not be applied for now, try again later: ${forNow.join('; ')}` };
    }
    const sampled = sampledPolicy(dmarc.policy, pct);
    return {
      ...STRICT_REPLIES.dmarcPolicy,
      text: `Unauthenticated email from ${dmarc.domain} is not accepted due to the domain's DMARC policy (${sampled ? `${sampled}; RFC 7489 §6.6.4` : `p=${dmarc.policy}`}): no aligned SPF or DKIM pass (spf=${spf.result}, dkim=${summary(signatures)})`,
    };
  }
  if (spf.result === 'fail') {
    // RFC 7208 §8.4: the domain's own explanation (its exp=) goes into the rejection, said to be the domain's.
    const why = spf.explanation !== undefined ? `the domain ${spf.matched?.domain ?? spf.domain} explains: ${spf.explanation}` : (spf.reason ?? `spf=fail for ${spf.domain}`);
    return { ...STRICT_REPLIES.spfFail, text: `SPF validation failed: ${why}` };
  }
  // RFC 7208 §2.3: a HELO identity that fails is as conclusive as MAIL FROM's (a receiver may decide on it alone).
  const helo = verdict.spfHelo;
  if (helo?.result === 'fail') {
    const why = helo.explanation !== undefined ? `the domain ${helo.matched?.domain ?? helo.domain} explains: ${helo.explanation}` : (helo.reason ?? `spf=fail for ${helo.domain}`);
    return { ...STRICT_REPLIES.spfFail, text: `SPF validation of the HELO name ${helo.domain} failed: ${why}` };
  }
  if (spf.result === 'temperror') return { ...STRICT_REPLIES.spfTemperror, text: `SPF validation error (temporary): ${spf.reason ?? spf.domain}` };
  if (spf.result === 'permerror') return { ...STRICT_REPLIES.spfPermerror, text: `SPF validation error: ${spf.reason ?? `the SPF record of ${spf.domain} is invalid`}` };
  if (signatures.length > 0 && !dkimPassed) {
    const failedForNow = signatures.filter((d) => d.result === 'temperror');
    if (failedForNow.length > 0) {
      return { ...STRICT_REPLIES.dkimForNow, text: `DKIM could not be checked for now, try again later (${failedForNow.map((d) => `${signatureName(d)}: ${d.reason ?? 'DNS failure'}`).join('; ')})` };
    }
    return { ...STRICT_REPLIES.dkimFail, text: `No passing DKIM signature found (${signatures.map((d) => `${signatureName(d)}: ${d.result}${d.reason ? `, ${d.reason}` : ''}`).join('; ')})` };
  }
  if (spf.result !== 'pass' && !dkimPassed) {
    return { ...STRICT_REPLIES.unauthenticated, text: `Message not authenticated: neither SPF nor DKIM passed (spf=${spf.result}, dkim=${summary(signatures)})` };
  }
  // RFC 7489 §6.6.3 leaves a DNS failure of the policy lookup to the receiver: with no pass aligned with From, the
  // policy it could not read may reject the message, so a strict receiver asks for it again later.
  if (dmarc.result === 'temperror' && !dmarc.spfAligned && !dmarc.dkimAligned) {
    return { ...STRICT_REPLIES.dmarcForNow, text: `The DMARC policy of ${dmarc.domain ?? 'the From domain'} could not be fetched for now, and no SPF or DKIM pass aligns with it: try again later` };
  }
  return undefined;
}

/**
 * The checks of the From domain's own identities that failed for now (`temperror`: a DNS failure): an SPF check of
 * the MAIL FROM domain, or a DKIM signature by a domain, at or under the From domain's, or over it.
 */
function temporaryFailures({ spf, dkim, dmarc }: AuthenticationVerdict): string[] {
  const from = dmarc.domain?.toLowerCase();
  const related = (domain: string | undefined): boolean => {
    const d = domain?.toLowerCase();
    return from !== undefined && d !== undefined && (d === from || d.endsWith(`.${from}`) || from.endsWith(`.${d}`));
  };
  const found: string[] = [];
  if (spf.result === 'temperror' && related(spf.domain)) found.push(`SPF of ${spf.domain}: ${spf.reason ?? 'DNS failure'}`);
  for (const d of dkim) if (d.result === 'temperror' && related(d.domain)) found.push(`DKIM ${signatureName(d)}: ${d.reason ?? 'DNS failure'}`);
  return found;
}

/** A signature as the answers name it: `d=example.test s=sel`. */
function signatureName(d: AuthenticationVerdict['dkim'][number]): string {
  return [d.domain && `d=${d.domain}`, d.selector && `s=${d.selector}`].filter(Boolean).join(' ') || 'a signature without d= and s=';
}

function summary(signatures: AuthenticationVerdict['dkim']): string {
  return signatures.length === 0 ? 'none' : signatures.map((d) => d.result).join(',');
}

// An address from the message, cut when long: the reply line holds 512 octets (RFC 5321 §4.5.3.1.5), and several fit.
const SHOWN_ADDRESS = 100;
function shownAddresses(addresses: readonly string[]): string {
  return addresses.map((a) => (a.length > SHOWN_ADDRESS ? `${a.slice(0, SHOWN_ADDRESS)}${CUT}` : a)).join(', ');
}
