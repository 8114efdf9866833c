// `# smtp-lint-disable-next-line id1, id2`: where the keyword and each rule id stand on the line (for completion
// and hover), and the lint rules rendered as Markdown.
import type { MarkupContent } from 'vscode-languageserver-types';
import { specMarkdownLink } from '../knowledge';
import type { RuleSpec } from './lint';
import { isRuleId, ruleIndex } from './lint';
import { inlineCode, markdown } from './markdown';

export const DISABLE_NEXT_LINE = 'smtp-lint-disable-next-line';

/** Same reading as the parser's (model/parseChunk): ids separated by spaces or commas after the keyword. */
const SUPPRESSION = /^(#\s*)smtp-lint-disable-next-line(?=[\s,]|$)/;

export interface SuppressionComment {
  keywordStart: number;
  keywordEnd: number;
  /** Each id with its start and end character on the line. */
  ids: { id: string; start: number; end: number }[];
}

export function readSuppressionComment(text: string): SuppressionComment | undefined {
  const keyword = SUPPRESSION.exec(text);
  if (!keyword) return undefined;
  const keywordEnd = keyword[0].length;
  const ids: SuppressionComment['ids'] = [];
  const words = /[^\s,]+/g;
  words.lastIndex = keywordEnd;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    ids.push({ id: match[0], start: match.index, end: match.index + match[0].length });
  }
  return { keywordStart: keyword[1].length, keywordEnd, ids };
}

export function lookupRule(id: string): RuleSpec | undefined {
  return isRuleId(id) ? ruleIndex().get(id) : undefined;
}

export function ruleDocumentation(rule: RuleSpec): MarkupContent {
  return markdown(
    `**${rule.id}** · default severity: ${rule.defaultSeverity}`,
    rule.description,
    rule.rfc ? specMarkdownLink(rule.rfc) : undefined,
  );
}

export const DISABLE_NEXT_LINE_DOCUMENTATION = markdown(
  `**${DISABLE_NEXT_LINE}** *rule-id* [*rule-id*...] silences the named lint rules on the next line that is not a comment; without ids, every rule.`,
  `Ids are separated by spaces or commas: ${inlineCode(`# ${DISABLE_NEXT_LINE} extension-not-advertised, mail-before-helo`)}. The list of rules: \`smtp-transcript lint --list-rules\` or docs/lint-rules.md.`,
);
