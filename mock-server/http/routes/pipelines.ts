import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { Pipeline, PipelineEvent } from '../../core/model';
import { listPipelineEvents, listPipelines, startPipeline, stopPipeline } from '../../core/pipelines';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

/** A pipeline in the spec's wire shape. */
export function pipelineWire(pipeline: Pipeline): components['schemas']['Pipeline'] {
  return {
    id: pipeline.id,
    name: pipeline.name,
    workspace_id: pipeline.workspaceId,
    state: pipeline.state,
    created_by: pipeline.createdBy,
    created_at: isoTime(pipeline.createdAt),
  };
}

/** A pipeline event in the spec's wire shape. */
export function pipelineEventWire(event: PipelineEvent): components['schemas']['PipelineEvent'] {
  return { id: event.id, pipeline_id: event.pipelineId, type: event.type, actor: event.actor, created_at: isoTime(event.createdAt) };
}

/** Pipelines: list, list events, start, stop. */
export function registerPipelineRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listPipelines', ({ c, principal, query, json }) => {
    const page = listPipelines(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, pipelineWire));
  });

  defineOperation(app, 'listPipelineEvents', ({ c, principal, params, query, json }) => {
    const page = listPipelineEvents(c.get('sandbox'), principal.org.id, params.pipelineId ?? '', query);
    return json(200, listBody(page, pipelineEventWire));
  });

  defineOperation(app, 'startPipeline', ({ c, principal, params, json }) =>
    json(200, pipelineWire(startPipeline(c.get('sandbox'), principal, params.pipelineId ?? ''))),
  );

  defineOperation(app, 'stopPipeline', ({ c, principal, params, json }) =>
    json(200, pipelineWire(stopPipeline(c.get('sandbox'), principal, params.pipelineId ?? ''))),
  );
}
