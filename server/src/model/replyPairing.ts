// Which command of a pipelined group (RFC 2920) each expected reply answers. Replies go in order; a group that got
// fewer replies than it has commands keeps the gap to itself (the caller never offers it a later group's replies),
// except when a later group has a reply too many that fits only read one exchange late (`takeLateReply`).
import { mustEndPipelinedGroup } from '../knowledge/pipelining';
import { canAnswer, isIntermediate, listedOpening, replyOpens } from '../dialogue/dialogueState';
import { isCutContent, targetOf } from './dialogueEvents';
import type { Exchange, ReplyExpectation } from './types';
import type { PendingExchanges } from './pendingExchanges';

/** `C:` with nothing where a command belongs: the parser reports it, and it awaits no reply. */
export const isEmptyCommand = (exchange: Exchange): boolean => exchange.kind === 'command' && exchange.command.verbText === '';

/**
 * Exchanges a group's replies are shared among: all but an empty command, `C: <close>` (nothing answers it) and the
 * content sent without its final `.` (the client or the server closed the connection in it: no verdict).
 */
export const awaitsReply = (exchange: Exchange): boolean => exchange.kind !== 'client-close' && !isEmptyCommand(exchange) && !isCutContent(exchange);

/** `S: <closed>` came while `exchange` awaits its reply: the close answers it (`answeredByClose`). */
export const markAnsweredByClose = (exchange: Exchange): void => {
  if (awaitsReply(exchange) && !exchange.reply) exchange.answeredByClose = true;
};

/** The exchanges of a pipelined group that await a reply, in order (groups are written one after another). */
export function groupMembers(exchanges: readonly Exchange[], group: number): Exchange[] {
  let end = exchanges.length;
  while (end > 0 && exchanges[end - 1].pipelineGroup > group) end--;
  let start = end;
  while (start > 0 && exchanges[start - 1].pipelineGroup === group) start--;
  const members: Exchange[] = [];
  for (let i = start; i < end; i++) if (awaitsReply(exchanges[i])) members.push(exchanges[i]);
  return members;
}

/** Some but not all of the group's exchanges got a reply: only then is there anything to settle (most groups, none). */
export function groupLacksReplies(exchanges: readonly Exchange[], group: number): boolean {
  let awaiting = 0;
  let answered = 0;
  for (let i = exchanges.length - 1; i >= 0 && exchanges[i].pipelineGroup >= group; i--) {
    if (exchanges[i].pipelineGroup > group || !awaitsReply(exchanges[i])) continue;
    awaiting++;
    if (exchanges[i].reply) answered++;
  }
  return answered > 0 && answered < awaiting;
}

/**
 * Takes the exchange `reply` answers off `pending`: the first, in order; but 354 can only answer DATA and 334 only
 * AUTH (RFC 5321 §4.3.2, RFC 4954 §4), so such a reply goes to the first of those, and what it passes keeps no reply.
 */
export function takeReplyTarget(pending: PendingExchanges, reply: ReplyExpectation): Exchange | undefined {
  // Most replies (250, 221) answer any exchange: only a listed intermediate one (354, 334) looks further.
  if (listedOpening(reply.code) !== undefined) {
    const index = pending.indexOf((exchange) => canAnswer(reply.code, targetOf(exchange)));
    if (index > 0) pending.drop(index);
  }
  return pending.take();
}

/**
 * A complete group that got too few replies: when a command that must end a group (RFC 2920 §3.1) stands inside it,
 * that command is the one whose reply was left out (a client never sends more after it without waiting), so the
 * replies move past it.
 */
export function settleGroupReplies(members: Exchange[]): void {
  // Counted before any list is built: nearly every group got all its replies, and this runs once per group.
  let answeredCount = 0;
  for (const member of members) {
    if (!member.reply) continue;
    // An intermediate reply already opened message content or an AUTH dialogue where it stands.
    if (isIntermediate(member.reply.code)) return;
    answeredCount++;
  }
  if (answeredCount === 0 || answeredCount === members.length) return;
  const replies = members.flatMap((member) => (member.reply ? [member.reply] : []));
  let gaps = members.length - replies.length;
  const answered = members.filter((member, i) => {
    const skip = gaps > 0 && i < members.length - 1 && member.kind === 'command' && mustEndPipelinedGroup(member.command.verb, member.command.argument);
    if (skip) gaps--;
    return !skip;
  });
  // A command that ends the session gets its own reply (QUIT's 221) even when an exchange before it got none: the
  // gap is the forgotten reply of that exchange (the final `.`), not QUIT's.
  const last = members[members.length - 1];
  if (gaps > 0 && replyOpens(targetOf(last), replies[replies.length - 1].code, 'listed') === 'end') answered.splice(replies.length - 1, answered.length, last);
  assignReplies(members, answered.map((_, i) => replies[i]), answered);
}

/** Gives `replies[i]` to `answered[i]`; the other members keep no reply (their ranges follow: exchangeRange.ts). */
function assignReplies(members: Exchange[], replies: readonly ReplyExpectation[], answered: readonly Exchange[]): void {
  for (const member of members) member.reply = replies[answered.indexOf(member)];
}

/**
 * A reply no command of its group awaits, after a group that got one reply too few: the client sent the next group
 * without waiting (EHLO pipelined with MAIL), and every reply since arrives one group late. When moving each reply
 * one exchange back makes all of them fit (the 354 lands on DATA), the replies are read so, and the slip stays one
 * finding where it happened (pipelining-group-end) instead of message content read as commands. False when they do
 * not fit, and nothing changes.
 */
export function takeLateReply(previous: Exchange[], current: Exchange[], reply: ReplyExpectation): boolean {
  const earlier = previous.flatMap((member) => (member.reply ? [member.reply] : []));
  const replies = current.map((member) => member.reply);
  if (previous.length !== earlier.length + 1 || current.length === 0 || replies.some((r) => !r || isIntermediate(r.code))) return false;
  const shifted = [...(replies.slice(1) as ReplyExpectation[]), reply];
  if (!current.every((member, i) => canAnswer(shifted[i].code, targetOf(member)))) return false;
  assignReplies(previous, [...earlier, replies[0]!], previous);
  assignReplies(current, shifted, current);
  return true;
}
