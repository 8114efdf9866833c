// Completion test helpers: items at a `|` cursor, and labels in the order the editor shows them (by sortText).
import type { CompletionItem } from 'vscode-languageserver-types';
import { getCompletions } from '../../../server/src/features/completion/getCompletions';
import { withCursor } from '../../support/cursor';

export const complete = (marked: string): CompletionItem[] => {
  const { transcript, position } = withCursor(marked);
  return getCompletions(transcript, position).items;
};

const ordered = (marked: string): CompletionItem[] => complete(marked).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));

export const labels = (marked: string): string[] => ordered(marked).map((i) => i.label);

/** `[label, detail, sortText]` in the order the editor shows them. */
export const details = (marked: string): (string | undefined)[][] => ordered(marked).map((i) => [i.label, i.detail, i.sortText]);

export const item = (marked: string, label: string): CompletionItem | undefined => complete(marked).find((i) => i.label === label);

export const EHLO_REPLY = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250-SIZE 1000000', 'S: 250-8BITMIME', 'S: 250-DSN', 'S: 250-STARTTLS', 'S: 250 AUTH PLAIN LOGIN'];
