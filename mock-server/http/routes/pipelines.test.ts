import { describe, expect, it } from 'vitest';

import { seeded, testSandbox } from '../../test/support/client';

describe('GET /v1/pipelines (listPipelines)', () => {
  it('lists the pipelines by name with their state, and needs read:pipelines', async () => {
    const { call } = await testSandbox();
    const list = await call('GET', '/v1/pipelines', { token: seeded.platformKey });
    expect(list.body.data.map((pipeline: { id: string; state: string }) => [pipeline.id, pipeline.state])).toEqual([
      ['pl_billing', 'idle'],
      ['pl_clickstream', 'running'],
    ]);
    expect((await call('GET', '/v1/pipelines', { token: seeded.graceToken })).body.details).toEqual({ required_scope: 'read:pipelines' });
  });
});

describe('start, stop and events of a pipeline (startPipeline, stopPipeline, listPipelineEvents)', () => {
  it('starts an idle pipeline and stops it again, each recorded as an event newest first', async () => {
    const { call } = await testSandbox();
    const started = await call('POST', '/v1/pipelines/pl_billing/start', { token: seeded.platformKey });
    expect(started.status).toBe(200);
    expect(started.body.state).toBe('running');
    const stopped = await call('POST', '/v1/pipelines/pl_billing/stop', { token: seeded.platformKey });
    expect(stopped.body.state).toBe('idle');
    const events = await call('GET', '/v1/pipelines/pl_billing/events', { token: seeded.platformKey });
    expect(events.body.data.map((event: { type: string; actor: string }) => [event.type, event.actor])).toEqual([
      ['stopped', 'usr_ada'],
      ['started', 'usr_ada'],
      ['created', 'usr_ada'],
    ]);
  });

  it('answers 409 for starting a running pipeline or stopping an idle one, and records nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const start = await call('POST', '/v1/pipelines/pl_clickstream/start', { token: seeded.platformKey });
    expect(start.status).toBe(409);
    expect(start.body.message).toBe('Pipeline pl_clickstream is already running.');
    const stop = await call('POST', '/v1/pipelines/pl_billing/stop', { token: seeded.platformKey });
    expect(stop.status).toBe(409);
    expect(stop.body.message).toBe('Pipeline pl_billing is not running.');
    expect(sandbox.store.pipelineEvents.size).toBe(3);
  });

  it('answers 404 for an unknown pipeline and 403 for a read-only declared scope', async () => {
    const { call, sandbox } = await testSandbox();
    expect((await call('GET', '/v1/pipelines/pl_unknown/events', { token: seeded.platformKey })).status).toBe(404);
    expect((await call('POST', '/v1/pipelines/pl_unknown/start', { token: seeded.platformKey })).status).toBe(404);
    const readOnly = await call('POST', '/v1/pipelines/pl_billing/start', { token: seeded.platformKey, headers: { 'x-datastack-scope': 'read:pipelines' } });
    expect(readOnly.body.details).toEqual({ required_scope: 'manage:pipelines' });
    expect(sandbox.store.pipelines.get('pl_billing')?.state).toBe('idle');
  });
});
