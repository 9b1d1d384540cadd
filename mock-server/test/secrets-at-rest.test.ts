/**
 * The security guide's table of what DataStack keeps of each secret, row by row, against what the
 * sandbox's store really holds once each secret has been issued. A row added, changed or removed
 * without the store agreeing fails here.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { hashSecret } from '../core/secrets';
import { desktopFamily } from './support/oauth.fixtures';
import { seeded, testSandbox, type TestSandbox } from './support/client';

interface Row {
  secret: string;
  kept: string;
}

/** The rows of the table under "What DataStack keeps of each secret" in docs/security.mdx. */
function documentedRows(): Row[] {
  const page = readFileSync(new URL('../../docs/security.mdx', import.meta.url), 'utf8');
  const section = page.split('{/* #what-datastack-keeps */}')[1]?.split(/\n#+ /)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Secret |') && !line.startsWith('| ---'))
    .map((line) => {
      const [secret = '', kept = ''] = line.split(' | ').map((cell) => cell.replace(/^\| /, '').trim());
      return { secret, kept };
    });
}

/** Issues one secret of each documented kind the way a reader would, and returns them by row. */
async function issueOneOfEach({ call, sandbox }: TestSandbox): Promise<Record<string, string[]>> {
  const token = await call('POST', '/v1/tokens', { token: seeded.adaToken, json: { label: 'at rest', scopes: ['read:clusters'] } });
  const key = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'at rest', environment: 'test', scopes: ['read:clusters'] } });
  const client = await call('POST', '/v1/oauth-clients', {
    token: seeded.adaToken,
    json: { name: 'At rest', type: 'confidential', redirect_uris: ['https://app.acme.test/callback'], allowed_scopes: ['read:clusters'], grant_types: ['authorization_code'] },
  });
  const webhook = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: { url: 'https://siem.acme.test/in', events: ['token.revoked'] } });
  for (const response of [token, key, client, webhook]) expect(response.status, response.text).toBe(201);
  const family = await desktopFamily(sandbox);
  return {
    'Personal access token (`dsp_`)': [token.body.token],
    'API key (`sk_test_`, `rk_test_`)': [key.body.secret],
    'OAuth access token (`dsa_`) and refresh token (`dsr_`)': [family.accessToken, family.refreshToken ?? ''],
    'OAuth client secret (`dscs_`)': [client.body.client_secret],
    'Webhook signing secret (`whsec_`)': [webhook.body.secret],
    'Your password': [seeded.ada.password],
  };
}

describe('what DataStack keeps of each secret (docs/security.mdx#what-datastack-keeps)', () => {
  const rows = documentedRows();

  it('documents every kind of secret the sandbox issues, once', async () => {
    const issued = await issueOneOfEach(await testSandbox());
    expect(rows.map((row) => row.secret).sort()).toEqual(Object.keys(issued).sort());
  });

  it.each(rows)('$secret: the store holds what the guide says ($kept)', async ({ secret, kept }) => {
    const sandbox = await testSandbox();
    const secrets = (await issueOneOfEach(sandbox))[secret] ?? [];
    expect(secrets.length).toBeGreaterThan(0);
    const stored = JSON.stringify(sandbox.sandbox.store.snapshot());
    for (const value of secrets) {
      expect(value).not.toBe('');
      const hash = await hashSecret(value);
      switch (kept) {
        case 'SHA-256 hash':
          expect(stored).not.toContain(value);
          expect(stored).toContain(hash);
          break;
        case 'SHA-256 hash and the secret itself':
          expect(stored).toContain(value);
          expect(stored).toContain(hash);
          break;
        case 'The secret itself':
          expect(stored).toContain(value);
          break;
        case 'PBKDF2-SHA256 verifier, salted, 100,000 iterations': {
          expect(stored).not.toContain(value);
          expect(stored).not.toContain(hash);
          const verifier = sandbox.sandbox.store.users.get('usr_ada')?.passwordVerifier ?? '';
          expect(verifier).toMatch(/^pbkdf2-sha256\$100000\$[^$]+\$[0-9a-f]{64}$/);
          break;
        }
        default:
          throw new Error(`docs/security.mdx says "${kept}" for ${secret}: teach this test what that means`);
      }
    }
  });
});
