// What a parse made, one readable line per exchange or problem: exact expectations stay short.
import { exchangeEnd, exchangeStartLine, type Exchange, type Transcript } from '../../../server/src/model';

/** One readable line per exchange: kind, verb, group, 1-based line span and the expected code. */
export function outline(t: Transcript, session = 0): string[] {
  return t.sessions[session].exchanges.map((e: Exchange) => {
    const name = e.kind === 'command' || e.kind === 'bdat' ? ` ${e.command.verb ?? e.command.verbText.toUpperCase()}` : '';
    const span = `${exchangeStartLine(e) + 1}-${exchangeEnd(e).line + 1}`;
    return `${e.kind}${name} g${e.pipelineGroup} ${span} ${e.reply?.code ?? '-'}`;
  });
}

export const problems = (t: Transcript) => t.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

