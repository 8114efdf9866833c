// "Copy as command": one session of a transcript as what a person would run by hand, to reproduce it outside the
// tool (issue 11). Pure: it reads no environment, writes no file; `{{$env NAME}}` stays a reference to NAME.
import { randomUUID } from 'node:crypto';
import { rfc5322Date } from '../model/builtins';
import type { Transcript } from '../model/types';
import { curlCommand } from './curlCommand';
import { nodemailerCode } from './nodemailerCode';
import { opensslRecipe } from './opensslRecipe';
import { pythonCode } from './pythonCode';
import { sessionRecipe, type RecipeOptions } from './sessionRecipe';
import { swaksCommand } from './swaksCommand';

export const EXPORT_TARGETS = ['swaks', 'curl', 'openssl', 'python', 'nodemailer'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const EXPORT_TARGET_LABELS: Record<ExportTarget, string> = {
  swaks: 'swaks command line',
  curl: 'curl command line',
  openssl: 'openssl s_client (or nc) and the lines to type',
  python: 'Python smtplib code',
  nodemailer: 'Nodemailer code',
};

export interface ExportOptions extends RecipeOptions {
  /** For the lines typed into openssl s_client: the date and message id `{{$date}}`/`{{$message-id}}` stand for. */
  now?: () => Date;
  uuid?: () => string;
}

/** The session's export as text ending in a newline. */
export function exportSession(transcript: Transcript, sessionIndex: number, target: ExportTarget, options: ExportOptions = {}): string {
  const session = transcript.sessions[sessionIndex];
  if (!session) throw new RangeError(`no session ${sessionIndex + 1}: the file has ${transcript.sessions.length}`);
  const recipe = sessionRecipe(transcript, session, options);
  const lines =
    target === 'swaks' ? swaksCommand(recipe)
    : target === 'curl' ? curlCommand(recipe)
    : target === 'python' ? pythonCode(recipe)
    : target === 'nodemailer' ? nodemailerCode(recipe)
    : opensslRecipe(recipe, { date: rfc5322Date((options.now ?? (() => new Date()))()), messageId: `<${(options.uuid ?? randomUUID)()}@smtp-transcripts.invalid>` });
  return lines.join('\n') + '\n';
}
