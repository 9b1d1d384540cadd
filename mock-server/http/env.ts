import type { Principal } from '../core/credentials/authenticate';
import type { RateLimitStatus } from '../core/rate-limit';
import type { Sandbox } from '../core/sandbox';
import type { ErrorPage } from './pages/error';

/** Hono bindings and per-request variables of the sandbox app (read them with `c.get()`: `c.var` copies them all on every access). */
export interface AppEnv {
  Bindings: {
    /** Who is calling, for limits on endpoints that take no credential (the host fills it in). */
    clientAddress?: string;
    /**
     * Where people open the device sign-in page, when the host serves it somewhere else than
     * `<origin>/device` (the browser sandbox cannot be navigated to; the docs site shows it).
     */
    deviceVerificationUri?: string;
  };
  Variables: {
    sandbox: Sandbox;
    requestId: string;
    /** Set once the request has been counted against a rate-limit window. */
    rateLimit: RateLimitStatus | undefined;
    /** Set by the operation wrapper once a bearer credential is accepted. */
    principal: Principal | undefined;
    /** The operation also accepts HTTP Basic, so a 401 challenges for it too. */
    acceptsBasic: boolean;
    /**
     * Set by a browser page's route before anything can fail: `onError` shows a refusal as this
     * page instead of an error body. Unset for every other route, including an unsupported
     * method on a page's path (a 405 body, as on any path).
     */
    errorPage: ErrorPage | undefined;
  };
}
