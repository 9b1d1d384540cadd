/** The device verification pages (`GET`/`POST /device`, RFC 8628 §3.3). */
import type { PendingDevice } from '../../core/oauth/device';
import { offlineAccess } from '../../core/scopes';
import { type ErrorPage, errorPage } from './error';
import { alertBox, escapeHtml, layout, scopeList, signInFields } from './layout';

/**
 * The form where the user enters the code shown on the device, signs in, chooses the organization
 * the device will act in, and connects or cancels. When the code is known, the page names the app
 * and the scopes it asks for, and offers the one organization the app can act in.
 */
export function deviceVerificationPage(options: { userCode?: string; pending?: PendingDevice; message?: string; username?: string } = {}): string {
  const { pending } = options;
  const about = pending
    ? `<p>${escapeHtml(pending.client.name)} asks to act as you in ${escapeHtml(pending.org.name)} and to:</p>
${scopeList([...pending.device.scopes, ...(pending.device.offline ? [offlineAccess] : [])])}
`
    : '<p>Enter the code your device shows, then sign in to connect it.</p>\n';
  // The app is registered in one organization, so that is the only honest choice to offer.
  const orgField = pending
    ? `<label for="org_id">Organization</label>
<select id="org_id" name="org_id" required><option value="${escapeHtml(pending.org.id)}">${escapeHtml(pending.org.name)}</option></select>
<p class="note">${escapeHtml(pending.client.name)} is registered in ${escapeHtml(pending.org.name)}, so it can act only there.</p>`
    : '';
  return layout(
    'Connect a device',
    `<h1>Connect a device</h1>
${alertBox(options.message)}${about}<form method="post" action="/device">
<label for="user_code">Code</label>
<input id="user_code" name="user_code" required maxlength="16" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${escapeHtml(options.userCode ?? '')}">
${signInFields(options.username)}
${orgField}
<button type="submit" name="decision" value="approve">Connect</button>
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
</form>`,
  );
}

/** The page after the user answered. */
export function deviceDonePage(outcome: { approved: true; pending: PendingDevice; userName: string } | { approved: false; pending: PendingDevice }): string {
  const client = escapeHtml(outcome.pending.client.name);
  if (!outcome.approved) {
    return layout('Sign-in cancelled', `<h1>Sign-in cancelled</h1>\n<p>${client} was not connected. You can close this page.</p>`);
  }
  return layout(
    'Device connected',
    `<h1>Device connected</h1>\n<p>${client} can now act as ${escapeHtml(outcome.userName)} in ${escapeHtml(outcome.pending.org.name)}. You can close this page.</p>`,
  );
}

/** A refused code or form is shown on the form itself, so the user can try again; a rate limit or a fault gets the error page. */
export const deviceErrorPage: ErrorPage = (status, message) => (status === 400 ? deviceVerificationPage({ message }) : errorPage(status, message));
