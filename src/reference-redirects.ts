/**
 * Old addresses of reference pages that pages outside this site still link to, each sent on to
 * the page that replaced it. `@docusaurus/plugin-client-redirects` writes one small HTML page per
 * entry into the build (`<from>/index.html`, under the site's baseUrl) that forwards the reader,
 * with the query and hash, to `to`; the build fails if `to` is not a page of the site.
 *
 * Paths are site paths without the baseUrl and without a trailing slash. When an operationId
 * changes, its page moves (`/docs/api/<kebab-case operationId>`): add one line here from the
 * old path, with the reason, and `src/reference-redirects.test.ts` checks the target exists.
 */
import type { Options as ClientRedirectsOptions } from '@docusaurus/plugin-client-redirects';

export type ReferenceRedirect = NonNullable<ClientRedirectsOptions['redirects']>[number] & { from: string };

export const referenceRedirects: readonly ReferenceRedirect[] = [
  // The source pages call the revocation endpoint "Revoke a token"; our operation is `revokeToken`
  // (RFC 7009, `POST /oauth2/revoke`).
  { from: '/docs/api/revoke-a-token', to: '/docs/api/revoke-token' },
];
