import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc, rfcLabel, rfcUrl, specLabel, specMarkdownLink, specUrl } from '../../../server/src/knowledge';

describe('RFC references', () => {
  test('links to a section, an appendix and a whole RFC', () => {
    assert.equal(rfcUrl(rfc(5321, '4.1.1.1')), 'https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.1');
    assert.equal(rfcUrl(rfc(5321, 'F.1')), 'https://www.rfc-editor.org/rfc/rfc5321#appendix-F.1');
    assert.equal(rfcUrl(rfc(1985)), 'https://www.rfc-editor.org/rfc/rfc1985');
  });

  test('labels', () => {
    assert.equal(rfcLabel(rfc(5321, '4.1.1.1')), 'RFC 5321 §4.1.1.1');
    assert.equal(rfcLabel(rfc(1985)), 'RFC 1985');
  });

  test('documents that are not RFCs keep their own title and address', () => {
    const draft = { title: 'draft-murchison-sasl-login', url: 'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00' };
    assert.equal(specLabel(draft), 'draft-murchison-sasl-login');
    assert.equal(specUrl(draft), 'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00');
    assert.equal(specMarkdownLink(rfc(3207, '4')), '[RFC 3207 §4](https://www.rfc-editor.org/rfc/rfc3207#section-4)');
  });
});
