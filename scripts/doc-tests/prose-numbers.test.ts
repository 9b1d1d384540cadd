/**
 * Numbers a reader relies on (lifetimes, caps, tiers, windows) are written in the guides' prose,
 * outside any runnable example, so nothing runs them. Every figure with a unit in a guide must be
 * one of the statements below, each built from the constant the sandbox enforces, or an
 * explicitly listed example or piece of advice that is not a product rule. A constant that changes
 * without its sentence, a new figure nobody pinned, or a pinned sentence that disappears fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { defaultGracePeriodSeconds, maxGracePeriodSeconds } from '../../mock-server/core/credentials/api-keys';
import { maxJwtLifetimeSeconds, skewSeconds } from '../../mock-server/core/credentials/client-jwt';
import { defaultLifetimeDays, maxLifetimeDays } from '../../mock-server/core/credentials/personal-access-tokens';
import { authorizationCodeLifetimeSeconds } from '../../mock-server/core/oauth/authorization';
import { deviceCodeLifetimeSeconds, maxPollIntervalSeconds, pollIntervalSeconds, slowDownStepSeconds } from '../../mock-server/core/oauth/device';
import { accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds } from '../../mock-server/core/oauth/tokens';
import { defaultPageSize } from '../../mock-server/core/paginate';
import { addressTier, planLimits, windowMs } from '../../mock-server/core/rate-limit';
import { storeCaps } from '../../mock-server/core/store';
import { defaultToleranceSeconds } from '../../mock-server/core/webhooks/signing';
import { maxBodyBytes } from '../../mock-server/http/operation';

const days = (seconds: number): number => seconds / 86_400;
const thousands = (n: number): string => n.toLocaleString('en-US');

/** Product rules, by page: each sentence must appear in the page, as built from the constant. */
const rules: Record<string, readonly string[]> = {
  'api-keys': [
    `at most ${storeCaps.apiKeysPerOrg} API keys per organization`,
    `already has ${storeCaps.apiKeysPerOrg} API keys`,
    `Keeps working for ${defaultGracePeriodSeconds / 3600} hours (${defaultGracePeriodSeconds} seconds)`,
    `at most ${days(maxGracePeriodSeconds)} days`,
  ],
  'client-jwt': [
    `at most ${maxJwtLifetimeSeconds} seconds after \`iat\``,
    `may be ${maxJwtLifetimeSeconds} seconds or less`,
    `more than ${maxJwtLifetimeSeconds + skewSeconds} seconds in the past`,
    `tolerates ${skewSeconds} seconds of difference`,
    `The JWT may live at most ${maxJwtLifetimeSeconds} seconds`,
  ],
  'device-flow': [
    `may have ${storeCaps.pendingAuthorizationsPerClient} sign-ins waiting`,
    `Add ${slowDownStepSeconds} seconds`,
    `adds another ${slowDownStepSeconds} seconds, up to ${maxPollIntervalSeconds}`,
    `went unused for ${days(refreshTokenLifetimeSeconds)} days`,
  ],
  errors: [`over ${maxBodyBytes / 1024} KiB`, `at most ${maxBodyBytes / 1024} KiB`, `allowance of ${planLimits[addressTier]} requests a minute`],
  oauth: [
    `at most ${storeCaps.clientsPerOrg} OAuth clients per organization`,
    `already has ${storeCaps.clientsPerOrg} OAuth clients`,
    `has ${storeCaps.pendingAuthorizationsPerClient} codes waiting`,
    `for **${authorizationCodeLifetimeSeconds} seconds**`,
    `at most ${storeCaps.activeOAuthTokensPerClient} unexpired tokens`,
    `lasts ${days(refreshTokenLifetimeSeconds)} days from its issue`,
  ],
  'personal-access-tokens': [
    `at most ${storeCaps.patsPerUser} active tokens per user`,
    `A page holds ${defaultPageSize} tokens`,
    `${defaultLifetimeDays} days when you leave out \`lifetime_days\``,
    `never more than ${maxLifetimeDays} days per request`,
  ],
  'rate-limits': [
    `the ${planLimits.starter} requests of Pia's token`,
    `Ada's ${thousands(planLimits.business)} requests`,
    `the ${thousands(planLimits.business)} requests take`,
    `ends ${windowMs / 1000} seconds after it opened`,
    `lasts ${windowMs / 1000} seconds; when it ends`,
    `how quickly the ${planLimits.starter} requests went out`,
  ],
  'token-lifecycle': [
    `${defaultLifetimeDays} days by default`,
    `${defaultGracePeriodSeconds / 3600} hours by default, 0 seconds to ${days(maxGracePeriodSeconds)} days`,
    `${accessTokenLifetimeSeconds / 3600} hour (\`expires_in: ${accessTokenLifetimeSeconds}\`)`,
    `${days(refreshTokenLifetimeSeconds)} days from issue`,
    `refresh token with a fresh ${days(refreshTokenLifetimeSeconds)} days`,
    `${authorizationCodeLifetimeSeconds} seconds, one use`,
    `${deviceCodeLifetimeSeconds / 60} minutes (\`expires_in: ${deviceCodeLifetimeSeconds}\`)`,
    `(${pollIntervalSeconds} seconds, ${slowDownStepSeconds} more after each \`slow_down\`)`,
    `At most ${maxJwtLifetimeSeconds / 60} minutes from \`iat\` to \`exp\`, with ${skewSeconds} seconds of clock skew`,
    `(1 second to a year per call`,
  ],
  webhooks: [
    `at most ${storeCaps.webhooksPerOrg} endpoints`,
    `already has ${storeCaps.webhooksPerOrg} webhooks`,
    `more than ${defaultToleranceSeconds} seconds (${defaultToleranceSeconds / 60} minutes) away`,
    `more than ${defaultToleranceSeconds / 60} minutes before`,
    `within those ${defaultToleranceSeconds / 60} minutes`,
  ],
};

