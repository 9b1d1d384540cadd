import { describe, expect, it } from 'vitest';

import { storeCaps } from '../../core/store';
import { seeded, testSandbox } from '../../test/support/client';

const ids = (body: { data: { id: string }[] }): string[] => body.data.map((row) => row.id);

describe('GET /v1/jobs and GET /v1/jobs/{jobId} (listJobs, getJob)', () => {
  it('lists the organization jobs by name and gets one, with read:jobs or manage:jobs', async () => {
    const { call } = await testSandbox();
    const list = await call('GET', '/v1/jobs', { token: seeded.platformKey, headers: { 'x-datastack-scope': 'read:jobs' } });
    expect(list.status).toBe(200);
    expect(ids(list.body)).toEqual(['job_nightlyEtl', 'job_weeklyReport']);
    const job = await call('GET', '/v1/jobs/job_nightlyEtl', { token: seeded.platformKey });
    expect(job.body).toMatchObject({ name: 'nightly-etl', cluster_id: 'cl_etlNightly', max_concurrent_runs: 1, run_duration_seconds: 900 });
  });

  it('answers 404 for an unknown job and for another organization, 403 without read:jobs', async () => {
    const { call } = await testSandbox();
    const unknown = await call('GET', '/v1/jobs/job_doesNotExist', { token: seeded.platformKey });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No job job_doesNotExist exists in your organization.');
    const forbidden = await call('GET', '/v1/jobs', { token: seeded.graceToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.details).toEqual({ required_scope: 'read:jobs' });
  });
});

describe('POST /v1/jobs/{jobId}/run-now and GET /v1/jobs/{jobId}/runs (runJobNow, listJobRuns)', () => {
  it('starts a run that the runs list returns first, running until the job duration has passed on the sandbox clock', async () => {
    const { call, sandbox } = await testSandbox();
    const run = await call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ job_id: 'job_nightlyEtl', state: 'running', triggered_by: 'usr_ada', ended_at: null });
    const runs = await call('GET', '/v1/jobs/job_nightlyEtl/runs', { token: seeded.platformKey });
    expect(ids(runs.body)).toEqual([run.body.id, 'run_etlJune01', 'run_etlMay31']);

    sandbox.clock.advance(900);
    const later = await call('GET', '/v1/jobs/job_nightlyEtl/runs?limit=1', { token: seeded.platformKey });
    expect(later.body.data[0]).toMatchObject({ id: run.body.id, state: 'succeeded' });
    expect(Date.parse(later.body.data[0].ended_at) - Date.parse(run.body.started_at)).toBe(900_000);
  });

  it('refuses a second run while one is in progress (max_concurrent_runs 1) with 409, and records nothing', async () => {
    const { call, sandbox } = await testSandbox();
    await call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey });
    const second = await call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: 'conflict',
      message: 'Job job_nightlyEtl already has 1 run in progress, its max_concurrent_runs; wait for it to finish.',
    });
    expect(sandbox.store.jobRuns.size).toBe(3);
    sandbox.clock.advance(900);
    expect((await call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey })).status).toBe(201);
  });

  it(`keeps the ${storeCaps.runsPerJob} most recent runs of a job`, async () => {
    const { call, sandbox } = await testSandbox();
    const started: string[] = [];
    for (let i = 0; i < storeCaps.runsPerJob; i++) {
      started.push((await call('POST', '/v1/jobs/job_weeklyReport/run-now', { token: seeded.platformKey })).body.id);
      sandbox.clock.advance(300);
    }
    const runs = await call('GET', `/v1/jobs/job_weeklyReport/runs?limit=100`, { token: seeded.platformKey });
    expect(ids(runs.body)).toEqual(started.reverse());
    const one = await call('POST', '/v1/jobs/job_weeklyReport/run-now', { token: seeded.platformKey });
    const after = await call('GET', `/v1/jobs/job_weeklyReport/runs?limit=100`, { token: seeded.platformKey });
    expect(after.body.data).toHaveLength(storeCaps.runsPerJob);
    expect(after.body.data[0].id).toBe(one.body.id);
    expect(ids(after.body)).not.toContain(started[started.length - 1]);
  });

  it('needs manage:jobs to run, read:jobs to list runs, and answers 404 for an unknown job', async () => {
    const { call, sandbox } = await testSandbox();
    const declared = await call('POST', '/v1/jobs/job_nightlyEtl/run-now', { token: seeded.platformKey, headers: { 'x-datastack-scope': 'read:jobs' } });
    expect(declared.status).toBe(403);
    expect(declared.body.details).toEqual({ required_scope: 'manage:jobs' });
    expect((await call('GET', '/v1/jobs/job_nope1/runs', { token: seeded.platformKey })).status).toBe(404);
    expect((await call('POST', '/v1/jobs/job_nope1/run-now', { token: seeded.platformKey })).status).toBe(404);
    expect(sandbox.store.jobRuns.size).toBe(2);
  });
});
