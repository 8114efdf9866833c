import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { connectToTarget, planTarget } from '../../../server/src/replay/connectTarget';
import type { Connection, ConnectOptions } from '../../../server/src/replay/connection';
import { ReplayError } from '../../../server/src/replay/replayError';
import type { MxRecord, ReplayOptions } from '../../../server/src/replay/replayTypes';
import { SecretSet } from '../../../server/src/replay/secretSet';
import type { SessionSettings } from '../../../server/src/replay/sessionSettings';
import { WireLog } from '../../../server/src/replay/wireLog';

const settings = (fields: Partial<SessionSettings> = {}): SessionSettings => ({
  replyTimeoutMs: 1000,
  connectTimeoutMs: 1000,
  match: 'code',
  requires: [],
  ...fields,
});
const options = (fields: Partial<ReplayOptions> = {}): ReplayOptions => ({ env: {}, ...fields });
const mx = (records: MxRecord[]) => async (): Promise<MxRecord[]> => records;

describe('planTarget', () => {
  test('caller overrides beat the file, the file beats caller defaults', async () => {
    const file = settings({ server: 'file.test', port: 2525 });
    assert.deepEqual(await planTarget(file, options({ defaults: { host: 'default.test', port: 25 } })), {
      hosts: ['file.test'],
      port: 2525,
      tls: 'none',
      servername: undefined,
    });
    assert.deepEqual(await planTarget(file, options({ target: { host: 'cli.test', tls: 'implicit' } })), {
      hosts: ['cli.test'],
      port: 2525,
      tls: 'implicit',
      servername: undefined,
    });
  });

  test('default ports: 25, or 465 for implicit TLS', async () => {
    assert.equal((await planTarget(settings({ server: 'a.test' }), options())).port, 25);
    assert.equal((await planTarget(settings({ server: 'a.test', tls: 'implicit' }), options())).port, 465);
  });

  test('no server anywhere is a transcript error', async () => {
    await assert.rejects(planTarget(settings(), options()), { kind: 'transcript' });
  });

  test('mx: hosts in preference order (RFC 5321 §5.1)', async () => {
    const resolveMx = mx([
      { exchange: 'backup.example.com', priority: 20 },
      { exchange: 'mx1.example.com.', priority: 10 },
    ]);
    const plan = await planTarget(settings({ server: 'mx:example.com' }), options({ resolveMx }));
    assert.deepEqual(plan, { hosts: ['mx1.example.com', 'backup.example.com'], port: 25, tls: 'none', servername: undefined, mx: 'mx:example.com' });
  });

  test('mx: a name the resolver does not know, or one without MX records, is its own exchanger (RFC 5321 §5.1)', async () => {
    for (const code of ['ENOTFOUND', 'ENODATA']) {
      const notes: string[] = [];
      const resolveMx = async (): Promise<MxRecord[]> => {
        throw Object.assign(new Error(`queryMx ${code} localhost`), { code });
      };
      const plan = await planTarget(settings({ server: 'mx:localhost' }), options({ resolveMx }), (note) => notes.push(note));
      assert.deepEqual(plan.hosts, ['localhost']);
      assert.deepEqual(notes, ['localhost has no MX records: connecting to its own address (implicit MX, RFC 5321 §5.1)']);
    }
  });

  test('mx: any other lookup failure is an error', async () => {
    const resolveMx = async (): Promise<MxRecord[]> => {
      throw Object.assign(new Error('queryMx ESERVFAIL example.com'), { code: 'ESERVFAIL' });
    };
    await assert.rejects(planTarget(settings({ server: 'mx:example.com' }), options({ resolveMx })), {
      kind: 'dns',
      message: 'cannot look up the MX records of example.com (ESERVFAIL)',
    });
  });

  test('mx: without MX records the domain itself; a null MX accepts no mail (RFC 7505)', async () => {
    assert.deepEqual((await planTarget(settings({ server: 'mx:example.com' }), options({ resolveMx: mx([]) }))).hosts, ['example.com']);
    await assert.rejects(planTarget(settings({ server: 'mx:example.com' }), options({ resolveMx: mx([{ exchange: '', priority: 0 }]) })), {
      kind: 'dns',
      message: 'example.com publishes a null MX (RFC 7505): it accepts no mail',
    });
  });
});

describe('connectToTarget', () => {
  const common = { connectTimeoutMs: 1000, log: new WireLog(new SecretSet()) };
  const tlsFor = (host: string): ConnectOptions['tls'] => ({ servername: host, insecure: false });

  test('the next exchanger is tried after a refused connection', async () => {
    const tried: string[] = [];
    const open = async (o: ConnectOptions): Promise<Connection> => {
      tried.push(o.host);
      if (o.host === 'mx1.test') throw new ReplayError('connect-refused', 'mx1.test:25 refused the connection');
      return { where: o.host } as unknown as Connection;
    };
    const plan = { hosts: ['mx1.test', 'mx2.test'], port: 25, tls: 'none' as const, mx: 'mx:example.test' };
    const { target } = await connectToTarget(plan, common, tlsFor, open);
    assert.deepEqual(tried, ['mx1.test', 'mx2.test']);
    assert.deepEqual(target, { host: 'mx2.test', port: 25, tls: 'none', servername: 'mx2.test', mx: 'mx:example.test' });
  });

  test('a certificate problem is not a reason to try the next exchanger', async () => {
    const open = async (): Promise<Connection> => {
      throw new ReplayError('tls-verify', 'not trusted');
    };
    const plan = { hosts: ['mx1.test', 'mx2.test'], port: 465, tls: 'implicit' as const, mx: 'mx:example.test' };
    await assert.rejects(connectToTarget(plan, common, tlsFor, open), { kind: 'tls-verify' });
  });

  test('when every exchanger fails, the last failure is reported', async () => {
    const open = async (o: ConnectOptions): Promise<Connection> => {
      throw new ReplayError('connect-refused', `${o.host}:25 refused the connection`);
    };
    const plan = { hosts: ['mx1.test', 'mx2.test'], port: 25, tls: 'none' as const, mx: 'mx:example.test' };
    await assert.rejects(connectToTarget(plan, common, tlsFor, open), {
      kind: 'connect-refused',
      message: 'no mail exchanger of mx:example.test accepted a connection (last: mx2.test:25 refused the connection)',
    });
  });
});
