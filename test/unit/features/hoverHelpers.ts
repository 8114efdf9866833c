// Hover test helpers: the hover at a `|` cursor as `[start, end, markdown]`, and Markdown paragraphs joined.
import assert from 'node:assert/strict';
import { getHover } from '../../../server/src/features/hover/getHover';
import { withCursor } from '../../support/cursor';

/** `[start, end, markdown]` on the cursor's line, or undefined. */
export const hoverAt = (marked: string): [number, number, string] | undefined => {
  const { transcript, position } = withCursor(marked);
  const hover = getHover(transcript, position);
  if (!hover) return undefined;
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return [hover.range!.start.character, hover.range!.end.character, contents.value];
};

export const md = (...paragraphs: string[]): string => paragraphs.join('\n\n');

export const RFC5321_3_3 = '[RFC 5321 §3.3](https://www.rfc-editor.org/rfc/rfc5321#section-3.3)';
