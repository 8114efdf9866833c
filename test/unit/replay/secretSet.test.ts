import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretSet } from '../../../server/src/replay/secretSet';

test('every string in a result is masked, longest secret first', () => {
  const secrets = new SecretSet();
  secrets.add(['hunter2', 'hunter2hunter2', '']);
  const result = {
    text: 'password hunter2hunter2 and hunter2',
    list: ['ok', 'x hunter2 y'],
    nested: { deep: [{ value: 'hunter2' }], count: 3, flag: true, none: undefined },
  };
  assert.deepEqual(secrets.maskDeep(result), {
    text: 'password **** and ****',
    list: ['ok', 'x **** y'],
    nested: { deep: [{ value: '****' }], count: 3, flag: true, none: undefined },
  });
});

test('nothing to mask leaves text as it is', () => {
  assert.equal(new SecretSet().mask('250 ok'), '250 ok');
});
