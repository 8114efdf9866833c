// How a DATA message or a BDAT chunk came from the previous parse's, when the parser made it from that one: an edit
// inside its content (contentEdit.ts), or its content taken whole while the session around it was parsed again
// (reusedContent.ts). Features keep their work for the parts it kept (the message rules' lines, the token splice).
import { composedEarlier } from './composedContentEdits';
import type { BdatExchange, Exchange, MessageExchange } from './types';

/** The exchanges whose content an edit can change in place: DATA content, and a BDAT chunk that runs to the reply. */
export type ContentExchange = MessageExchange | BdatExchange;

/**
 * How a message came from the previous parse's: `parts[start, start + removed)` became `inserted` parts. The previous
 * message is named, not kept: a feature that kept work for it holds it itself, and otherwise no old parse lives on.
 */
export interface EditedContent {
  readonly from: WeakRef<ContentExchange>;
  readonly start: number;
  readonly removed: number;
  readonly inserted: number;
  /** Lines added (or, negative, removed): the parts below the edit are copies that many lines further down. */
  readonly shift: number;
  /**
   * When lines moved: the first exchanges after the message in the previous parse (`from`), and their copies that many
   * lines further down in this one (`to`), at most MOVED_NOTED of them (a feature keeping work per stretch checks its
   * stretch's against them).
   */
  readonly movedBelow?: MovedExchanges;
  /** When lines moved: the commands before a BDAT chunk that are answered below it, and their copies, replies moved. */
  readonly movedAbove?: MovedExchanges;
  /** The content was taken whole, every line moved `shift` lines, while the session around it was parsed again. */
  readonly whole?: true;
  /** The same message's edits from older versions, newest first, each composed into one (composedContentEdits.ts). */
  readonly earlier?: readonly EditedContent[];
}

/** Exchanges of the previous parse (`from`) and their copies in this one (`to`), in the same order. */
export interface MovedExchanges {
  readonly from: readonly WeakRef<Exchange>[];
  readonly to: readonly Exchange[];
}

// An entry lives as long as the new message, and names (weakly) the message it came from, and the older versions its
// earlier edits came from.
const edited = new WeakMap<ContentExchange, EditedContent>();

/** How `content` came from the previous parse's, when it was made so. */
export function editedContentOf(content: ContentExchange): EditedContent | undefined {
  return edited.get(content);
}

/**
 * The edit that made `content` from `previous` (a version of it a feature kept work for): the last edit, or one of
 * the earlier ones composed with those after it; undefined when none did.
 */
export function editedContentFrom(content: ContentExchange, previous: ContentExchange): EditedContent | undefined {
  return editedContentWhere(content, (from) => from === previous);
}

/** The newest edit that made `content` from a version `kept` says a feature kept work for. */
export function editedContentWhere(content: ContentExchange, kept: (from: ContentExchange) => boolean): EditedContent | undefined {
  const edit = edited.get(content);
  if (!edit) return undefined;
  const isKept = (e: EditedContent) => {
    const from = e.from.deref();
    return from !== undefined && kept(from);
  };
  return isKept(edit) ? edit : edit.earlier?.find(isKept);
}

/** `content`, edited, became `now` as `change` says. */
export function noteEditedContent(content: ContentExchange, now: ContentExchange, change: Omit<EditedContent, 'from' | 'earlier'>): void {
  const edit: EditedContent = { from: new WeakRef(content), ...change };
  // The previous one's note passes into the new one, composed with the new edit: the previous version's own is of no
  // use any more.
  const previous = edited.get(content);
  edited.delete(content);
  const earlier = previous ? composedEarlier(previous, edit) : [];
  edited.set(now, earlier.length > 0 ? { ...edit, earlier } : edit);
}

/** `message` took the content of `from` whole, moved `shift` lines (reusedContent.ts): no part was edited. */
export function noteReusedContent(message: ContentExchange, from: ContentExchange, shift: number): void {
  noteEditedContent(from, message, { start: 0, removed: 0, inserted: 0, shift, whole: true });
}
