/**
 * Notebooks (`read:notebooks` lists and exports them, `manage:notebooks` imports one). A path
 * holds one notebook per workspace.
 */
import type { Principal } from './credentials/authenticate';
import { actingUserId } from './credentials/authenticate';
import { ApiError, capReached, quote } from './errors';
import type { Notebook, NotebookLanguage } from './model';
import { findInOrg, pageInOrg } from './org-rows';
import type { Page, PageRequest } from './paginate';
import { randomId } from './random';
import { workspaceFor } from './resources';
import type { Sandbox } from './sandbox';
import { storeCaps } from './store';

export interface ImportNotebookRequest {
  path: string;
  language: NotebookLanguage;
  content: string;
  /** Defaults to the organization's oldest workspace. */
  workspaceId?: string | undefined;
}

/** Size of a notebook's source in UTF-8 bytes. */
export const notebookSize = (notebook: Notebook): number => new TextEncoder().encode(notebook.content).length;

/** By path, then by workspace and id: the path is unique only within a workspace. */
const byPath = (notebook: Notebook): string => `${notebook.path}|${notebook.workspaceId}|${notebook.id}`;

/** The organization's notebooks in every workspace, by path, one page at a time. */
export const listNotebooks = (sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<Notebook> =>
  pageInOrg(sandbox.store.notebooks, orgId, byPath, request);

/** @throws ApiError `not_found` for an unknown id or a notebook of another organization */
export const getNotebook = (sandbox: Sandbox, orgId: string, notebookId: string): Notebook =>
  findInOrg(sandbox.store.notebooks, orgId, notebookId, 'notebook');

/**
 * Creates a notebook from its source (shape and sizes validated by the spec).
 * @throws ApiError `invalid_request` for a workspace that is not the organization's or a full
 *   organization; `conflict` when the path is taken in that workspace
 */
export function importNotebook(sandbox: Sandbox, principal: Principal, request: ImportNotebookRequest): Notebook {
  const orgId = principal.org.id;
  const workspace = workspaceFor(sandbox, orgId, request.workspaceId);
  const { notebooks } = sandbox.store;
  if (notebooks.count((notebook) => notebook.workspaceId === workspace.id && notebook.path === request.path) > 0) {
    throw new ApiError('conflict', `A notebook already exists at ${quote(request.path, 200)} in workspace ${workspace.id}.`);
  }
  if (notebooks.count((notebook) => notebook.orgId === orgId) >= storeCaps.notebooksPerOrg) {
    throw capReached(
      storeCaps.notebooksPerOrg,
      `The organization already has ${storeCaps.notebooksPerOrg} notebooks, the most the sandbox keeps; POST /sandbox/reset starts afresh.`,
    );
  }
  return notebooks.put({
    id: randomId('nb'),
    orgId,
    workspaceId: workspace.id,
    path: request.path,
    language: request.language,
    content: request.content,
    createdBy: actingUserId(sandbox, principal),
    createdAt: sandbox.clock.now(),
  });
}
