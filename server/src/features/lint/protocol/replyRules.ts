// Rules about whether the expected reply fits what it answers (RFC 5321 §4.3.2).
import type { RuleSpec } from '../rule';

export const REPLY_RULES: RuleSpec[] = [
  {
    id: 'greeting-missing',
    defaultSeverity: 'warning',
    description: 'A session whose first line is a `C:` line: the server speaks first, so its 220 greeting belongs before.',
    rfc: { rfc: 5321, section: '4.3.1' },
  },
  {
    id: 'greeting-code',
    defaultSeverity: 'error',
    description: 'A greeting whose code is not 220 (ready) or a refusal of the session (554, 521, 421).',
    rfc: { rfc: 5321, section: '4.3.2' },
  },
  {
    id: 'reply-missing',
    defaultSeverity: 'warning',
    description: 'A command, AUTH response or message content with no `S:` reply written after it.',
    rfc: { rfc: 5321, section: '4.2' },
  },
  {
    id: 'reply-not-for-command',
    defaultSeverity: 'error',
    description:
      'An expected reply the command cannot get: a success or intermediate code outside its list (QUIT -> 221, DATA -> 354, 334 only for AUTH); an unlisted error code is a hint.',
    rfc: { rfc: 5321, section: '4.3.2' },
  },
];
