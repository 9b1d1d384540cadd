import { type ReactNode, useState } from 'react';

import PrivacyNote from '../shared/PrivacyNote';
import shared from '../shared/styles.module.css';
import { useLazyModule } from '../shared/lazy-module';
import JwtBuilder from './JwtBuilder';
import JwtDecoder from './JwtDecoder';
import { loadJwt } from './load';

/**
 * `<JwtTool />`: builds client-signed JWTs (HS256 with the client secret) and decodes any JWT,
 * judging it by the sandbox's own rules. `jose` loads when the reader first reaches for the tool.
 */
export default function JwtTool(): ReactNode {
  const { module, warm, problem } = useLazyModule(loadJwt);
  const [token, setToken] = useState({ jwt: '', secret: '' });
  return (
    <section className={shared.tool} aria-label="JWT builder and decoder" data-testid="jwt-tool" onPointerEnter={warm} onFocus={warm}>
      <PrivacyNote>Signing and verifying use your browser’s Web Crypto.</PrivacyNote>
      {problem && <p className={shared.bad}>{problem}</p>}
      <JwtBuilder jwt={module} onDecode={setToken} />
      <JwtDecoder token={token} onChange={setToken} />
    </section>
  );
}
