import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCaPem } from '../../../server/src/replay/tlsDetails';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// A certificate without its key (test/fixtures/localhost-cert.pem): the checks read certificates, never keys.
const localhostCertificatePem = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/localhost-cert.pem'), 'utf8');

test('an extra CA file must hold readable certificates', () => {
  assert.doesNotThrow(() => checkCaPem(`subject=CN = localhost\n${localhostCertificatePem}`, 'ca.pem'));
  assert.throws(() => checkCaPem('root:x:0:0:root:/root:/bin/bash\n', 'the @ca file /etc/passwd', 3), {
    kind: 'ca',
    message: 'the @ca file /etc/passwd holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
    line: 3,
  });
  assert.throws(() => checkCaPem(`${localhostCertificatePem}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n`, 'ca.pem'), {
    kind: 'ca',
    message: /^certificate 2 of ca\.pem cannot be read: /,
  });
});
