// Mail-authentication header fields written into message content: DKIM-Signature (RFC 6376 §3.5), the ARC set
// (RFC 8617 §4.1) and Authentication-Results (RFC 8601 §2.2). A hand-written one that a verifier cannot even parse
// tests nothing; replay's own signature (`@dkim-*`) is added at send time and is not in the file.
import { isDomainName } from '../../../dialogue/domainName';
import { AUTH_RESULT_VALUES, DKIM_SIGNATURE, lookupTagListHeader, type TagListHeader } from '../../../knowledge/authHeaders';
import type { Transcript } from '../../../model/types';
import type { ContentLine, MessageContent } from '../../messageSections';
import { messageHeadersOf } from '../sessionArguments';
import { rule, type Finding, type RuleGroup } from '../rule';
import { detachedCopy } from '../textScan';
import { excerpt } from './excerpt';
import { wholeLineRange } from '../../../model/lineRanges';
import { ownEntry } from '../../../knowledge/ownEntry';

export const AuthHeaderRules = {
  dkimSignatureSyntax: rule('dkim-signature-syntax', 'warning', 'A DKIM-Signature header field is a tag list with v=1, a, b, bh, d, h (including From) and s, each tag once, with values verifiers accept.', { rfc: 6376, section: '3.5' }),
  arcHeaderSyntax: rule('arc-header-syntax', 'warning', 'ARC-Seal, ARC-Message-Signature and ARC-Authentication-Results carry an instance i=1..50 and the tags RFC 8617 requires.', { rfc: 8617, section: '4.1' }),
  authenticationResultsSyntax: rule('authentication-results-syntax', 'warning', 'Authentication-Results is `authserv-id; method=result ...` with a result the method defines (or `authserv-id; none`).', { rfc: 8601, section: '2.2' }),
};

interface HeaderField {
  first: ContentLine;
  name: string;
  /** Unfolded value (RFC 5322 §2.2.3). */
  value: string;
}

/** The header fields of a message whose lines hold no `{{...}}` (a substituted value is known only at replay). */
function literalFields(message: MessageContent): HeaderField[] {
  const fields: HeaderField[] = [];
  let current: (HeaderField & { literal: boolean }) | undefined;
  const flush = () => {
    if (current?.literal) fields.push({ first: current.first, name: current.name, value: current.value });
    current = undefined;
  };
  for (const line of message.lines) {
    if (line.role === 'header') {
      flush();
      // Most fields are none of these: their value is not even put together.
      if (!isCheckedField(line.name!)) continue;
      const text = line.line.text;
      const valueStart = line.valueRange!.start.character - line.line.character;
      current = { first: line, name: line.name!, value: text.slice(valueStart), literal: line.line.variables.length === 0 };
    } else if (line.role === 'header-continuation' && current) {
      current.value += line.line.text;
      if (line.line.variables.length > 0) current.literal = false;
    } else if (line.role !== 'header-continuation') {
      flush();
      if (line.role !== 'header-malformed') break;
    }
  }
  flush();
  return fields;
}

function isCheckedField(name: string): boolean {
  // Lower-cased only at the length of a results field: this runs for every header line of every message.
  const results = name.length === RESULTS.length || name.length === ARC_RESULTS.length ? name.toLowerCase() : '';
  return results === RESULTS || results === ARC_RESULTS || tagListHeaderOf(name) !== undefined;
}

const RESULTS = 'authentication-results';
const ARC_RESULTS = 'arc-authentication-results';

// Looked up once per spelling (the table lookup lower-cases every name it compares); bounded, for a generated file.
// Null: no such header, so one lookup tells a name looked up from a new one.
const TAG_LIST_HEADERS = new Map<string, TagListHeader | null>();

function tagListHeaderOf(name: string): TagListHeader | undefined {
  const known = TAG_LIST_HEADERS.get(name);
  if (known !== undefined) return known ?? undefined;
  const header = lookupTagListHeader(name);
  if (TAG_LIST_HEADERS.size < 1000) TAG_LIST_HEADERS.set(detachedCopy(name), header ?? null);
  return header;
}

