/**
 * Clusters and workspaces: resources that exist to show scopes at work (`read:clusters` lists and
 * gets, `manage:clusters` creates, resizes and terminates; `read:workspaces` lists and gets,
 * `manage:workspaces` renames). Nothing is ever started.
 */
import type { Principal } from './credentials/authenticate';
import { ApiError, capReached, quote } from './errors';
import type { Cluster, Workspace } from './model';
import { actingUserId } from './credentials/authenticate';
import { findInOrg, pageInOrg } from './org-rows';
import { byName, newestFirst, type Page, type PageRequest } from './paginate';
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

/**
 * The organization's workspaces, by name, one page at a time.
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export const listWorkspaces = (sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<Workspace> =>
  pageInOrg(sandbox.store.workspaces, orgId, byName, request);

/**
 * The organization's clusters, newest first, terminated ones included, one page at a time.
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export const listClusters = (sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<Cluster> =>
  pageInOrg(sandbox.store.clusters, orgId, newestFirst, request);

/** @throws ApiError `not_found` for an unknown id or a workspace of another organization */
export const getWorkspace = (sandbox: Sandbox, orgId: string, workspaceId: string): Workspace =>
  findInOrg(sandbox.store.workspaces, orgId, workspaceId, 'workspace');

/**
 * Changes a workspace's display name (validated by the spec: 1–100 printable characters).
 * @throws ApiError `not_found`
 */
export function renameWorkspace(sandbox: Sandbox, orgId: string, workspaceId: string, name: string): Workspace {
  const workspace = getWorkspace(sandbox, orgId, workspaceId);
  return sandbox.store.workspaces.put({ ...workspace, name });
}

/** @throws ApiError `not_found` for an unknown id or a cluster of another organization */
export const getCluster = (sandbox: Sandbox, orgId: string, clusterId: string): Cluster =>
  findInOrg(sandbox.store.clusters, orgId, clusterId, 'cluster');

function checkWorkers(numWorkers: number): void {
  if (!Number.isInteger(numWorkers) || numWorkers < 1 || numWorkers > maxWorkers) {
    throw new ApiError('invalid_request', `num_workers must be a whole number from 1 to ${maxWorkers}.`, { field: 'num_workers' });
  }
}

/**
 * Sets the worker count of a pending or running cluster.
 * @throws ApiError `not_found`; `invalid_request` for a bad count; `conflict` for a terminated cluster
 */
export function resizeCluster(sandbox: Sandbox, orgId: string, clusterId: string, numWorkers: number): Cluster {
  const cluster = getCluster(sandbox, orgId, clusterId);
  checkWorkers(numWorkers);
  if (cluster.state === 'terminated') {
    throw new ApiError('conflict', `Cluster ${cluster.id} is terminated; only a pending or running cluster can be resized.`);
  }
  return sandbox.store.clusters.put({ ...cluster, numWorkers });
}

/**
 * Terminates a pending or running cluster; it stays listed as `terminated`.
 * @throws ApiError `not_found`; `conflict` when it is already terminated
 */
export function terminateCluster(sandbox: Sandbox, orgId: string, clusterId: string): Cluster {
  const cluster = getCluster(sandbox, orgId, clusterId);
  if (cluster.state === 'terminated') throw new ApiError('conflict', `Cluster ${cluster.id} is already terminated.`);
  return sandbox.store.clusters.put({ ...cluster, state: 'terminated' });
}

/** The organization's oldest workspace: where a new cluster or notebook goes when none is named. */
export function defaultWorkspace(sandbox: Sandbox, orgId: string): Workspace | undefined {
  return sandbox.store.workspaces.filter((workspace) => workspace.orgId === orgId).sort((a, b) => a.createdAt - b.createdAt)[0];
}

/**
 * The workspace a request names, or the organization's oldest one.
 * @throws ApiError `invalid_request` (details.field: workspace_id) when it is not the organization's, or there is none
 */
export function workspaceFor(sandbox: Sandbox, orgId: string, workspaceId: string | undefined): Workspace {
  const workspace = workspaceId === undefined ? defaultWorkspace(sandbox, orgId) : sandbox.store.workspaces.get(workspaceId);
  if (!workspace || workspace.orgId !== orgId) {
    throw new ApiError(
      'invalid_request',
      workspaceId === undefined
        ? 'The organization has no workspace; name one in workspace_id.'
        : `workspace_id names no workspace of your organization: ${quote(workspaceId)}.`,
      { field: 'workspace_id' },
    );
  }
  return workspace;
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
  checkWorkers(request.numWorkers);
  const workspace = workspaceFor(sandbox, orgId, request.workspaceId);
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
