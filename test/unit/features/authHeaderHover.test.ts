import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getHover } from '../../../server/src/features/hover/getHover';
import { withCursor } from '../../support/cursor';

const hoverAt = (marked: string): [number, number, string] | undefined => {
  const { transcript, position } = withCursor(marked);
  const hover = getHover(transcript, position);
  if (!hover) return undefined;
  return [hover.range!.start.line, hover.range!.start.character, (hover.contents as { value: string }).value];
};

const message = (...content: string[]) => ['S: 220 x', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...content, 'C:', 'C: body', 'C: .', 'S: 250 ok'].join('\n');

describe('hover on mail-authentication tags', () => {
  test('a DKIM-Signature tag on the first line and on a folded line; the field name still shows the field', () => {
    assert.deepEqual(hoverAt(message('C: DKIM-Signature: v=1; a=rsa-sha256; |d=example.org;', 'C:  s=s1; h=From; bh=YQ==; b=Yg==')), [
      7,
      38,
      '**d=** (DKIM-Signature): The signing domain (SDID): the key is published under it, and DMARC aligns it with the From domain.\n\nRequired.\n\n[RFC 6376 §3.5](https://www.rfc-editor.org/rfc/rfc6376#section-3.5)',
    ]);
    assert.deepEqual(hoverAt(message('C: DKIM-Signature: v=1; a=rsa-sha256; d=example.org;', 'C:  s=s1; h=From; b|h=YQ==; b=Yg=='))?.slice(0, 2), [8, 18]);
    assert.match(hoverAt(message('C: DKIM-Sig|nature: v=1'))![2], /^\*\*DKIM-Signature\*\*: A DomainKeys Identified Mail signature/);
  });

  test('an ARC-Seal tag; an unknown tag says verifiers ignore it; a tag value gets nothing', () => {
    assert.match(hoverAt(message('C: ARC-Seal: i=1; c|v=none; a=rsa-sha256'))![2], /^\*\*cv=\*\* \(ARC-Seal\): The chain validation status/);
    assert.equal(hoverAt(message('C: DKIM-Signature: v=1; z|z=1'))![2], '**zz=**: not a tag DKIM-Signature defines; verifiers ignore unknown tags.');
    assert.equal(hoverAt(message('C: DKIM-Signature: v=1; d=exa|mple.org')), undefined);
  });
});