function check(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    for (const message of messageHeadersOf(session)) {
      for (const field of literalFields(message)) {
        const lower = field.name.toLowerCase();
        const tagList = tagListHeaderOf(field.name);
        const problem =
          lower === 'authentication-results'
            ? authenticationResultsProblem(field.value)
            : lower === 'arc-authentication-results'
              ? arcResultsProblem(field.value)
              : tagList
                ? tagListProblem(tagList, field.value)
                : undefined;
        if (!problem) continue;
        const ruleId = lower === 'authentication-results' ? AuthHeaderRules.authenticationResultsSyntax.id : lower === 'dkim-signature' ? AuthHeaderRules.dkimSignatureSyntax.id : AuthHeaderRules.arcHeaderSyntax.id;
        findings.push({ ruleId, range: wholeLineRange(field.first.line), message: `${field.name}: ${problem}` });
      }
    }
  }
  return findings;
}

// RFC 6376 §3.2: tag-name = ALPHA *ALNUMPUNC; tag-value has no `;`.
const TAG_SPEC = /^[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*=(.*)$/s;

/** The tags of a tag list, or a problem. */
export function parseTagList(value: string): Map<string, string> | string {
  const tags = new Map<string, string>();
  const specs = value.split(';');
  if (specs[specs.length - 1].trim() === '') specs.pop();
  for (const spec of specs) {
    const match = TAG_SPEC.exec(spec);
    if (!match) return `\`${excerpt(spec.trim())}\` is not a tag \`name=value\` (tags are separated by \`;\`, RFC 6376 §3.2)`;
    if (tags.has(match[1])) return `the tag \`${match[1]}=\` appears twice; each tag may appear once (RFC 6376 §3.2)`;
    tags.set(match[1], match[2].trim());
  }
  return tags;
}

function tagListProblem(spec: TagListHeader, value: string): string | undefined {
  const tags = parseTagList(value);
  if (typeof tags === 'string') return tags;
  const missing = spec.tags.filter((t) => t.required && !tags.has(t.tag)).map((t) => `\`${t.tag}=\``);
  if (missing.length > 0) return `the required tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (${specLabel(spec)})`;
  const version = tags.get('v');
  if (spec === DKIM_SIGNATURE && version !== '1') return `\`v=${version}\`: the only version is \`v=1\` (RFC 6376 §3.5)`;
  const algorithm = tags.get('a')!;
  if (algorithm.toLowerCase() === 'rsa-sha1') return '`a=rsa-sha1`: verifiers must not accept SHA-1 signatures any more; use `rsa-sha256` (RFC 8301 §3.1)';
  if (!['rsa-sha256', 'ed25519-sha256'].includes(algorithm.toLowerCase())) return `\`a=${excerpt(algorithm)}\` is not a signing algorithm: \`rsa-sha256\` or \`ed25519-sha256\` (RFC 6376 §3.3, RFC 8463)`;
  const canonicalization = tags.get('c');
  if (canonicalization !== undefined && !/^(simple|relaxed)(\/(simple|relaxed))?$/i.test(canonicalization)) {
    return `\`c=${excerpt(canonicalization)}\` is not a canonicalization: \`simple\` or \`relaxed\`, as \`header/body\` (RFC 6376 §3.4)`;
  }
  if (!isDomainName(tags.get('d')!)) return `\`d=${excerpt(tags.get('d')!)}\` is not a domain`;
  if (!isDomainName(tags.get('s')!)) return `\`s=${excerpt(tags.get('s')!)}\` is not a selector (DNS labels, RFC 6376 §3.1)`;
  const signed = tags.get('h');
  if (signed !== undefined && !signed.split(':').some((name) => name.trim().toLowerCase() === 'from')) return '`h=` does not list `From`, which must be signed (RFC 6376 §5.4)';
  for (const name of ['t', 'x', 'l']) {
    const number = tags.get(name);
    if (number !== undefined && !/^\d{1,12}$/.test(number)) return `\`${name}=${excerpt(number)}\` is not a number`;
  }
  if (tags.has('t') && tags.has('x') && Number(tags.get('x')) <= Number(tags.get('t'))) return '`x=` (expiry) is not after `t=` (signing time) (RFC 6376 §3.5)';
  if (spec !== DKIM_SIGNATURE) return instanceProblem(tags.get('i')!) ?? cvProblem(spec, tags.get('cv'));
  const identity = tags.get('i');
  if (identity !== undefined) {
    const domain = identity.slice(identity.lastIndexOf('@') + 1).toLowerCase();
    const d = tags.get('d')!.toLowerCase();
    if (!identity.includes('@') || (domain !== d && !domain.endsWith(`.${d}`))) return `\`i=${excerpt(identity)}\` must be \`[local]@domain\` with the domain \`${d}\` or a subdomain of it (RFC 6376 §3.5)`;
  }
  return undefined;
}

function specLabel(spec: TagListHeader): string {
  return `RFC ${spec.rfc.rfc} §${spec.rfc.section}`;
}

// RFC 8617 §4.2.1: at most 50 ARC sets.
function instanceProblem(instance: string): string | undefined {
  return /^\d+$/.test(instance) && Number(instance) >= 1 && Number(instance) <= 50 ? undefined : `\`i=${excerpt(instance)}\` is not an instance number from 1 to 50 (RFC 8617 §4.2.1)`;
}

function cvProblem(spec: TagListHeader, cv: string | undefined): string | undefined {
  if (spec.name !== 'ARC-Seal' || cv === undefined) return undefined;
  return ['none', 'pass', 'fail'].includes(cv.toLowerCase()) ? undefined : `\`cv=${excerpt(cv)}\` is not a chain status: \`none\`, \`pass\` or \`fail\` (RFC 8617 §4.1.3)`;
}

/** RFC 5322 §3.2.2: comments in parentheses (which nest) are not part of the value. */
function withoutComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const char of value) {
    if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out;
}

