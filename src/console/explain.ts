/**
 * A short, plain explanation of a refusal, with the guide section that covers it. The console
 * shows it under the response so a reader learns why, not only that, a request failed.
 */
import type { ConsoleResult } from './send';

export interface Explanation {
  title: string;
  text: string;
  guide: { label: string; path: string };
}

const unauthorized = { label: 'Errors: 401', path: '/docs/errors#401' };
const missingScope = { label: 'Errors: insufficient_scope', path: '/docs/errors#insufficient-scope' };
const forbidden = { label: 'Errors: forbidden', path: '/docs/errors#forbidden' };
const rateLimits = { label: 'Rate limits: when you reach the limit', path: '/docs/rate-limits#when-you-reach-the-limit' };
const gettingCredentials = { label: 'Getting a credential', path: '/docs/authentication#getting-a-credential' };
const baseUrls = { label: 'Base URLs', path: '/docs/authentication#base-urls' };

function header(result: Extract<ConsoleResult, { kind: 'response' }>, name: string): string | undefined {
  return result.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

function errorBody(body: string): { error?: string; message?: string; error_description?: string; details?: { required_scope?: string } } {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

export function explain(result: ConsoleResult, target: { sandbox: boolean; baseUrl: string }): Explanation | undefined {
  if (result.kind === 'network-error') {
    return {
      title: 'No response',
      text: target.sandbox
        ? 'The in-browser sandbox did not answer. Reload the page; if it persists, your browser may block service workers (private windows in some browsers do).'
        : `Nothing answered at ${target.baseUrl}. If it is the local mock, start it with \`npm run mock\` in the docs repository. A server on another origin must also allow this page with CORS (\`Access-Control-Allow-Origin\`), or the browser hides its answer.`,
      guide: baseUrls,
    };
  }
  if (result.kind === 'redirect') {
    return {
      title: 'Redirect',
      text: 'The server answered with a redirect. Browsers do not let a page read a redirect, so open this endpoint in a browser tab (it is a page for people, not an API call) to follow it.',
      guide: gettingCredentials,
    };
  }
  const body = errorBody(result.body);
  const challenge = header(result, 'www-authenticate');
  switch (result.status) {
    case 401:
      return {
        title: '401: who are you?',
        text: `The request carried no credential, or one the server does not accept (unknown, expired or revoked)${
          challenge ? `; \`WWW-Authenticate: ${challenge}\` says which` : ''
        }. Pick or get a credential above; retrying the same one will not help.`,
        guide: unauthorized,
      };
    case 403:
      if (body.error === 'insufficient_scope') {
        const scope = body.details?.required_scope;
        return {
          title: '403: missing scope',
          text: `The credential is valid but lacks the ${scope ? `\`${scope}\`` : 'required'} scope. Use or create a credential with that scope.`,
          guide: missingScope,
        };
      }
      return {
        title: '403: not allowed',
        text: 'The credential has the scope, but the user’s role, the credential type or the organization’s settings do not allow this action.',
        guide: forbidden,
      };
    case 429: {
      const retryAfter = header(result, 'retry-after');
      return {
        title: '429: slow down',
        text: `This credential sent more requests than its plan allows in the current window.${
          retryAfter ? ` Wait ${retryAfter} s (\`Retry-After\`) before retrying.` : ''
        } Each credential has its own budget.`,
        guide: rateLimits,
      };
    }
    default:
      return undefined;
  }
}
