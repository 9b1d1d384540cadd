import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import { getJob, listJobRuns, listJobs, runJobNow, runState } from '../../core/jobs';
import type { Job, JobRun } from '../../core/model';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

/** A job in the spec's wire shape. */
export function jobWire(job: Job): components['schemas']['Job'] {
  return {
    id: job.id,
    name: job.name,
    workspace_id: job.workspaceId,
    cluster_id: job.clusterId,
    max_concurrent_runs: job.maxConcurrentRuns,
    run_duration_seconds: job.runDurationSeconds,
    created_by: job.createdBy,
    created_at: isoTime(job.createdAt),
  };
}

/** A run in the spec's wire shape, its state read at `now`. */
export function jobRunWire(run: JobRun, now: number): components['schemas']['JobRun'] {
  const state = runState(run, now);
  return {
    id: run.id,
    job_id: run.jobId,
    state,
    triggered_by: run.triggeredBy,
    started_at: isoTime(run.startedAt),
    ended_at: state === 'running' ? null : isoTime(run.endsAt),
  };
}

/** Jobs: list, get, run now, list runs. */
export function registerJobRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listJobs', ({ c, principal, query, json }) => {
    const page = listJobs(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, jobWire));
  });

  defineOperation(app, 'getJob', ({ c, principal, params, json }) => json(200, jobWire(getJob(c.get('sandbox'), principal.org.id, params.jobId ?? ''))));

  defineOperation(app, 'runJobNow', ({ c, principal, params, json }) => {
    const sandbox = c.get('sandbox');
    return json(201, jobRunWire(runJobNow(sandbox, principal, params.jobId ?? ''), sandbox.clock.now()));
  });

  defineOperation(app, 'listJobRuns', ({ c, principal, params, query, json }) => {
    const sandbox = c.get('sandbox');
    const now = sandbox.clock.now();
    const page = listJobRuns(sandbox, principal.org.id, params.jobId ?? '', query);
    return json(200, listBody(page, (run) => jobRunWire(run, now)));
  });
}
