/**
 * The authorization endpoint's browser pages: `GET /oauth2/authorize` (consent page) and
 * `POST /oauth2/authorize` (the decision).
 */
import type { Hono } from 'hono';

import { checkAuthorizationRequest, decideAuthorization, errorRedirect, readAuthorizationQuery } from '../../core/oauth/authorization';
import { presentParams } from '../../core/oauth/params';
import type { AppEnv } from '../env';
import { checkAddressLimit } from '../middleware/rate-limit-headers';
import { defineOperation } from '../operation';
import { consentPage } from '../pages/consent';
import { errorPage } from '../pages/error';
import { htmlResponse, redirectResponse } from '../pages/respond';

/**
 * Where the consent form's answer may send the browser, for the page's `form-action`: the
 * redirect URI's origin, or `null` for an IPv6 literal, which a policy cannot name.
 */
const formTargets = (redirectUri: string): string[] | null => {
  const { origin } = new URL(redirectUri);
  return origin.includes('[') ? null : [origin];
};

/** `GET` and `POST /oauth2/authorize`. */
export function registerAuthorizeRoutes(app: Hono<AppEnv>): void {
  // Registered directly rather than with defineOperation: the operation wrapper refuses a query
  // that breaks the spec's parameter schemas with a 400, but RFC 6749 §4.1.2.1 and RFC 7636 §4.4.1
  // want every fault after the client and redirect URI are trusted (missing PKCE, `plain`,
  // another response_type, a bad scope) sent back to the client on the redirect, and unknown
  // parameters ignored (§3.1). checkAuthorizationRequest applies the spec's rules itself.
  app.get('/oauth2/authorize', async function startAuthorization(c) {
    c.set('errorPage', errorPage);
    checkAddressLimit(c);
    const check = checkAuthorizationRequest(c.get('sandbox'), readAuthorizationQuery(new URL(c.req.url).searchParams));
    if (!check.ok) return redirectResponse(c, errorRedirect(check));
    return htmlResponse(c, 200, consentPage(check.request), formTargets(check.request.redirectUri));
  });

  defineOperation(
    app,
    'submitAuthorizationDecision',
    async ({ c, form }) => {
      const decision = await decideAuthorization(c.get('sandbox'), presentParams(form));
      if (decision.outcome === 'redirect') return redirectResponse(c, decision.location);
      const { request, message, username } = decision;
      return htmlResponse(c, 200, consentPage(request, { message, ...(username === undefined ? {} : { username }) }), formTargets(request.redirectUri));
    },
    { errorPage },
  );
}
