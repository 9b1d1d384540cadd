import { lazyModule } from '../shared/lazy-module';

/** `jose` and the sandbox's JWT rules, fetched the first time the reader reaches for the tool. */
export const loadJwt = lazyModule(() => import('./jwt'));

export type JwtModule = Awaited<ReturnType<typeof loadJwt>>;
