// The `auth` command's text: each result with its reason (the record, the tag, what failed), the DNS questions
// asked, and what a strict receiver would answer. Pure: a verdict in, lines out.
import type { AuthenticationVerdict } from './authenticateMessage';
import { hasAuthorDomain } from './dmarcAlignment';
import { isDmarcRecord } from './dmarcDiscovery';
import { sampledPolicy } from './dmarcRecord';
import { answerWord, type AuthRejection } from './enforcement';

// RFC 7489 §6.6.1: DMARC judges the domains of the one From: field; without one, or with several fields, it has none.
function noAuthorDomain(authors: readonly string[], fromFields: number): string {
  const noDomain = authors.filter((author) => !hasAuthorDomain(author));
  if (fromFields > 1) return `: the From: header fields name ${authors.length} addresses (${authors.join(', ')}), so DMARC has no one author domain to check (RFC 7489 §6.6.1)`;
  if (noDomain.length > 0) return `: the From: address ${noDomain.join(', ')} has no domain name, so DMARC has no author domain to check (RFC 7489 §6.6.1)`;
  return `: ${fromFields === 0 ? 'the message has no From: header field' : 'the From: header field holds no address'}, so DMARC has no author domain to check (RFC 7489 §6.6.1)`;
}

// RFC 7489 §6.6.3: the policy is the one DMARC record at _dmarc.<From domain>, else at its organizational domain;
// none there, or several, and DMARC applies no policy.
function noPolicy(verdict: AuthenticationVerdict): string {
  const asked = verdict.dns.filter((question) => question.type === 'TXT' && question.name.startsWith('_dmarc.'));
  const several = asked.find((question) => question.answer.filter((answer) => isDmarcRecord(answer.slice(1, -1).trim())).length > 1);
  if (several) return `: ${several.name} holds several DMARC records, so none applies (RFC 7489 §6.6.3)`;
  return asked.length === 0 ? '' : `: no DMARC record (${asked.map((question) => question.name).join(', ')})`;
}

/** The DMARC record lookups that failed, as the DNS questions show them: `_dmarc.example.test: error ESERVFAIL`. */
function failedPolicyLookups(verdict: AuthenticationVerdict): string {
  const failed = verdict.dns.filter((q) => q.type === 'TXT' && q.name.startsWith('_dmarc.') && q.answer.length === 1 && q.answer[0].startsWith('error '));
  return failed.map((q) => `${q.name}: ${q.answer[0]}`).join(', ');
}

// Why DMARC passed, failed or did not apply; and why the record's policy was not taken as written (RFC 7489 §6.6.3).
function dmarcExplanation(verdict: AuthenticationVerdict): string {
  const { dmarc } = verdict;
  if (dmarc.result === 'none') return dmarc.policyProblem ? `: ${dmarc.policyProblem}` : dmarc.domain ? noPolicy(verdict) : noAuthorDomain(verdict.authors, verdict.fromFields);
  const alignment = [dmarc.spfAligned && `SPF aligned (${dmarc.spfAligned})`, dmarc.dkimAligned && `DKIM aligned (${dmarc.dkimAligned})`].filter(Boolean).join(', ');
  // The policy record could not be fetched (a DNS failure): alignment is judged in the default, relaxed mode.
  if (dmarc.result === 'temperror') {
    return `: the DMARC record could not be fetched for now (${failedPolicyLookups(verdict) || dmarc.reason || 'a DNS failure'}); ${alignment ? `${alignment}, in relaxed mode` : 'neither SPF nor DKIM aligned with From, in relaxed mode'}`;
  }
  return `: ${alignment || 'neither SPF nor DKIM aligned with From'}${dmarc.policyProblem ? `; ${dmarc.policyProblem}` : ''}`;
}

