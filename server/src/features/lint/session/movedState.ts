// A session state walked along lines that have since moved (lines added or removed above them): the same state, but
// each line it names is `shift` further down, and its pipelined group numbered `groups` higher when an exchange was
// added or removed above. Lint compares states so to keep a long session's walk across an edit above it
// (segmentedLint.ts), and moves a kept walk's end state along.
import { sameValue } from './sameValue';
import { copySessionState, type SessionState } from './sessionState';

type FieldMove<K extends keyof SessionState> = {
  /** `moved` is `state`'s field with every line `shift` further down, every pipelined group numbered `groups` higher. */
  same(state: SessionState[K], moved: SessionState[K], shift: number, groups: number): boolean;
  /** The field with every line `shift` further down, every pipelined group numbered `groups` higher. */
  move(value: SessionState[K], shift: number, groups: number): SessionState[K];
  /** The lines the field names (a finding's message may name them too). */
  lines?(value: SessionState[K]): number[];
};

const plain = <K extends keyof SessionState>(): FieldMove<K> => ({ same: (a, b) => a === b || sameValue(a, b), move: (value) => value });
const lineOf = (a: number | undefined, b: number | undefined, shift: number) => (a === undefined ? b === undefined : b === a + shift);

// Every field of the state, so a new one must say whether it names a line (the type asks for all of them).
const FIELDS: { [K in keyof Required<SessionState>]: FieldMove<K> } = {
  greeted: plain(),
  hello: plain(),
  lmtp: plain(),
  capabilities: plain(),
  helloDomain: plain(),
  tls: plain(),
  tlsRestart: plain(),
  auth: plain(),
  transaction: {
    same: (a, b, shift) =>
      a === undefined || b === undefined
        ? a === b
        : b.mailLine === a.mailLine + shift && b.mailEnd.line === a.mailEnd.line + shift && b.mailEnd.character === a.mailEnd.character &&
          b.acceptedRecipients === a.acceptedRecipients && b.body === a.body && b.smtputf8 === a.smtputf8,
    move: (t, shift) => t && { ...t, mailLine: t.mailLine + shift, mailEnd: { line: t.mailEnd.line + shift, character: t.mailEnd.character } },
    lines: (t) => (t ? [t.mailLine, t.mailEnd.line] : []),
  },
  transactionEnd: {
    same: (a, b, shift) => (a === undefined || b === undefined ? a === b : b.by === a.by && b.line === a.line + shift),
    move: (end, shift) => end && { ...end, line: end.line + shift },
    lines: (end) => (end ? [end.line] : []),
  },
  bdatLastSent: plain(),
  ended: {
    same: (a, b, shift) => (a === undefined || b === undefined ? a === b : b.by === a.by && b.reported === a.reported && b.line === a.line + shift),
    move: (ended, shift) => ended && { ...ended, line: ended.line + shift },
    lines: (ended) => (ended ? [ended.line] : []),
  },
  restartLine: { same: lineOf, move: (line, shift) => (line === undefined ? line : line + shift), lines: (line) => (line === undefined ? [] : [line]) },
  serverClosesAtLine: { same: lineOf, move: (line, shift) => (line === undefined ? line : line + shift), lines: (line) => (line === undefined ? [] : [line]) },
  // An exchange added or removed above renumbers the groups below (model/sessionReparse.ts): the same walk otherwise.
  pipelineGroup: { same: (a, b, _shift, groups) => b === a + groups, move: (group, _shift, groups) => group + groups },
  pipelineGroupSize: plain(),
  // An exchange of the lines walked: never the same object in a parse of moved lines. Set only between a cleartext
  // AUTH's 334 and the next line, which no quiet point falls between.
  cleartextAuth: { same: (a, b) => a === undefined && b === undefined, move: (value) => value },
  counts: plain(),
  previousUnanswered: plain(),
};
const KEYS = Object.keys(FIELDS) as (keyof SessionState)[];

/** `moved` is `state` with every line it names `shift` further down, its pipelined group numbered `groups` higher. */
export function sameStateMoved(state: SessionState, moved: SessionState, shift: number, groups = 0): boolean {
  for (const key of KEYS) {
    const field = FIELDS[key] as FieldMove<typeof key>;
    if (!field.same(state[key], moved[key], shift, groups)) return false;
  }
  return true;
}

/** The lines `state` names. */
export function linesNamed(state: SessionState): number[] {
  const lines: number[] = [];
  for (const key of KEYS) {
    const field = FIELDS[key] as FieldMove<typeof key>;
    if (field.lines) for (const added of field.lines(state[key])) lines.push(added);
  }
  return lines;
}

/** `state` with every line it names `shift` further down, its pipelined group numbered `groups` higher. */
export function movedState(state: SessionState, shift: number, groups = 0): SessionState {
  if (shift === 0 && groups === 0) return state;
  const moved = copySessionState(state) as Record<keyof SessionState, unknown>;
  for (const key of KEYS) moved[key] = (FIELDS[key] as FieldMove<typeof key>).move(state[key], shift, groups);
  return moved as unknown as SessionState;
}
