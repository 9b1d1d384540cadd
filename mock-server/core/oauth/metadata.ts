/**
 * The authorization server metadata document (RFC 8414): built from what the server really
 * supports, so it cannot advertise an endpoint, grant or method that does not work.
 */
import { clientAuthMethods, type ClientAuthMethod } from './client-auth';
import type { GrantType } from './grant-types';
import { supportedGrantTypes } from './grants';
import { requestableScopes } from './params';

/** The RFC 8414 fields this server can publish. */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  device_authorization_endpoint: string;
  revocation_endpoint: string;
  introspection_endpoint: string;
  scopes_supported: string[];
  response_types_supported: 'code'[];
  response_modes_supported: 'query'[];
  grant_types_supported: GrantType[];
  token_endpoint_auth_methods_supported: ClientAuthMethod[];
  token_endpoint_auth_signing_alg_values_supported: 'HS256'[];
  code_challenge_methods_supported: 'S256'[];
  revocation_endpoint_auth_methods_supported: ClientAuthMethod[];
  introspection_endpoint_auth_methods_supported: ClientAuthMethod[];
}

type EndpointField =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'device_authorization_endpoint'
  | 'revocation_endpoint'
  | 'introspection_endpoint';

/** The endpoints that answer, by metadata field. A new endpoint is one line here. */
const endpointPaths: Record<EndpointField, string> = {
  authorization_endpoint: '/oauth2/authorize',
  token_endpoint: '/oauth2/token',
  device_authorization_endpoint: '/oauth2/device/code',
  revocation_endpoint: '/oauth2/revoke',
  introspection_endpoint: '/oauth2/introspect',
};

/** `response_type` values `/oauth2/authorize` accepts. */
const responseTypes: 'code'[] = ['code'];
/** PKCE methods the authorization code grant verifies (`plain` is refused: RFC 9700 §2.1.1). */
const codeChallengeMethods: 'S256'[] = ['S256'];

/**
 * The metadata document for an issuer (the origin the request reached), listing only what works.
 * @see RFC 8414 §2 and §3.2
 */
export function describeAuthorizationServer(issuer: string): AuthorizationServerMetadata {
  const endpoints = Object.fromEntries(Object.entries(endpointPaths).map(([field, path]) => [field, `${issuer}${path}`])) as Record<EndpointField, string>;
  return {
    issuer,
    ...endpoints,
    scopes_supported: [...requestableScopes],
    response_types_supported: [...responseTypes],
    response_modes_supported: ['query'],
    grant_types_supported: supportedGrantTypes(),
    token_endpoint_auth_methods_supported: [...clientAuthMethods.token],
    // RFC 8414 §2: required once client_secret_jwt is offered; HS256 is the only algorithm verified.
    token_endpoint_auth_signing_alg_values_supported: ['HS256'],
    code_challenge_methods_supported: [...codeChallengeMethods],
    revocation_endpoint_auth_methods_supported: [...clientAuthMethods.revocation],
    introspection_endpoint_auth_methods_supported: [...clientAuthMethods.introspection],
  };
}
