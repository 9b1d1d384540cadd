import { describe, expect, it } from 'vitest';

import { storeCaps } from '../../core/store';
import { seeded, testSandbox } from '../../test/support/client';
import { expectCapReached } from '../../test/support/refusal';

const ids = (body: { data: { id: string }[] }): string[] => body.data.map((row) => row.id);

describe('GET /v1/clusters (listClusters)', () => {
  it('lists the organization clusters newest first with read:clusters', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/clusters', { token: seeded.graceToken });
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual(['cl_adhocSql', 'cl_etlNightly']);
    expect(response.body.data[1]).toMatchObject({
      name: 'etl-nightly',
      node_type: 'ds.standard.8',
      num_workers: 4,
      state: 'running',
      workspace_id: 'ws_analytics',
      created_by: 'usr_ada',
    });
    expect(response.body.next_cursor).toBeNull();
  });

  it('accepts manage:clusters for a read, and shows another organization none of these', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/clusters', { token: seeded.ingestKey })).status).toBe(200);
    const other = await call('GET', '/v1/clusters', { token: seeded.loadtestKey });
    expect(other.body).toEqual({ data: [], next_cursor: null });
  });

  it('pages with limit and cursor', async () => {
    const { call } = await testSandbox();
    const first = await call('GET', '/v1/clusters?limit=1', { token: seeded.graceToken });
    expect(ids(first.body)).toEqual(['cl_adhocSql']);
    const second = await call('GET', `/v1/clusters?limit=1&cursor=${first.body.next_cursor}`, { token: seeded.graceToken });
    expect(ids(second.body)).toEqual(['cl_etlNightly']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('answers 400 for an unknown parameter, 401 without a credential, 403 without the scope', async () => {
    const { call } = await testSandbox();
    const unknown = await call('GET', '/v1/clusters?state=running', { token: seeded.graceToken });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual({ field: 'state' });
    expect((await call('GET', '/v1/clusters', { token: 'dsp_unknown' })).status).toBe(401);
    const forbidden = await call('GET', '/v1/clusters', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'read:workspaces' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.details).toEqual({ required_scope: 'read:clusters' });
  });

  it('issue 11: a read-only token declaring manage:clusters is told manage:clusters is missing, in the body and the challenge', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/clusters', { token: seeded.graceToken, headers: { 'x-datastack-scope': 'manage:clusters' } });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: 'insufficient_scope',
      message: 'x-datastack-scope declares manage:clusters, which this credential does not hold.',
      details: { required_scope: 'manage:clusters' },
    });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="datastack", error="insufficient_scope", scope="manage:clusters"');
    const corrected = await call('GET', '/v1/clusters', { token: seeded.graceToken, headers: { 'x-datastack-scope': 'read:clusters' } });
    expect(corrected.status).toBe(200);
  });

  it('answers 429 once the credential used up its window', async () => {
    const { call, sandbox } = await testSandbox();
    for (let i = 0; i < 1000; i++) sandbox.limiter.hit('tok_graceRead', 'business');
    const response = await call('GET', '/v1/clusters', { token: seeded.graceToken });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).not.toBeNull();
  });
});

