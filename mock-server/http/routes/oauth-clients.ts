import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import { deleteOauthClient, getOauthClient, listOauthClients, registerOauthClient } from '../../core/oauth-clients';
import type { OAuthClient } from '../../core/model';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

type OAuthClientWire = components['schemas']['OAuthClient'];

/** An OAuth client as the spec lists it: of the secret, only its last four characters. */
export function oauthClientWire(client: OAuthClient): OAuthClientWire {
  return {
    client_id: client.id,
    name: client.name,
    type: client.type,
    redirect_uris: [...client.redirectUris],
    allowed_scopes: [...client.allowedScopes] as OAuthClientWire['allowed_scopes'],
    grant_types: [...client.grantTypes],
    client_secret_last_four: client.secretLastFour,
    created_by: client.createdBy,
    created_at: isoTime(client.createdAt),
  };
}

/** The OAuth client registration operations: list, register, get, delete. */
export function registerOauthClientRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listOauthClients', ({ c, principal, query, json }) => {
    const page = listOauthClients(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, oauthClientWire));
  });

  defineOperation(app, 'registerOauthClient', async ({ c, principal, body, json }) => {
    const { client, secret } = await registerOauthClient(c.get('sandbox'), principal, {
      name: body.name,
      type: body.type,
      redirectUris: body.redirect_uris,
      allowedScopes: body.allowed_scopes,
      grantTypes: body.grant_types,
    });
    return json(201, { ...oauthClientWire(client), client_secret: secret });
  });

  defineOperation(app, 'getOauthClient', ({ c, principal, params, json }) =>
    json(200, oauthClientWire(getOauthClient(c.get('sandbox'), principal.org.id, params.clientId ?? ''))),
  );

  defineOperation(app, 'deleteOauthClient', ({ c, principal, params }) => {
    deleteOauthClient(c.get('sandbox'), principal.org.id, params.clientId ?? '');
    return c.body(null, 204);
  });
}
