// A real server's reply that the RFCs do not list for its command (aiosmtpd answers HELP with 250): a recording writes
// it as it came, under a comment that says so and a suppression of lint's `reply-not-for-command`, which would
// otherwise call a faithful recording an error.
import type { ReplyTarget } from '../dialogue/dialogueState';
import { specLabel } from '../knowledge/rfc';
import { positiveReplies } from '../knowledge/verbSpec';
import { VERB_SPECS } from '../knowledge/verbs';

/**
 * Writes those comments into `lines` above the reply's last line, at `at`, when `code` is such a reply to `target`;
 * returns how many lines it wrote (the reply's line moved down by as many).
 */
export function commentUnlistedReply(lines: string[], at: number, target: ReplyTarget, code: string): number {
  const comments = unlistedReplyComments(target, code);
  // At most two comments: a spread this short is safe.
  // eslint-disable-next-line no-restricted-syntax
  lines.splice(at, 0, ...comments);
  return comments.length;
}

/** The comment lines for the reply: none for a listed code, a refusal or an unknown command. */
function unlistedReplyComments(target: ReplyTarget, code: string): string[] {
  // Refusals outside the lists are only lint hints; success and intermediate codes are the rule's errors.
  const verb = target.kind === 'bdat' ? 'BDAT' : target.kind === 'command' ? target.verb : undefined;
  if (verb === undefined || !/^[23]\d\d$/.test(code)) return [];
  const spec = VERB_SPECS[verb];
  if (positiveReplies(spec.replies).includes(Number(code))) return [];
  return [`# the server answered ${spec.verb} with ${code}, which ${specLabel(spec.repliesRfc)} does not list for it: expected as recorded`, '# smtp-lint-disable-next-line reply-not-for-command'];
}
