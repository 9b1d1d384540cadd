import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { Cluster, Workspace } from '../../core/model';
import {
  createCluster,
  getCluster,
  getWorkspace,
  listClusters,
  listWorkspaces,
  renameWorkspace,
  resizeCluster,
  terminateCluster,
} from '../../core/resources';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

type ClusterWire = components['schemas']['Cluster'];
type WorkspaceWire = components['schemas']['Workspace'];

/** A cluster in the spec's wire shape. */
export function clusterWire(cluster: Cluster): ClusterWire {
  return {
    id: cluster.id,
    name: cluster.name,
    node_type: cluster.nodeType as ClusterWire['node_type'],
    num_workers: cluster.numWorkers,
    state: cluster.state,
    workspace_id: cluster.workspaceId,
    created_by: cluster.createdBy,
    created_at: isoTime(cluster.createdAt),
  };
}

/** A workspace in the spec's wire shape. */
export function workspaceWire(workspace: Workspace): WorkspaceWire {
  return {
    id: workspace.id,
    name: workspace.name,
    region: workspace.region as WorkspaceWire['region'],
    created_at: isoTime(workspace.createdAt),
  };
}

/** Clusters (list, create, get, resize, terminate) and workspaces (list, get, rename). */
export function registerResourceRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listClusters', ({ c, principal, query, json }) => {
    const page = listClusters(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, clusterWire));
  });

  defineOperation(app, 'createCluster', ({ c, principal, body, json }) => {
    const cluster = createCluster(c.get('sandbox'), principal, {
      name: body.name,
      nodeType: body.node_type,
      numWorkers: body.num_workers,
      workspaceId: body.workspace_id,
    });
    return json(201, clusterWire(cluster));
  });

  defineOperation(app, 'getCluster', ({ c, principal, params, json }) =>
    json(200, clusterWire(getCluster(c.get('sandbox'), principal.org.id, params.clusterId ?? ''))),
  );

  defineOperation(app, 'resizeCluster', ({ c, principal, params, body, json }) =>
    json(200, clusterWire(resizeCluster(c.get('sandbox'), principal.org.id, params.clusterId ?? '', body.num_workers))),
  );

  defineOperation(app, 'terminateCluster', ({ c, principal, params, json }) =>
    json(200, clusterWire(terminateCluster(c.get('sandbox'), principal.org.id, params.clusterId ?? ''))),
  );

  defineOperation(app, 'listWorkspaces', ({ c, principal, query, json }) => {
    const page = listWorkspaces(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, workspaceWire));
  });

  defineOperation(app, 'getWorkspace', ({ c, principal, params, json }) =>
    json(200, workspaceWire(getWorkspace(c.get('sandbox'), principal.org.id, params.workspaceId ?? ''))),
  );

  defineOperation(app, 'updateWorkspace', ({ c, principal, params, body, json }) =>
    json(200, workspaceWire(renameWorkspace(c.get('sandbox'), principal.org.id, params.workspaceId ?? '', body.name))),
  );
}
