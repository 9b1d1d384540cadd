import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';

const states = (body: { data: { id: string; state: string }[] }) => body.data.map((warehouse) => [warehouse.id, warehouse.state]);

describe('SQL warehouses (listSqlWarehouses, startSqlWarehouse, stopSqlWarehouse)', () => {
  it('lists the warehouses by name; a stopped warehouse is reported stopped from then on', async () => {
    const { call } = await testSandbox();
    const before = await call('GET', '/v1/sql/warehouses', { token: seeded.platformKey, headers: { 'x-datastack-scope': 'read:sql' } });
    expect(states(before.body)).toEqual([
      ['sqlw_adhoc', 'stopped'],
      ['sqlw_biDash', 'running'],
    ]);
    const stopped = await call('POST', '/v1/sql/warehouses/sqlw_biDash/stop', { token: seeded.platformKey });
    expect(stopped.body).toMatchObject({ id: 'sqlw_biDash', state: 'stopped' });
    const started = await call('POST', '/v1/sql/warehouses/sqlw_adhoc/start', { token: seeded.platformKey });
    expect(started.body.state).toBe('running');
    const after = await call('GET', '/v1/sql/warehouses', { token: seeded.platformKey });
    expect(states(after.body)).toEqual([
      ['sqlw_adhoc', 'running'],
      ['sqlw_biDash', 'stopped'],
    ]);
  });

  it('answers 409 for a warehouse already in the asked state, 404 for an unknown one, 403 without manage:sql', async () => {
    const { call, sandbox } = await testSandbox();
    const stop = await call('POST', '/v1/sql/warehouses/sqlw_adhoc/stop', { token: seeded.platformKey });
    expect(stop.status).toBe(409);
    expect(stop.body.message).toBe('SQL warehouse sqlw_adhoc is already stopped.');
    const start = await call('POST', '/v1/sql/warehouses/sqlw_biDash/start', { token: seeded.platformKey });
    expect(start.body.message).toBe('SQL warehouse sqlw_biDash is already running.');
    expect((await call('POST', '/v1/sql/warehouses/sqlw_gone/stop', { token: seeded.platformKey })).status).toBe(404);
    const forbidden = await call('POST', '/v1/sql/warehouses/sqlw_biDash/stop', { token: seeded.graceToken });
    expect(forbidden.body.details).toEqual({ required_scope: 'manage:sql' });
    expect(sandbox.store.sqlWarehouses.get('sqlw_biDash')?.state).toBe('running');
  });
});
