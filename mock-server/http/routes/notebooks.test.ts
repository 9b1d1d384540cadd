import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';

const churn = { path: '/Shared/reports/churn', language: 'python', content: 'print("churn report")' };

describe('GET /v1/notebooks and GET /v1/notebooks/{notebookId}/export (listNotebooks, exportNotebook)', () => {
  it('lists notebooks by path without their source, and exports one with it', async () => {
    const { call } = await testSandbox();
    const list = await call('GET', '/v1/notebooks', { token: seeded.platformKey });
    expect(list.status).toBe(200);
    expect(list.body.data.map((notebook: { path: string }) => notebook.path)).toEqual(['/Shared/etl/daily-load', '/Users/grace/revenue']);
    expect(list.body.data[0]).not.toHaveProperty('content');
    const exported = await call('GET', '/v1/notebooks/nb_dailyLoad/export', { token: seeded.platformKey });
    expect(exported.body).toMatchObject({ id: 'nb_dailyLoad', format: 'source', language: 'python' });
    expect(new TextEncoder().encode(exported.body.content).length).toBe(list.body.data[0].size_bytes);
  });

  it('answers 404 for an unknown notebook and 403 without read:notebooks', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/notebooks/nb_nothere/export', { token: seeded.platformKey })).status).toBe(404);
    const forbidden = await call('GET', '/v1/notebooks', { token: seeded.adaToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.details).toEqual({ required_scope: 'read:notebooks' });
  });
});

describe('POST /v1/notebooks (importNotebook)', () => {
  it('creates a notebook in the oldest workspace that the list and the export then return', async () => {
    const { call } = await testSandbox();
    const created = await call('POST', '/v1/notebooks', { token: seeded.platformKey, json: churn });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ path: churn.path, workspace_id: 'ws_analytics', size_bytes: 21, created_by: 'usr_ada' });
    const exported = await call('GET', `/v1/notebooks/${created.body.id}/export`, { token: seeded.platformKey });
    expect(exported.body.content).toBe(churn.content);
    const list = await call('GET', '/v1/notebooks', { token: seeded.platformKey });
    expect(list.body.data.map((notebook: { id: string }) => notebook.id)).toContain(created.body.id);
  });

  it('refuses a path already taken in the workspace with 409 and leaves the notebook as it was', async () => {
    const { call, sandbox } = await testSandbox();
    const taken = await call('POST', '/v1/notebooks', { token: seeded.platformKey, json: { ...churn, path: '/Shared/etl/daily-load' } });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toBe('A notebook already exists at /Shared/etl/daily-load in workspace ws_analytics.');
    expect(sandbox.store.notebooks.get('nb_dailyLoad')?.content).toContain('Daily load');
    expect(sandbox.store.notebooks.size).toBe(2);
    const elsewhere = await call('POST', '/v1/notebooks', {
      token: seeded.platformKey,
      json: { ...churn, path: '/Shared/etl/daily-load', workspace_id: 'ws_sandboxLab' },
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses a workspace of another organization, a bad path or language, and a read-only credential', async () => {
    const { call, sandbox } = await testSandbox();
    const other = await call('POST', '/v1/notebooks', { token: seeded.platformKey, json: { ...churn, workspace_id: 'ws_loadlab' } });
    expect(other.status).toBe(400);
    expect(other.body.details).toEqual({ field: 'workspace_id' });
    const path = await call('POST', '/v1/notebooks', { token: seeded.platformKey, json: { ...churn, path: 'relative/path' } });
    expect(path.body.details).toEqual({ field: 'path' });
    const language = await call('POST', '/v1/notebooks', { token: seeded.platformKey, json: { ...churn, language: 'cobol' } });
    expect(language.body.details).toEqual({ field: 'language' });
    const readOnly = await call('POST', '/v1/notebooks', { token: seeded.platformKey, json: churn, headers: { 'x-datastack-scope': 'read:notebooks' } });
    expect(readOnly.status).toBe(403);
    expect(sandbox.store.notebooks.size).toBe(2);
  });
});
