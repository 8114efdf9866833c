// The EHLO reply a transcript expects must be one a server can send: the parameters after each keyword in the form
// its RFC gives (knowledge/ehloParameters.ts). Lines written as patterns are not judged.
import { EHLO_PARAMETER_CHECKS } from '../../../knowledge/ehloParameters';
import type { ReplyLine, Session } from '../../../model/types';
import { rule, type Finding } from '../rule';
import { readEhloLine } from '../session/ehloLine';
import { detachedCopy } from '../textScan';
import { replyTextRange } from '../../../model/lineRanges';
import { listsExtensions } from '../../../knowledge/verbs';

export const EhloReplyRules = {
  ehloParameterSyntax: rule('ehlo-parameter-syntax', 'warning', 'An EHLO reply line whose parameters do not have the form its keyword defines: `SIZE` with a number, `AUTH` with mechanism names, `LIMITS` with `name=number` pairs.', { rfc: 5321, section: '4.1.1.1' }),
};

function isLiteral(line: ReplyLine): boolean {
  return line.code !== undefined && !line.isEllipsis && line.payload.variables.length === 0 && !line.text.includes('*') && !line.text.startsWith('/');
}

// A server answers each EHLO with the same lines: each text is judged once (null: nothing wrong, so one lookup
// tells a judged line from a new one). Bounded for a generated file.
const JUDGED = new Map<string, string | null>();

function parameterProblem(text: string): string | undefined {
  const judged = JUDGED.get(text);
  if (judged !== undefined) return judged ?? undefined;
  const { upperKeyword, params } = readEhloLine(text);
  const problem = EHLO_PARAMETER_CHECKS[upperKeyword]?.(params);
  if (JUDGED.size < 2000) JUDGED.set(detachedCopy(text), problem === undefined ? null : detachedCopy(problem));
  return problem;
}

// The verdicts on the lines of the last EHLO reply judged, by place: a line that reads as the one at its place gets
// that verdict by a comparison, no lookup (which hashes each new text of a parse: 40,000 lines on a 5 MB file).
const MAX_PLACES = 64;
const lastTexts: string[] = [];
const lastProblems: (string | undefined)[] = [];

function problemAt(place: number, text: string): string | undefined {
  if (lastTexts[place] === text) return lastProblems[place];
  const problem = parameterProblem(text);
  if (place < MAX_PLACES) {
    lastTexts[place] = detachedCopy(text);
    lastProblems[place] = problem;
  }
  return problem;
}

export function checkEhloReplies(session: Session): Finding[] {
  const findings: Finding[] = [];
  for (const exchange of session.exchanges) {
    if (exchange.kind !== 'command' || !listsExtensions(exchange.command.verb) || !exchange.reply?.code?.startsWith('2')) continue;
    const lines = exchange.reply.lines;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (!isLiteral(line)) continue;
      // `AUTH=PLAIN LOGIN` is the old draft form servers still write (RFC 4954 §3 does not define it).
      const problem = problemAt(i, line.text);
      if (problem) findings.push({ ruleId: EhloReplyRules.ehloParameterSyntax.id, range: replyTextRange(line), message: `${problem} Expect the reply line the server sends.` });
    }
  }
  return findings;
}
