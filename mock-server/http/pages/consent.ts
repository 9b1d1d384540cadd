/** The consent page of the authorization code flow (`GET`/`POST /oauth2/authorize`). */
import type { AuthorizationRequest } from '../../core/oauth/authorization';
import { offlineAccess } from '../../core/scopes';
import { alertBox, escapeHtml, hidden, layout, scopeList, signInFields } from './layout';

/**
 * Asks the user to sign in and allow or deny the client: its name, its organization, each scope
 * with its description, and where the browser will be sent. The form repeats the authorization
 * request, so the decision is checked against the same rules.
 */
export function consentPage(request: AuthorizationRequest, options: { message?: string; username?: string } = {}): string {
  const { client, org } = request;
  const scopes = [...request.scopes, ...(request.offline ? [offlineAccess] : [])];
  const fields = {
    response_type: 'code',
    client_id: client.id,
    redirect_uri: request.redirectUri,
    scope: scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
  const name = escapeHtml(client.name);
  return layout(
    `Authorize ${name}`,
    `<h1>Allow ${name} to access your ${escapeHtml(org.name)} account?</h1>
${alertBox(options.message)}<p>${name} asks to:</p>
${scopeList(scopes)}
<form method="post" action="/oauth2/authorize">
${Object.entries(fields)
  .map(([field, value]) => hidden(field, value))
  .join('\n')}
${signInFields(options.username)}
<button type="submit" name="decision" value="approve">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form>
<p class="note">Either way you will be sent back to <code>${escapeHtml(request.redirectUri)}</code>. Sandbox accounts are listed at <code>GET /sandbox</code>.</p>`,
  );
}
