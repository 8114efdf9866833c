// After `C: `: the commands the session state allows next (RFC 5321 §4.1.4 ordering, the recorded EHLO reply's
// extensions), each a snippet from the verb table.
import { verbOpens } from '../../dialogue/dialogueState';
import type { CompletionItem, Range } from 'vscode-languageserver-types';
import { VERBS, VERB_SPECS, specLabel, type VerbSpec } from '../../knowledge';
import type { SessionState } from '../../dialogue/sessionState';
import { verbDocumentation } from '../protocolDocumentation';
import { CompletionItemKind, completionItems, type ItemSpec } from './completionItems';

/**
 * `withArguments`: the snippet's arguments are inserted too (false when the line already has arguments after the verb).
 * `leadingSpace`: the cursor is right after `C:`.
 */
export function verbCompletions(state: SessionState, range: Range, withArguments: boolean, leadingSpace: boolean): CompletionItem[] {
  const specs: ItemSpec[] = [];
  for (const verb of VERBS) {
    const spec = VERB_SPECS[verb];
    const tier = verbTier(spec, state);
    if (tier === undefined) continue;
    specs.push({
      label: verb,
      kind: CompletionItemKind.Keyword,
      insert: (leadingSpace ? ' ' : '') + (withArguments ? spec.snippet : verb),
      detail: specLabel(spec.rfc),
      documentation: verbDocumentation(spec),
      tier,
      filterText: verb,
    });
  }
  return completionItems(range, specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}

/** 0: a likely next step; 1: allowed; 2: allowed if the server implements it (no EHLO reply recorded). */
function verbTier(spec: VerbSpec, state: SessionState): number | undefined {
  if (state.ended) return undefined;
  if (spec.namesClient && !keepsProtocol(spec, state)) return undefined;
  const verb = spec.verb;
  const capabilities = state.capabilities;
  const advertised = spec.extension === undefined || Boolean(capabilities?.keywords.has(spec.extension));
  if (spec.extension && !advertised && (capabilities || state.hello === 'helo')) return undefined;
  if (spec.status !== 'current' && !(spec.extension && capabilities?.keywords.has(spec.extension))) return undefined;
  const unadvertisedTier = advertised ? undefined : 2;
  if (state.hello === 'none' || state.tlsRestart === 'awaiting-ehlo') {
    // LHLO after the SMTP openers: an LMTP server is the rarer target.
    if (spec.namesClient) return spec.opensLmtp && !state.lmtp ? 1 : 0;
    if (state.tlsRestart === 'awaiting-ehlo') return spec.allowedBeforeEhloAfterTls ? 1 : undefined;
    return spec.transaction === 'neutral' || verb === 'QUIT' || verb === 'RSET' ? (unadvertisedTier ?? 1) : undefined;
  }
  const transaction = state.transaction;
  if (transaction) {
    if (spec.transaction === 'starts' || spec.transaction === 'forbidden' || verbOpens(verb) === 'tls-handshake') return undefined;
    if (verb === 'RCPT') return 0;
    const recipients = transaction.acceptedRecipients > 0;
    if (verbOpens(verb) === 'content') return recipients && transaction.body !== 'bdat' ? 0 : undefined;
    if (verbOpens(verb) === 'chunk') return recipients && transaction.body !== 'data' ? (unadvertisedTier ?? 0) : undefined;
    if (spec.transaction === 'requires') return recipients ? (unadvertisedTier ?? 1) : undefined;
    return unadvertisedTier ?? 1;
  }
  if (spec.transaction === 'requires') return undefined;
  if (verb === 'MAIL') return 0;
  if (verbOpens(verb) === 'tls-handshake') return state.tls === 'none' ? (unadvertisedTier ?? 0) : undefined;
  if (verbOpens(verb) === 'auth-response') return state.auth === 'authenticated' ? undefined : (unadvertisedTier ?? 0);
  return unadvertisedTier ?? 1;
}

/**
 * LMTP has no HELO or EHLO, and SMTP no LHLO (RFC 2033 §4.1): after LHLO only LHLO opens the session again; LHLO is
 * offered before any hello, not once EHLO or HELO (or STARTTLS after one) made the session SMTP.
 */
function keepsProtocol(spec: VerbSpec, state: SessionState): boolean {
  if (state.lmtp) return spec.opensLmtp === true;
  return spec.opensLmtp !== true || (state.hello === 'none' && state.tlsRestart === 'none');
}
