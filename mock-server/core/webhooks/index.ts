/**
 * Webhooks: endpoints, signed (simulated) deliveries, and the signature scheme receivers verify.
 * Other features call {@link emitEvent} once a change an event reports has been made.
 */
export * from './events';
export * from './signing';
export * from './webhooks';
