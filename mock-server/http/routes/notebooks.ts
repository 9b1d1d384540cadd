import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { Notebook } from '../../core/model';
import { getNotebook, importNotebook, listNotebooks, notebookSize } from '../../core/notebooks';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

/** A notebook in the spec's wire shape, without its source. */
export function notebookWire(notebook: Notebook): components['schemas']['Notebook'] {
  return {
    id: notebook.id,
    path: notebook.path,
    language: notebook.language,
    workspace_id: notebook.workspaceId,
    size_bytes: notebookSize(notebook),
    created_by: notebook.createdBy,
    created_at: isoTime(notebook.createdAt),
  };
}

/** Notebooks: list, export, import. */
export function registerNotebookRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listNotebooks', ({ c, principal, query, json }) => {
    const page = listNotebooks(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, notebookWire));
  });

  defineOperation(app, 'importNotebook', ({ c, principal, body, json }) => {
    const notebook = importNotebook(c.get('sandbox'), principal, {
      path: body.path,
      language: body.language,
      content: body.content,
      workspaceId: body.workspace_id,
    });
    return json(201, notebookWire(notebook));
  });

  defineOperation(app, 'exportNotebook', ({ c, principal, params, json }) => {
    const notebook = getNotebook(c.get('sandbox'), principal.org.id, params.notebookId ?? '');
    return json(200, { id: notebook.id, path: notebook.path, language: notebook.language, format: 'source', content: notebook.content });
  });
}
