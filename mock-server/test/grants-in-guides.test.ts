/**
 * The OAuth guide's registration section against the grant table: the grant types it lists for
 * `grant_types`, and the combinations it says registration refuses. A grant added to the table
 * (or a rule changed) without the guide agreeing fails here.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { grants, supportedGrantTypes } from '../core/oauth/grants';

/** The section "Register an app" of docs/oauth.mdx, with its line breaks as spaces. */
function registrationSection(): string {
  const page = readFileSync(new URL('../../docs/oauth.mdx', import.meta.url), 'utf8');
  const section = page.split('{/* #register-a-client */}')[1]?.split(/\n## /)[0];
  if (section === undefined) throw new Error('docs/oauth.mdx has no section {/* #register-a-client */}');
  return section.replace(/\s+/g, ' ');
}

describe('registering a client (docs/oauth.mdx#register-a-client)', () => {
  const section = registrationSection();

  it('lists every grant type of the grant table for grant_types, in its order', () => {
    const row = /\| `grant_types` \| Yes \| ([^|]*) \|/.exec(section)?.[1] ?? '';
    expect([...row.matchAll(/`([^`]+)`/g)].map((match) => match[1])).toEqual(supportedGrantTypes());
  });

  it.each(supportedGrantTypes().map((name) => [name, grants[name]] as const))('states what registration insists on for %s', (name, grant) => {
    const rules = [
      [grant.confidentialOnly, `\`${name}\` needs a confidential client`],
      [grant.needs.includes('redirect_uri'), `\`${name}\` needs at least one redirect URI`],
      [grant.needs.includes('offline_access'), `\`${name}\` needs \`offline_access\` in \`allowed_scopes\``],
    ] as const;
    for (const [applies, sentence] of rules) {
      if (applies) expect(section).toContain(sentence);
      else expect(section).not.toContain(sentence);
    }
  });
});