function authenticationResultsProblem(value: string): string | undefined {
  const [authservId, ...results] = withoutComments(value).split(';');
  const id = authservId.trim().split(/\s+/)[0] ?? '';
  if (id === '' || id.includes('=')) return 'the value starts with the authserv-id, the name of the receiver that checked (`mx.example.org; spf=pass ...`, RFC 8601 §2.2)';
  return resultsProblem(results);
}

function arcResultsProblem(value: string): string | undefined {
  const match = /^\s*i\s*=\s*(\S*?)\s*;(.*)$/s.exec(withoutComments(value));
  if (!match) return 'the value starts with the instance, `i=1; authserv-id; method=result ...` (RFC 8617 §4.1.1)';
  const instance = instanceProblem(match[1]);
  if (instance) return instance;
  const [authservId, ...results] = match[2].split(';');
  if (authservId.trim() === '' || authservId.includes('=')) return 'the instance is followed by the authserv-id (`i=1; mx.example.org; spf=pass ...`, RFC 8617 §4.1.1)';
  return resultsProblem(results);
}

function resultsProblem(results: string[]): string | undefined {
  const entries = results.map((r) => r.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0].toLowerCase() === 'none') return undefined;
  if (entries.length === 0) return 'no results: write `method=result` entries after the authserv-id, or `none` (RFC 8601 §2.2)';
  for (const entry of entries) {
    const match = /^([A-Za-z0-9_-]+)(?:\s*\/\s*\d+)?\s*=\s*([A-Za-z0-9_-]+)/.exec(entry);
    if (!match) return `\`${excerpt(entry)}\` is not a result \`method=result\` (RFC 8601 §2.2)`;
    const allowed = ownEntry(AUTH_RESULT_VALUES, match[1].toLowerCase());
    if (allowed && !allowed.includes(match[2].toLowerCase())) {
      return `\`${match[1]}=${match[2]}\`: ${match[1].toLowerCase()} results are ${allowed.map((r) => `\`${r}\``).join(', ')} (RFC 8601 §2.7)`;
    }
  }
  return undefined;
}

export const authHeaderRules: RuleGroup = {
  rules: Object.values(AuthHeaderRules),
  check,
};
