/**
 * How the console hides a secret: a recognisable prefix and a fixed run of bullets, in every
 * spelling the secret can take in a request. (Masking inside generated snippets is tested in
 * `snippets.test.ts`.)
 */
import { describe, expect, it } from 'vitest';

import { maskSecret, maskText } from './mask';

const bullets = '••••••';

describe('maskSecret', () => {
  it.each([
    ['a test API key', 'sk_test_u5zBF2fHIhbqCC02BDdLQqw13hoMrvk0', 'sk_test_'],
    ['a restricted test key', 'rk_test_Q0mPq8s2Vb7xN4cLk1aZ9yRt', 'rk_test_'],
    ['a personal access token', 'dsp_98723bc000739a83327065bf197fe413424d1db726645e3c1b404b9fae99fbdf', 'dsp_'],
    ['a client secret', 'dscs_rUYkGISVTJnsXg4R7dB2aMx2mChj-ezmaQ0yiD7XH_K', 'dscs_'],
  ])('keeps the prefix of %s', (_kind, secret, prefix) => {
    expect(maskSecret(secret)).toBe(`${prefix}${bullets}`);
  });

  it('keeps the first 4 characters of a secret without an underscore prefix', () => {
    expect(maskSecret('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9')).toBe(`eyJh${bullets}`);
  });

  it('does not give the length away', () => {
    expect(maskSecret('sk_test_12345678')).toBe(maskSecret('sk_test_1234567890abcdefghijklmnopqrstuvwxyz'));
  });

  it.each([
    ['a short key', 'sk_test_abc'],
    ['7 characters after the prefix', 'dsp_1234567'],
    ['a short password', 'hunter2'],
    ['11 characters without an underscore', 'abcdefghijk'],
  ])('hides %s entirely', (_kind, secret) => {
    expect(maskSecret(secret)).toBe(bullets);
  });

  it('keeps the prefix once 8 characters stay hidden', () => {
    expect(maskSecret('dsp_12345678')).toBe(`dsp_${bullets}`);
  });
});

describe('maskText', () => {
  // Spaces, slashes, quotes, `+`, `\` and `!` spell differently in a URL, a form and JSON.
  const secret = 'open sesame/"now"+\\!';
  const masked = `open${bullets}`;

  it.each([
    ['raw', 'open sesame/"now"+\\!'],
    ['URI-encoded', 'open%20sesame%2F%22now%22%2B%5C!'],
    ['form-encoded', 'open+sesame%2F%22now%22%2B%5C%21'],
    ['JSON-escaped', 'open sesame/\\"now\\"+\\\\!'],
  ])('masks the %s spelling', (_spelling, spelled) => {
    expect(maskText(`before ${spelled} after ${spelled}`, [secret])).toBe(`before ${masked} after ${masked}`);
  });

  it('masks every secret given', () => {
    const text = 'Authorization: Bearer sk_test_u5zBF2fHIhbqCC02BDdLQqw13hoMrvk0\nrefresh_token=dsr_v1Zgut-zje2zzrAxYcn_6afk5kh5vbS3u25Bo5Mm6Au';
    expect(maskText(text, ['sk_test_u5zBF2fHIhbqCC02BDdLQqw13hoMrvk0', 'dsr_v1Zgut-zje2zzrAxYcn_6afk5kh5vbS3u25Bo5Mm6Au'])).toBe(
      `Authorization: Bearer sk_test_${bullets}\nrefresh_token=dsr_${bullets}`,
    );
  });

  it('masks a secret that contains another as a whole', () => {
    const short = 'sk_test_abcdefgh12345678';
    const long = `${short}_rotated`;
    expect(maskText(`key=${long}`, [short, long])).toBe(`key=sk_test_${bullets}`);
  });

  it('ignores empty secrets and leaves text without secrets as it is', () => {
    expect(maskText('grant_type=client_credentials&client_secret=', ['', 'dscs_rUYkGISVTJnsXg4R7dB2aMx2mChj'])).toBe(
      'grant_type=client_credentials&client_secret=',
    );
  });
});
