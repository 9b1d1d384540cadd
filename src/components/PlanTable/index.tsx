/**
 * The rate limit of every plan tier, rendered from the sandbox core's `planLimits`: a writer places
 * `<PlanTable />` and never retypes a limit, so the guide cannot drift from what the API enforces.
 */
import type { ReactNode } from 'react';

import { type PlanTier, planLimits } from '@site/mock-server/core/rate-limit';
import HorizontalScroll from '@site/src/components/HorizontalScroll';

const perMinute = (tier: PlanTier): string => planLimits[tier].toLocaleString('en-US');

/** What each tier means, in words; the numbers come from the core. */
const notes: Record<PlanTier, (limit: string) => ReactNode> = {
  starter: (limit) => <>{limit}. Requests without a working credential are counted per address at this rate.</>,
  business: (limit) => <>{limit}.</>,
  enterprise: (limit) => <>Agreed per contract, up to {limit}. The sandbox&apos;s enterprise organization has the ceiling.</>,
  unmetered: (limit) => <>Sandbox only: counted and reported as {limit}, never refused. For load tests and CI against the sandbox.</>,
};

export default function PlanTable(): ReactNode {
  const tiers = Object.keys(planLimits) as PlanTier[];
  return (
    <HorizontalScroll label="Rate limits by plan">
      <table>
        <thead>
          <tr>
            <th scope="col">
              Plan (<code>plan_tier</code>)
            </th>
            <th scope="col">Requests per minute, per credential</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier}>
              <td>
                <code>{tier}</code>
              </td>
              <td>{notes[tier](perMinute(tier))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </HorizontalScroll>
  );
}
