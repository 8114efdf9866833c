// What opens what: after which reply the client's next lines are message content, an AUTH response or a TLS
// handshake, or the session is over. The facts come from the verb table (`opens`), so nothing here names a verb.
import type { Verb, VerbOpening, VerbOpens } from '../knowledge/verbSpec';
import { VERBS } from '../knowledge/verbSpec';
import { lookupVerb, VERB_SPECS } from '../knowledge/verbs';
import { splitCommand, type BdatArgument } from './framing';

/** What a reply answers. */
export type ReplyTarget =
  | { readonly kind: 'greeting' }
  | { readonly kind: 'command'; readonly verb: Verb | undefined }
  | { readonly kind: 'auth-response' }
  | { readonly kind: 'message' }
  | { readonly kind: 'bdat'; readonly last: boolean }
  | { readonly kind: 'client-close' };

export type Opening = VerbOpening;

/**
 * How a reply code is read. `class`: its first digit (a transcript's `3xx` to DATA opens content, as any 3yz does);
 * `listed`: only the code the verb's RFC names (DATA 354, AUTH 334, STARTTLS 220, QUIT 221), as a client on the
 * wire must: a STARTTLS answered 250 by a stripping proxy starts no TLS.
 */
export type CodeReading = 'class' | 'listed';

const CLASS_DIGIT = { intermediate: '3', success: '2' } as const;

/** The verb whose AUTH-style dialogue a response line continues (RFC 4954 §4). */
const AUTH_DIALOGUE_OPENS: VerbOpens | undefined = VERBS.map((verb) => VERB_SPECS[verb].opens).find((opens) => opens?.opening === 'auth-response');

function opensOf(target: ReplyTarget): VerbOpens | undefined {
  if (target.kind === 'command') return target.verb === undefined ? undefined : VERB_SPECS[target.verb].opens;
  return target.kind === 'auth-response' ? AUTH_DIALOGUE_OPENS : undefined;
}

// Read once from the verb table: lint asks for every command, several times (a keyed lookup in the table is slower).
const OPENING_OF_VERB = new Map<Verb, Opening | undefined>(VERBS.map((verb) => [verb, VERB_SPECS[verb].opens?.opening]));

// The last verb asked about: lint's checks of one command ask for the same verb again and again.
let lastVerb: Verb | undefined;
let lastOpening: Opening | undefined;

/**
 * A command line as it comes on the wire: the verb as spelled (it ends at the first blank: `splitCommand`), the verb
 * the tables know, and the argument. A line that starts with a blank names no command (RFC 5321 §4.1.1), as servers
 * read it (they answer it as unknown); the transcript's parser reads on, and lint reports the blank.
 */
export function wireCommand(text: string): { word: string; verb?: Verb; argument?: string } {
  const { verb: word, argument, blankFirst } = splitCommand(text);
  if (blankFirst) return { word: '' };
  const verb = lookupVerb(word)?.verb;
  return { word, ...(verb ? { verb } : {}), ...(argument === undefined ? {} : { argument }) };
}

/** The verb a command line names on the wire (`wireCommand`), or undefined. */
export function commandLineVerb(text: string): Verb | undefined {
  return wireCommand(text).verb;
}

/** What sending the verb can open at all (DATA: content, STARTTLS: a handshake, BDAT: its chunk at once). */
export function verbOpens(verb: Verb | undefined): Opening | undefined {
  if (verb === undefined) return undefined;
  if (verb !== lastVerb) {
    lastOpening = OPENING_OF_VERB.get(verb);
    lastVerb = verb;
  }
  return lastOpening;
}

/** RFC 4954 §4: an AUTH command, or a line answering its 334. */
export function isAuthDialogue(target: ReplyTarget): boolean {
  return target.kind === 'auth-response' || (target.kind === 'command' && verbOpens(target.verb) === 'auth-response');
}