describe('POST /v1/clusters (createCluster)', () => {
  const forecast = { name: 'forecast-training', node_type: 'ds.standard.4', num_workers: 8 };

  it('creates a pending cluster in the oldest workspace with manage:clusters', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/v1/clusters', { token: seeded.ingestKey, json: forecast });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^cl_[A-Za-z0-9]{16}$/),
      ...forecast,
      state: 'pending',
      workspace_id: 'ws_analytics',
      created_by: 'usr_ada',
    });
    const listed = await call('GET', '/v1/clusters', { token: seeded.graceToken });
    expect(ids(listed.body)[0]).toBe(response.body.id);
  });

  it('creates in a named workspace of the organization', async () => {
    const { call } = await testSandbox();
    const response = await call('POST', '/v1/clusters', { token: seeded.adaToken, json: { ...forecast, workspace_id: 'ws_sandboxLab' } });
    expect(response.status).toBe(201);
    expect(response.body.workspace_id).toBe('ws_sandboxLab');
  });

  it('refuses a read-only credential with 403 insufficient_scope naming manage:clusters', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/clusters', { token: seeded.graceToken, json: forecast });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:clusters' } });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="datastack", error="insufficient_scope", scope="manage:clusters"');
    const declared = await call('POST', '/v1/clusters', { token: seeded.adaToken, json: forecast, headers: { 'x-datastack-scope': 'read:clusters' } });
    expect(declared.status).toBe(403);
    expect(sandbox.store.clusters.size).toBe(2);
  });

  it('refuses a workspace of another organization with 400, creating nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/clusters', { token: seeded.adaToken, json: { ...forecast, workspace_id: 'ws_loadlab' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'invalid_request',
      message: 'workspace_id names no workspace of your organization: ws_loadlab.',
      details: { field: 'workspace_id' },
    });
    expect(sandbox.store.clusters.size).toBe(2);
  });

  it('refuses a bad name, node type or worker count with 400 naming the field', async () => {
    const { call, sandbox } = await testSandbox();
    for (const [change, field] of [
      [{ name: 'Forecast' }, 'name'],
      [{ node_type: 'ds.huge.64' }, 'node_type'],
      [{ num_workers: 65 }, 'num_workers'],
      [{ num_workers: 1.5 }, 'num_workers'],
    ] as const) {
      const response = await call('POST', '/v1/clusters', { token: seeded.adaToken, json: { ...forecast, ...change } });
      expect(response.status, field).toBe(400);
      expect(response.body.details, field).toEqual({ field });
    }
    expect(sandbox.store.clusters.size).toBe(2);
  });

  it('refuses a new cluster once the organization holds the most the sandbox keeps', async () => {
    const { call, sandbox } = await testSandbox();
    const template = sandbox.store.clusters.get('cl_etlNightly');
    if (!template) throw new Error('seed changed');
    for (let i = 2; i < storeCaps.clustersPerOrg; i++) sandbox.store.clusters.put({ ...template, id: `cl_filler${i}` });
    const response = await call('POST', '/v1/clusters', { token: seeded.adaToken, json: forecast });
    expectCapReached(response, storeCaps.clustersPerOrg, 'The organization already has 50 clusters, the most the sandbox keeps; POST /sandbox/reset starts afresh.');
    expect(sandbox.store.clusters.size).toBe(storeCaps.clustersPerOrg);
  });

  it('answers 413 and 415 for bad bodies', async () => {
    const { call } = await testSandbox();
    expect((await call('POST', '/v1/clusters', { token: seeded.adaToken, json: { ...forecast, name: 'a'.repeat(70_000) } })).status).toBe(413);
    expect((await call('POST', '/v1/clusters', { token: seeded.adaToken, form: { name: 'forecast' } })).status).toBe(415);
  });
});

describe('GET /v1/workspaces (listWorkspaces)', () => {
  it('lists the organization workspaces by name with read:workspaces', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/workspaces', { token: seeded.dashboardKey });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [
        { id: 'ws_analytics', name: 'Analytics', region: 'eu-west-1', created_at: expect.any(String) },
        { id: 'ws_sandboxLab', name: 'Sandbox lab', region: 'us-east-1', created_at: expect.any(String) },
      ],
      next_cursor: null,
    });
    const other = await call('GET', '/v1/workspaces', { token: seeded.loadtestKey });
    expect(ids(other.body)).toEqual(['ws_loadlab']);
  });

  it('pages with limit and cursor', async () => {
    const { call } = await testSandbox();
    const first = await call('GET', '/v1/workspaces?limit=1', { token: seeded.graceToken });
    expect(ids(first.body)).toEqual(['ws_analytics']);
    const second = await call('GET', `/v1/workspaces?limit=1&cursor=${first.body.next_cursor}`, { token: seeded.graceToken });
    expect(ids(second.body)).toEqual(['ws_sandboxLab']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('answers 400 for a limit over 100, 401 without a credential, 403 without read:workspaces', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/workspaces?limit=101', { token: seeded.graceToken })).status).toBe(400);
    expect((await call('GET', '/v1/workspaces')).status).toBe(401);
    const forbidden = await call('GET', '/v1/workspaces', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'manage:clusters' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.details).toEqual({ required_scope: 'read:workspaces' });
  });
});

