/**
 * How the console hides secrets it shows: in the credential panel and in code snippets.
 */
const bullets = '••••••';

/**
 * A secret as the console shows it: a recognisable prefix, then a fixed run of bullets (so the
 * length is not given away either). The prefix runs to the last `_` of the first 8 characters
 * (`sk_test_••••••`, `dsp_••••••`), else it is the first 4; none at all when fewer than 8
 * characters would stay hidden.
 */
export function maskSecret(secret: string): string {
  const underscore = secret.slice(0, 8).lastIndexOf('_');
  const prefix = underscore >= 0 ? secret.slice(0, underscore + 1) : secret.slice(0, 4);
  return (secret.length - prefix.length >= 8 ? prefix : '') + bullets;
}

/** The spellings a secret can take in a URL, a form body or a JSON string. */
function spellingsOf(secret: string): string[] {
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice('s='.length);
  return [...new Set([secret, encodeURIComponent(secret), formEncoded, JSON.stringify(secret).slice(1, -1)])];
}

export function maskText(text: string, secrets: readonly string[]): string {
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...secrets].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  let masked = text;
  for (const secret of ordered) {
    for (const spelling of spellingsOf(secret)) masked = masked.replaceAll(spelling, maskSecret(secret));
  }
  return masked;
}