/** What a complete reply to `target` opens (RFC 5321 §4.1.1.4, RFC 4954 §4, RFC 3207 §4, RFC 5321 §4.1.1.10). */
export function replyOpens(target: ReplyTarget, code: string | undefined, reading: CodeReading): Opening | undefined {
  const opens = opensOf(target);
  if (!opens || opens.on === 'sent' || code === undefined) return undefined;
  const fits = reading === 'class' ? code[0] === CLASS_DIGIT[opens.on] : code === String(opens.code);
  return fits ? opens.opening : undefined;
}

/** The intermediate replies the verb table lists (354, 334) and what each opens. */
const LISTED_INTERMEDIATE = new Map<string, Opening>(
  VERBS.flatMap((verb) => {
    const opens = VERB_SPECS[verb].opens;
    return opens && opens.on === 'intermediate' ? [[String(opens.code), opens.opening] as const] : [];
  }),
);

/** What a listed intermediate code opens wherever it stands: 354 content, 334 an AUTH response. */
export function listedOpening(code: string | undefined): Opening | undefined {
  return code === undefined ? undefined : LISTED_INTERMEDIATE.get(code);
}

/** 354 answers only DATA, 334 only an AUTH dialogue (RFC 5321 §4.3.2, RFC 4954 §4); other codes answer anything. */
export function canAnswer(code: string | undefined, target: ReplyTarget): boolean {
  const opening = listedOpening(code);
  return opening === undefined || replyOpens(target, code, 'listed') === opening;
}

/** RFC 5321 §3.8: 421, the server is closing the channel, whatever it answers. */
export function closesChannel(code: string | undefined): boolean {
  return code === '421';
}

/** Which lines the client sends next: commands, message content, a BDAT chunk, one AUTH response, TLS; or none. */
export type DialogueMode = 'commands' | 'content' | 'chunk' | 'auth-response' | 'tls-handshake' | 'ended';

export type DialogueEvent =
  | { readonly kind: 'sent'; readonly target: ReplyTarget; readonly bdat?: BdatArgument }
  | { readonly kind: 'content-end' }
  | { readonly kind: 'chunk-end' }
  | { readonly kind: 'reply'; readonly to: ReplyTarget; readonly code: string | undefined; readonly reading: CodeReading }
  | { readonly kind: 'tls-started' }
  | { readonly kind: 'closed' };

const MODE_OF_OPENING: Readonly<Record<Opening, DialogueMode>> = {
  content: 'content',
  chunk: 'chunk',
  'auth-response': 'auth-response',
  'tls-handshake': 'tls-handshake',
  end: 'ended',
};

/** Pure: the mode after `event`. A BDAT with a readable size opens its chunk at once (RFC 3030 §2). */
export function nextMode(mode: DialogueMode, event: DialogueEvent): DialogueMode {
  if (mode === 'ended' || event.kind === 'closed') return 'ended';
  switch (event.kind) {
    case 'sent': {
      const opening = event.target.kind === 'command' ? verbOpens(event.target.verb) : undefined;
      const chunk = opening === 'chunk' && event.bdat !== undefined && event.bdat.size !== undefined && event.bdat.size !== 0;
      return chunk ? 'chunk' : mode === 'auth-response' ? 'commands' : mode;
    }
    case 'content-end':
    case 'chunk-end':
    case 'tls-started':
      return 'commands';
    case 'reply': {
      const opening = replyOpens(event.to, event.code, event.reading);
      return opening === undefined ? 'commands' : MODE_OF_OPENING[opening];
    }
  }
}

/** Only in `commands` mode is a client line a command. */
export function acceptsCommand(mode: DialogueMode): boolean {
  return mode === 'commands';
}

/** RFC 5321 §4.2.1: a 3yz reply (or a `3xx` expectation) asks the client for more before the command completes. */
export function isIntermediate(code: string | undefined): boolean {
  return code?.[0] === '3';
}