describe('GET /v1/clusters/{clusterId} (getCluster)', () => {
  it('gets one cluster with read:clusters, and answers 404 for an unknown id or another organization', async () => {
    const { call } = await testSandbox();
    const cluster = await call('GET', '/v1/clusters/cl_etlNightly', { token: seeded.graceToken });
    expect(cluster.body).toMatchObject({ id: 'cl_etlNightly', state: 'running', num_workers: 4 });
    const unknown = await call('GET', '/v1/clusters/cl_nowhere', { token: seeded.graceToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No cluster cl_nowhere exists in your organization.');
    expect((await call('GET', '/v1/clusters/cl_etlNightly', { token: seeded.loadtestKey })).status).toBe(404);
  });
});

describe('POST /v1/clusters/{clusterId}/resize and /terminate (resizeCluster, terminateCluster)', () => {
  it('resizes a running cluster, as the next get shows', async () => {
    const { call } = await testSandbox();
    const resized = await call('POST', '/v1/clusters/cl_etlNightly/resize', { token: seeded.ingestKey, json: { num_workers: 8 } });
    expect(resized.status).toBe(200);
    expect(resized.body).toMatchObject({ num_workers: 8, state: 'running' });
    expect((await call('GET', '/v1/clusters/cl_etlNightly', { token: seeded.graceToken })).body.num_workers).toBe(8);
  });

  it('terminates a running cluster once: the state changes, and a second terminate is a 409', async () => {
    const { call } = await testSandbox();
    const terminated = await call('POST', '/v1/clusters/cl_etlNightly/terminate', { token: seeded.ingestKey });
    expect(terminated.status).toBe(200);
    expect(terminated.body.state).toBe('terminated');
    expect((await call('GET', '/v1/clusters/cl_etlNightly', { token: seeded.graceToken })).body.state).toBe('terminated');
    const again = await call('POST', '/v1/clusters/cl_etlNightly/terminate', { token: seeded.ingestKey });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: 'Cluster cl_etlNightly is already terminated.' });
  });

  it('refuses to resize a terminated cluster (409), a bad worker count (400) and a read-only token (403), changing nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const terminated = await call('POST', '/v1/clusters/cl_adhocSql/resize', { token: seeded.ingestKey, json: { num_workers: 4 } });
    expect(terminated.status).toBe(409);
    expect(terminated.body.message).toBe('Cluster cl_adhocSql is terminated; only a pending or running cluster can be resized.');
    const zero = await call('POST', '/v1/clusters/cl_etlNightly/resize', { token: seeded.ingestKey, json: { num_workers: 0 } });
    expect(zero.status).toBe(400);
    expect(zero.body.details).toEqual({ field: 'num_workers' });
    const readOnly = await call('POST', '/v1/clusters/cl_etlNightly/terminate', { token: seeded.graceToken });
    expect(readOnly.body.details).toEqual({ required_scope: 'manage:clusters' });
    expect(sandbox.store.clusters.get('cl_etlNightly')).toMatchObject({ numWorkers: 4, state: 'running' });
    expect(sandbox.store.clusters.get('cl_adhocSql')?.numWorkers).toBe(2);
  });
});

describe('GET and PATCH /v1/workspaces/{workspaceId} (getWorkspace, updateWorkspace)', () => {
  it('gets a workspace, renames it with manage:workspaces, and the list shows the new name', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/workspaces/ws_analytics', { token: seeded.graceToken })).body.name).toBe('Analytics');
    const renamed = await call('PATCH', '/v1/workspaces/ws_analytics', { token: seeded.platformKey, json: { name: 'Analytics (EU)' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: 'ws_analytics', name: 'Analytics (EU)', region: 'eu-west-1' });
    const list = await call('GET', '/v1/workspaces', { token: seeded.graceToken });
    expect(list.body.data.map((workspace: { name: string }) => workspace.name)).toContain('Analytics (EU)');
  });

  it('needs manage:workspaces to rename (read:workspaces is not enough) and answers 404 for another organization', async () => {
    const { call, sandbox } = await testSandbox();
    const readOnly = await call('PATCH', '/v1/workspaces/ws_analytics', { token: seeded.graceToken, json: { name: 'Mine' } });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.details).toEqual({ required_scope: 'manage:workspaces' });
    expect((await call('PATCH', '/v1/workspaces/ws_loadlab', { token: seeded.platformKey, json: { name: 'Mine' } })).status).toBe(404);
    expect((await call('GET', '/v1/workspaces/ws_loadlab', { token: seeded.graceToken })).status).toBe(404);
    expect(sandbox.store.workspaces.get('ws_analytics')?.name).toBe('Analytics');
  });
});
