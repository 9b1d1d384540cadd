/**
 * Jobs and their runs (`read:jobs` lists and gets them, `manage:jobs` runs one now). A run takes
 * its job's `runDurationSeconds` of sandbox time: it is `running` until then and `succeeded`
 * after, so moving the sandbox clock finishes it.
 */
import type { Principal } from './credentials/authenticate';
import { actingUserId } from './credentials/authenticate';
import { ApiError } from './errors';
import { appendCapped, newestInSequence } from './history';
import { findInOrg, pageInOrg } from './org-rows';
import type { Job, JobRun } from './model';
import { type Page, type PageRequest, byName, paginate } from './paginate';
import { randomId } from './random';
import type { Sandbox } from './sandbox';
import { storeCaps } from './store';

export type RunState = 'running' | 'succeeded';

/** A run's state at `now`: it is running until its job's duration has passed. */
export const runState = (run: JobRun, now: number): RunState => (now < run.endsAt ? 'running' : 'succeeded');

/** The organization's jobs, by name, one page at a time. */
export const listJobs = (sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<Job> =>
  pageInOrg(sandbox.store.jobs, orgId, byName, request);

/** @throws ApiError `not_found` for an unknown id or a job of another organization */
export const getJob = (sandbox: Sandbox, orgId: string, jobId: string): Job => findInOrg(sandbox.store.jobs, orgId, jobId, 'job');

const runsOf = (sandbox: Sandbox, jobId: string): JobRun[] => sandbox.store.jobRuns.filter((run) => run.jobId === jobId);

/**
 * The runs of one job, newest first, one page at a time.
 * @throws ApiError `not_found`; `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function listJobRuns(sandbox: Sandbox, orgId: string, jobId: string, request: PageRequest = {}): Page<JobRun> {
  const job = getJob(sandbox, orgId, jobId);
  return paginate(runsOf(sandbox, job.id), (run) => newestInSequence(run.startedAt, run.sequence, run.id), request);
}

/**
 * Starts a run of the job now, for the user the credential acts for; the job's oldest runs
 * beyond the sandbox's cap are forgotten.
 * @throws ApiError `not_found`; `conflict` when the job already has `maxConcurrentRuns` runs in progress
 */
export function runJobNow(sandbox: Sandbox, principal: Principal, jobId: string): JobRun {
  const job = getJob(sandbox, principal.org.id, jobId);
  const now = sandbox.clock.now();
  const previous = runsOf(sandbox, job.id);
  const active = previous.filter((run) => runState(run, now) === 'running').length;
  if (active >= job.maxConcurrentRuns) {
    throw new ApiError(
      'conflict',
      `Job ${job.id} already has ${active} run${active === 1 ? '' : 's'} in progress, its max_concurrent_runs; wait for ${active === 1 ? 'it' : 'one'} to finish.`,
    );
  }
  const triggeredBy = actingUserId(sandbox, principal);
  return appendCapped(sandbox.store.jobRuns, previous, storeCaps.runsPerJob, (sequence) => ({
    id: randomId('run'),
    orgId: job.orgId,
    jobId: job.id,
    triggeredBy,
    startedAt: now,
    endsAt: now + job.runDurationSeconds * 1000,
    sequence,
  }));
}
