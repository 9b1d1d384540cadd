/**
 * The origin documented examples and the browser console use for the sandbox. `.test` is a
 * reserved top-level name (RFC 6761) that no resolver answers, so when the in-page worker is not
 * running a request fails instead of reaching a real host.
 */
export const sandboxOrigin = 'https://sandbox.datastack.test';