/** An SPF check's result with its reason, the record, the term that matched and the domain's explanation. */
function spfLines(lines: string[], spf: AuthenticationVerdict['spf'], identity: string): void {
  lines.push(`spf=${spf.result}${identity ? ` (${identity})` : ''}${spf.reason ? `: ${spf.reason}` : ''}`);
  if (spf.record) lines.push(`  record: ${spf.domain} TXT "${spf.record}"`);
  if (spf.matched) lines.push(`  matched: ${spf.matched.term}${spf.matched.domain === spf.domain ? '' : ` (in the record of ${spf.matched.domain}, by redirect)`}`);
  if (spf.explanation !== undefined) lines.push(`  explanation (exp=): ${spf.explanation}`);
}

// Long records (DKIM keys) are cut for reading; the zone file holds them whole.
const SHOWN_ANSWER = 100;

export function formatAuthReport(verdict: AuthenticationVerdict, rejection: AuthRejection | undefined): string[] {
  const { spf, dkim, dmarc, arc } = verdict;
  const lines: string[] = [];
  spfLines(lines, spf, spf.domain);
  if (verdict.spfHelo) spfLines(lines, verdict.spfHelo, `HELO ${verdict.spfHelo.domain}`);
  for (const signature of dkim) {
    const tags = [signature.domain && `d=${signature.domain}`, signature.selector && `s=${signature.selector}`, signature.algorithm && `a=${signature.algorithm}`].filter(Boolean).join(' ');
    const aligned = signature.result === 'pass' ? (signature.aligned ? ', aligned with From' : ', not aligned with From') : '';
    lines.push(`dkim=${signature.result}${tags ? ` ${tags}` : ''}${signature.reason ? `: ${signature.reason}` : ''}${aligned}`);
    if (signature.domain && signature.selector) lines.push(`  key: ${signature.selector}._domainkey.${signature.domain}`);
    for (const note of signature.notes ?? []) lines.push(`  note: ${note}`);
  }
  if (dkim.length === 0) lines.push('dkim=none: message not signed');
  const pct = dmarc.policy && dmarc.pct !== undefined && dmarc.pct < 100 ? ` pct=${dmarc.pct}` : '';
  lines.push(`dmarc=${dmarc.result}${dmarc.domain ? ` header.from=${dmarc.domain}` : ''}${dmarc.policy ? ` p=${dmarc.policy}${pct}` : ''}${dmarcExplanation(verdict)}`);
  if (dmarc.record) lines.push(`  record: _dmarc.${dmarc.recordDomain ?? dmarc.domain} TXT "${dmarc.record}"`);
  for (const problem of dmarc.recordProblems ?? []) lines.push(`  note: ${problem}`);
  if (dmarc.nonExistent) lines.push(`  note: ${dmarc.domain} does not exist (no A, AAAA or MX record), so the record's np= applies when valid (RFC 9091 §4.1)`);
  if (dmarc.authorDomains) {
    lines.push(`  note: From: names ${dmarc.authorDomains.length} domains (${dmarc.authorDomains.join(', ')}): each is checked, and the strictest policy among those that fail applies (RFC 7489 §6.6.1)`);
  }
  const sampled = dmarc.policy && dmarc.pct !== undefined ? sampledPolicy(dmarc.policy, dmarc.pct) : undefined;
  if (sampled) lines.push(`  sampling: ${sampled} (RFC 7489 §6.6.4)`);
  lines.push(`arc=${arc.result}${arc.reason ? `: ${arc.reason}` : ''}`);
  lines.push('DNS questions:');
  for (const question of verdict.dns) {
    const answers = question.answer.map((a) => (a.length > SHOWN_ANSWER ? `${a.slice(0, SHOWN_ANSWER)}...` : a)).join(', ');
    lines.push(`  ${question.name} ${question.type} -> ${answers}`);
  }
  const says = rejection && (answerWord(rejection.code) === 'deferred' ? 'defers it' : 'refuses it');
  lines.push(rejection ? `A strict receiver ${says}: ${rejection.code} ${rejection.enhanced} ${rejection.text}` : 'A strict receiver accepts it.');
  return lines;
}
