/**
 * The frame of every page the sandbox serves to a browser (consent, device verification, errors):
 * one small document, no external assets, every interpolated value escaped.
 */
import { scopeDescriptions } from '../../generated/catalogue';
import { toBase64Url } from '../../core/random';

/** Text made safe for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The one stylesheet, inline; the Content-Security-Policy allows exactly this text by its hash. */
const stylesheet = [
  'body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f;background:#fff}',
  'h1{font-size:1.5rem;line-height:1.25}',
  'label{display:block;margin:.75rem 0 .25rem;font-weight:600}',
  'input,select{font:inherit;padding:.45rem;width:100%;box-sizing:border-box;border:1px solid #6b6b76;border-radius:4px}',
  'button{font:inherit;padding:.5rem 1.1rem;margin:1.25rem .5rem 0 0;border-radius:4px;border:1px solid #1b1b1f;cursor:pointer}',
  'button[value=approve]{background:#1b4fd8;border-color:#1b4fd8;color:#fff}',
  ':focus-visible{outline:3px solid #f5b400;outline-offset:2px}',
  '[role=alert]{border-left:4px solid #b3261e;padding:.5rem .75rem;background:#fdeceb}',
  'code{font-family:ui-monospace,monospace;font-size:.9em;background:#f1f1f4;padding:0 .2em;border-radius:3px}',
  'li{margin:.35rem 0}.note{color:#4a4a55;font-size:.9rem}',
].join('');

let styleSource: Promise<string> | undefined;

/** `'sha256-…'` of the stylesheet, computed once (WebCrypto is asynchronous). */
function styleHashSource(): Promise<string> {
  styleSource ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(stylesheet))
    .then((digest) => `'sha256-${toBase64Url(new Uint8Array(digest)).replace(/-/g, '+').replace(/_/g, '/')}='`);
  return styleSource;
}

/**
 * The Content-Security-Policy of a page: nothing may load, no script runs, only our stylesheet
 * applies, the page cannot be framed (clickjacking on a consent page), and forms post only to
 * the sandbox or to `formTargets` (where a form's answer redirects the browser; `null` when CSP
 * cannot name the target).
 */
export async function contentSecurityPolicy(formTargets: readonly string[] | null = []): Promise<string> {
  return [
    "default-src 'none'",
    `style-src ${await styleHashSource()}`,
    // null: a target CSP cannot name (an IPv6 literal), so form-action is left out rather than break the redirect.
    ...(formTargets === null ? [] : [`form-action 'self'${formTargets.map((target) => ` ${target}`).join('')}`]),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** A complete page: `title` and `main` are already-escaped HTML. */
export function layout(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · DataStack sandbox</title>
<style>${stylesheet}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

/** A message the user must notice (a failed sign-in, an invalid code), announced by screen readers. */
export const alertBox = (message: string | undefined): string => (message === undefined ? '' : `<p role="alert">${escapeHtml(message)}</p>\n`);

/** Escaped text with its `code spans` (as in the spec's scope descriptions) shown as code. */
const withCode = (text: string): string => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The list of scopes a client asks for, each with its description from the spec. */
export function scopeList(scopes: readonly string[]): string {
  const items = scopes.map((scope) => {
    const description = Object.hasOwn(scopeDescriptions, scope) ? scopeDescriptions[scope as keyof typeof scopeDescriptions] : '';
    return `<li><code>${escapeHtml(scope)}</code>: ${withCode(description)}</li>`;
  });
  return `<ul>\n${items.join('\n')}\n</ul>`;
}

/** A hidden form field. */
export const hidden = (name: string, value: string): string => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

/** The email and password fields of a sign-in. */
export function signInFields(username: string | undefined): string {
  return `<label for="username">Email</label>
<input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>`;
}
