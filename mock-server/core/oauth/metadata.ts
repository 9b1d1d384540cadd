/**
 * The authorization server metadata document (RFC 8414): built from what the server really
 * supports, so it cannot advertise an endpoint, grant or method that does not work.
 */
import { clientAuthMethods, type ClientAuthMethod } from './client-auth';
import { type GrantType, supportedGrantTypes } from './grants';
import { requestableScopes } from './params';

/** The RFC 8414 fields this server can publish. */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint?: string;
  token_endpoint: string;
  device_authorization_endpoint?: string;
  revocation_endpoint: string;
  introspection_endpoint: string;
  scopes_supported: string[];
  response_types_supported: 'code'[];
  response_modes_supported?: 'query'[];
  grant_types_supported: GrantType[];
  token_endpoint_auth_methods_supported: ClientAuthMethod[];
  token_endpoint_auth_signing_alg_values_supported?: 'HS256'[];
  code_challenge_methods_supported?: 'S256'[];
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
const endpointPaths = {
  token_endpoint: '/oauth2/token',
  revocation_endpoint: '/oauth2/revoke',
  introspection_endpoint: '/oauth2/introspect',
} as const satisfies Partial<Record<EndpointField, string>>;

/** `response_type` values `/oauth2/authorize` accepts (`code`, once it exists). */
const responseTypes: 'code'[] = [];
/** PKCE methods the authorization code grant verifies (`S256`, once it exists). */
const codeChallengeMethods: 'S256'[] = [];

/**
 * The metadata document for an issuer (the origin the request reached), listing only what works.
 * @see RFC 8414 §2 and §3.2
 */
export function describeAuthorizationServer(issuer: string): AuthorizationServerMetadata {
  const endpoints = Object.fromEntries(Object.entries(endpointPaths).map(([field, path]) => [field, `${issuer}${path}`])) as {
    [Field in keyof typeof endpointPaths]: string;
  };
  const tokenMethods = [...clientAuthMethods.token];
  return {
    issuer,
    ...endpoints,
    scopes_supported: [...requestableScopes],
    // RFC 8414 §2 requires this member even when no response type is supported yet.
    response_types_supported: [...responseTypes],
    ...(responseTypes.length > 0 ? { response_modes_supported: ['query' as const] } : {}),
    grant_types_supported: supportedGrantTypes(),
    token_endpoint_auth_methods_supported: tokenMethods,
    // RFC 8414 §2: must be present when client_secret_jwt is offered.
    ...(tokenMethods.includes('client_secret_jwt') ? { token_endpoint_auth_signing_alg_values_supported: ['HS256' as const] } : {}),
    ...(codeChallengeMethods.length > 0 ? { code_challenge_methods_supported: [...codeChallengeMethods] } : {}),
    revocation_endpoint_auth_methods_supported: [...clientAuthMethods.revocation],
    introspection_endpoint_auth_methods_supported: [...clientAuthMethods.introspection],
  };
}
