/**
 * Grant type names as the spec's `GrantType` schema spells them. The token endpoint's grant table
 * (`grants.ts`) has exactly one entry per name, so a name the spec adds without an exchange is a
 * type error there.
 */
import type { components } from '../../generated/openapi';

/** A grant type by its RFC name (the spec's `GrantType`). */
export type GrantType = components['schemas']['GrantType'];

/**
 * The device authorization grant's name, spelled once for the code that must single it out (the
 * device authorization endpoint, the seed, the console).
 * @see RFC 8628 §3.4
 */
export const deviceCodeGrantType = 'urn:ietf:params:oauth:grant-type:device_code' satisfies GrantType;
