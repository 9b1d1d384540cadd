/**
 * Signing a user in on a page of the authorization server (consent, device verification).
 */
import { authenticatePassword } from '../credentials/password';
import type { User } from '../model';
import type { Sandbox } from '../sandbox';
import type { OAuthParams } from './params';

/**
 * Checks the email and password a page posted. A failure is a message to show on the page
 * again, never a refusal: the page is re-rendered and nothing is written.
 * @param missing the message when either field is empty
 */
export async function signInOnPage(sandbox: Sandbox, form: OAuthParams, missing: string): Promise<{ user: User } | { message: string }> {
  const { username, password } = form;
  if (username === undefined || password === undefined) return { message: missing };
  try {
    const { user } = await authenticatePassword(sandbox, username, password);
    if (user) return { user };
  } catch {
    // Which half was wrong is not said, as for every password check.
  }
  return { message: 'Email or password is incorrect.' };
}
