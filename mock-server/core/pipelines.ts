/**
 * Pipelines (`read:pipelines` lists them and their events, `manage:pipelines` starts and stops
 * them). Every start and stop is recorded as an event, with the user it was done for.
 */
import type { Principal } from './credentials/authenticate';
import { actingUserId } from './credentials/authenticate';
import { ApiError } from './errors';
import { appendCapped, newestInSequence } from './history';
import { findInOrg, pageInOrg } from './org-rows';
import type { Pipeline, PipelineEvent } from './model';
import { type Page, type PageRequest, byName, paginate } from './paginate';
import { randomId } from './random';
import type { Sandbox } from './sandbox';
import { storeCaps } from './store';

/** The organization's pipelines, by name, one page at a time. */
export const listPipelines = (sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<Pipeline> =>
  pageInOrg(sandbox.store.pipelines, orgId, byName, request);

/** @throws ApiError `not_found` for an unknown id or a pipeline of another organization */
export const getPipeline = (sandbox: Sandbox, orgId: string, pipelineId: string): Pipeline =>
  findInOrg(sandbox.store.pipelines, orgId, pipelineId, 'pipeline');

const eventsOf = (sandbox: Sandbox, pipelineId: string): PipelineEvent[] =>
  sandbox.store.pipelineEvents.filter((event) => event.pipelineId === pipelineId);

/**
 * What happened to one pipeline, newest first, one page at a time.
 * @throws ApiError `not_found`; `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function listPipelineEvents(sandbox: Sandbox, orgId: string, pipelineId: string, request: PageRequest = {}): Page<PipelineEvent> {
  const pipeline = getPipeline(sandbox, orgId, pipelineId);
  return paginate(eventsOf(sandbox, pipeline.id), (event) => newestInSequence(event.createdAt, event.sequence, event.id), request);
}

function transition(sandbox: Sandbox, principal: Principal, pipelineId: string, to: Pipeline['state']): Pipeline {
  const pipeline = getPipeline(sandbox, principal.org.id, pipelineId);
  if (pipeline.state === to) {
    throw new ApiError('conflict', to === 'running' ? `Pipeline ${pipeline.id} is already running.` : `Pipeline ${pipeline.id} is not running.`);
  }
  const actor = actingUserId(sandbox, principal);
  const updated = sandbox.store.pipelines.put({ ...pipeline, state: to });
  appendCapped<PipelineEvent>(sandbox.store.pipelineEvents, eventsOf(sandbox, pipeline.id), storeCaps.eventsPerPipeline, (sequence) => ({
    id: randomId('pev'),
    pipelineId: pipeline.id,
    type: to === 'running' ? 'started' : 'stopped',
    actor,
    createdAt: sandbox.clock.now(),
    sequence,
  }));
  return updated;
}

/**
 * Starts an idle pipeline and records a `started` event.
 * @throws ApiError `not_found`; `conflict` when it is already running
 */
export const startPipeline = (sandbox: Sandbox, principal: Principal, pipelineId: string): Pipeline =>
  transition(sandbox, principal, pipelineId, 'running');

/**
 * Stops a running pipeline and records a `stopped` event.
 * @throws ApiError `not_found`; `conflict` when it is not running
 */
export const stopPipeline = (sandbox: Sandbox, principal: Principal, pipelineId: string): Pipeline =>
  transition(sandbox, principal, pipelineId, 'idle');
