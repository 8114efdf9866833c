// The knowledge tables rendered as Markdown, shared by hover and completion documentation.
import { unstuffLine } from '../dialogue/framing';
import { replyCodeEnd } from '../dialogue/replyLine';
import type { MarkupContent } from 'vscode-languageserver-types';
import {
  ANY_COMMAND_REPLY_CODES,
  describeEnhancedCode,
  lookupAuthMechanism,
  lookupReplyCode,
  replyClass,
  rfc,
  rfcLabel,
  type ExtensionSpec,
  type HeaderFieldSpec,
  type MailParameterSpec,
  type ServerLimitSpec,
  type VerbSpec,
} from '../knowledge';
import { codeBlock, inlineCode, literalText, markdown, specLink } from './markdown';

export function verbDocumentation(spec: VerbSpec): MarkupContent {
  const replies = spec.replies;
  const list = (codes: readonly number[]): string => codes.join(', ');
  const errors = [...replies.error, ...ANY_COMMAND_REPLY_CODES.filter((c) => !replies.error.includes(c))];
  return markdown(
    `**${spec.verb}**${spec.status === 'current' ? '' : ` (${spec.status})`}: ${spec.summary}`,
    codeBlock(spec.syntax, 'abnf'),
    spec.note,
    [
      `Replies: success ${list(replies.success)}`,
      replies.intermediate.length > 0 ? `intermediate ${list(replies.intermediate)}` : undefined,
      `error ${list(errors)}`,
    ]
      .filter(Boolean)
      .join(' · '),
    spec.extension ? `Needs the EHLO keyword \`${spec.extension}\`.` : undefined,
    specLink(spec.rfc),
  );
}

/**
 * A reply code (`550`, `25x`, `2xx`): its standard text and meaning, else what its digits say (RFC 5321 §4.2.1);
 * `here`, a paragraph on what it does where it stands, after the first.
 */
export function replyCodeDocumentation(code: string, here?: string): MarkupContent {
  const spec = code.length === 3 && replyCodeEnd(code, 'wire') === 3 ? lookupReplyCode(code) : undefined;
  const digits = replyClass(code.toLowerCase());
  const classLine = digits
    ? `${code[0]}xx: ${digits.severity.title}${digits.category ? ` · x${code[1]}x: ${digits.category.title}` : ''}.`
    : undefined;
  if (!spec) {
    return markdown(
      `**${code}**${digits ? '' : ': not a valid reply code (RFC 5321 §4.2: first digit 2-5, second 0-5)'}`,
      here,
      classLine,
      digits?.severity.meaning,
      digits ? specLink(digits.severity.rfc) : undefined,
    );
  }
  return markdown(
    `**${spec.code}** ${literalText(spec.text)}`,
    here,
    spec.meaning,
    classLine,
    spec.otherUses?.length ? `Also: ${spec.otherUses.map((use) => `"${literalText(use.text)}" (${rfcLabel(use.rfc)})`).join('; ')}` : undefined,
    specLink(spec.rfc),
  );
}

/** An enhanced status code (`5.1.1`, RFC 3463): class, subject and the registry entry. */
export function enhancedCodeDocumentation(code: string): MarkupContent {
  const description = describeEnhancedCode(code);
  if (!description) {
    const wildcard = /x/i.test(code);
    return markdown(
      `**${code}**: ${wildcard ? 'an enhanced status code pattern (`x` matches any number).' : 'not a valid enhanced status code (RFC 3463 §2: class 2, 4 or 5, then subject and detail).'}`,
    );
  }
  const { detail, subject } = description;
  return markdown(
    `**${code}** ${detail ? detail.title : subject ? `${subject.title} (detail not registered)` : '(subject not registered)'}`,
    detail?.description,
    detail?.deprecated ? `Deprecated: ${detail.deprecated}` : undefined,
    `Class ${description.code.class}: ${description.class.title}. ${subject ? `Subject ${subject.subject}: ${subject.title}.` : ''}`.trim(),
    detail?.basicCodes?.length ? `Usually with reply codes ${detail.basicCodes.join(', ')}.` : undefined,
    detail ? specLink(detail.spec) : specLink(description.class.rfc),
  );
}

export function extensionDocumentation(spec: ExtensionSpec): MarkupContent {
  return markdown(
    `**${spec.keyword}**${spec.status === 'registered' ? '' : ` (${spec.status})`}: ${spec.title}`,
    spec.summary,
    spec.ehloSyntax ? codeBlock(spec.ehloSyntax, 'abnf') : undefined,
    spec.verbs?.length ? `Commands: ${spec.verbs.join(', ')}` : undefined,
    spec.note,
    specLink(spec.spec),
  );
}

/** A limit of the LIMITS EHLO keyword (RFC 9422 §4): `RCPTMAX=100`. */
export function serverLimitDocumentation(spec: ServerLimitSpec): MarkupContent {
  return markdown(`**${spec.name}** (LIMITS): ${spec.summary}`, `The number counts ${spec.counts}.`, specLink(spec.rfc));
}

export function parameterDocumentation(spec: MailParameterSpec): MarkupContent {
  return markdown(
    `**${spec.name}** (${spec.command} parameter, EHLO keyword \`${spec.extension}\`): ${spec.summary}`,
    codeBlock(spec.syntax, 'abnf'),
    spec.values ? `Values: ${spec.values.map((v) => inlineCode(v)).join(', ')}` : undefined,
    specLink(spec.rfc),
  );
}

export function mechanismDocumentation(name: string): MarkupContent {
  const spec = lookupAuthMechanism(name);
  if (!spec) return markdown(`**${name}**: a SASL mechanism not in the IANA registry.`);
  return markdown(
    `**${spec.name}** (SASL, ${spec.usage}): ${spec.summary}`,
    spec.initialResponse ? 'The client may send an initial response on the AUTH line (RFC 4954 §4).' : undefined,
    spec.cleartextPassword ? 'The password travels in the clear: use it over TLS only.' : undefined,
    spec.note,
    specLink(spec.spec),
  );
}

export function headerDocumentation(spec: HeaderFieldSpec): MarkupContent {
  const occurrence = spec.required ? 'Required, once.' : spec.maxOne ? 'Optional, at most once.' : undefined;
  return markdown(`**${spec.name}**: ${spec.summary}`, occurrence, specLink(spec.rfc));
}

/** The DATA content's last line, `C: .` (RFC 5321 §4.1.1.4). */
export function endOfDataDocumentation(): MarkupContent {
  return markdown(
    '**`.`** ends the message content: a line holding only a period. The reply below it answers the whole message; a content line that itself starts with a period is sent with the period doubled (RFC 5321 §4.5.2).',
    specLink(rfc(5321, '4.1.1.4')),
  );
}

/** A DATA content line written dot-stuffed, `C: ..text` (RFC 5321 §4.5.2): what the message holds. */
export function stuffedLineDocumentation(line: string): MarkupContent {
  return markdown(
    `**Dot-stuffed**: the line starts with a period, so the client sends it with one more; the server removes it, and the message holds ${inlineCode(unstuffLine(line))}.`,
    specLink(rfc(5321, '4.5.2')),
  );
}
