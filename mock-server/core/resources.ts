/**
 * Clusters and workspaces: resources that exist to show scopes at work (`read:clusters` lists,
 * `manage:clusters` creates, `read:workspaces` lists). Nothing is ever started.
 */
import type { Principal } from './credentials/authenticate';
import { ApiError, capReached, quote } from './errors';
import type { Cluster, Workspace } from './model';
import { actingUserId } from './credentials/authenticate';
import { randomId } from './random';
import type { Sandbox } from './sandbox';
import { storeCaps } from './store';

export const nodeTypes = ['ds.standard.4', 'ds.standard.8', 'ds.memory.16'] as const;

export interface ClusterRequest {
  name: string;
  nodeType: string;
  numWorkers: number;
  /** Defaults to the organization's oldest workspace. */
  workspaceId?: string | undefined;
}

const clusterNamePattern = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;
const maxWorkers = 64;

/** The organization's workspaces (any order; see `core/paginate`). */
export function listWorkspaces(sandbox: Sandbox, orgId: string): Workspace[] {
  return sandbox.store.workspaces.filter((workspace) => workspace.orgId === orgId);
}

/** The organization's clusters (any order; see `core/paginate`). */
export function listClusters(sandbox: Sandbox, orgId: string): Cluster[] {
  return sandbox.store.clusters.filter((cluster) => cluster.orgId === orgId);
}

function defaultWorkspace(sandbox: Sandbox, orgId: string): Workspace | undefined {
  return listWorkspaces(sandbox, orgId).sort((a, b) => a.createdAt - b.createdAt)[0];
}

/**
 * Creates a cluster in `pending` state in one of the organization's workspaces.
 * @throws ApiError `invalid_request` for a bad name, node type or worker count, or a workspace
 *   that is not the organization's; `conflict` for a full organization
 */
export function createCluster(sandbox: Sandbox, principal: Principal, request: ClusterRequest): Cluster {
  const orgId = principal.org.id;
  if (!clusterNamePattern.test(request.name)) {
    throw new ApiError('invalid_request', 'name must be 3–63 lowercase letters, digits and dashes, starting with a letter.', {
      field: 'name',
    });
  }
  if (!(nodeTypes as readonly string[]).includes(request.nodeType)) {
    throw new ApiError('invalid_request', `node_type must be one of: ${nodeTypes.join(', ')}.`, { field: 'node_type' });
  }
  if (!Number.isInteger(request.numWorkers) || request.numWorkers < 1 || request.numWorkers > maxWorkers) {
    throw new ApiError('invalid_request', `num_workers must be a whole number from 1 to ${maxWorkers}.`, { field: 'num_workers' });
  }
  const workspace =
    request.workspaceId === undefined ? defaultWorkspace(sandbox, orgId) : sandbox.store.workspaces.get(request.workspaceId);
  if (!workspace || workspace.orgId !== orgId) {
    throw new ApiError(
      'invalid_request',
      request.workspaceId === undefined
        ? 'The organization has no workspace; name one in workspace_id.'
        : `workspace_id names no workspace of your organization: ${quote(request.workspaceId)}.`,
      { field: 'workspace_id' },
    );
  }
  const { clusters } = sandbox.store;
  if (clusters.count((cluster) => cluster.orgId === orgId) >= storeCaps.clustersPerOrg) {
    throw capReached(
      storeCaps.clustersPerOrg,
      `The organization already has ${storeCaps.clustersPerOrg} clusters, the most the sandbox keeps; POST /sandbox/reset starts afresh.`,
    );
  }
  const createdBy = actingUserId(sandbox, principal);

  return clusters.put({
    id: randomId('cl'),
    orgId,
    name: request.name,
    nodeType: request.nodeType,
    numWorkers: request.numWorkers,
    state: 'pending',
    workspaceId: workspace.id,
    createdBy,
    createdAt: sandbox.clock.now(),
  });
}