/** Figures that are an example's own choice or advice, not a rule of the product, with why. */
const notRules: Record<string, readonly string[]> = {
  'api-keys': ['expires in 90 days' /* the example's choice of expiry */],
  oauth: ['Coming from 24-hour tokens' /* other products' convention, which the section contrasts */],
  'personal-access-tokens': [
    'say, 14 days' /* advice on when to replace a token */,
    'the maximum to 30 days, and the next request for 60 days' /* the runnable example's own settings */,
  ],
  'rate-limits': ['2, 4, 8 and 16 seconds' /* the backoff the example computes */],
  security: [
    'one scope, 30 days' /* the example key's choice */,
    'a lifetime of 90 days or less' /* advice */,
    'Every 90 days' /* rotation advice */,
  ],
};

const figure = /(?<![\w.-])\d[\d,]*(?:\.\d+)?(?:-| )(?:seconds?|minutes?|hours?|days?|KiB|requests|(?:active |unexpired )?tokens|(?:API |OAuth )?(?:keys|clients)|webhooks|endpoints|codes|sign-ins)\b/g;

/** The page's prose: code fences and MDX comments left out, line breaks as spaces. */
function prose(page: string): string {
  return page
    .replace(/^(`{3,}|~{3,}).*\n[\s\S]*?^\1\s*$/gm, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/\s+/g, ' ');
}

const guides = readdirSync(new URL('../../docs/', import.meta.url))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.replace(/\.mdx$/, ''));

describe('numbers in the guides’ prose are the numbers the sandbox enforces', () => {
  it.each(guides)('docs/%s.mdx: every figure is a pinned rule or a listed example', (page) => {
    const text = prose(readFileSync(new URL(`../../docs/${page}.mdx`, import.meta.url), 'utf8'));
    const statements = [...(rules[page] ?? []), ...(notRules[page] ?? [])];
    const missing = statements.filter((statement) => !text.includes(statement));
    expect(missing, 'pinned statements the page no longer makes (or makes with another number)').toEqual([]);

    const covered = statements.flatMap((statement) => {
      const spans: [number, number][] = [];
      for (let at = text.indexOf(statement); at !== -1; at = text.indexOf(statement, at + 1)) spans.push([at, at + statement.length]);
      return spans;
    });
    const unpinned = [...text.matchAll(figure)]
      .filter((match) => !covered.some(([start, end]) => match.index >= start && match.index + match[0].length <= end))
      .map((match) => `"${match[0]}" in "…${text.slice(Math.max(0, match.index - 50), match.index + match[0].length + 30)}…"`);
    expect(unpinned, 'figures no rule pins: add the sentence to `rules` (built from its constant) or to `notRules` with why').toEqual([]);
  });
});
