import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { User } from '../../core/model';
import { getUser, listUsers, renameUser } from '../../core/users';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

/** A user as the directory shows them: profile only, no role. */
export function userWire(user: User): components['schemas']['User'] {
  return { id: user.id, name: user.name, email: user.email, created_at: isoTime(user.createdAt) };
}

/** The user directory: list, get, update. */
export function registerUserRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listUsers', ({ c, principal, query, json }) => {
    const page = listUsers(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, userWire));
  });

  defineOperation(app, 'getUser', ({ c, principal, params, json }) => json(200, userWire(getUser(c.get('sandbox'), principal.org.id, params.userId ?? ''))));

  defineOperation(app, 'updateUser', ({ c, principal, params, body, json }) =>
    json(200, userWire(renameUser(c.get('sandbox'), principal.org.id, params.userId ?? '', body.name))),
  );
}
