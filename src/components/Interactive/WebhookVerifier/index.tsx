import { type ReactNode, useEffect, useId, useState } from 'react';

import PrivacyNote from '../shared/PrivacyNote';
import shared from '../shared/styles.module.css';
import { lazyModule, useLazyModule } from '../shared/lazy-module';
import Steps from './Steps';
import styles from './styles.module.css';
import type { Delivery, SignatureSteps } from './verify';

const loadVerify = lazyModule(() => import('./verify'));
const loadSandboxDelivery = lazyModule(() => import('./sandbox-delivery'));

/**
 * `<WebhookVerifier />`: checks a webhook delivery's `DataStack-Signature` in the reader's browser,
 * showing each step a receiver performs, with the core's own verification code.
 */
export default function WebhookVerifier(): ReactNode {
  const id = useId();
  const { module: verify, warm, problem } = useLazyModule(loadVerify);
  const [delivery, setDelivery] = useState<Delivery>({ payload: '', header: '', secret: '' });
  const [checked, setChecked] = useState<{ steps: SignatureSteps; nowMs: number }>();
  const [fetching, setFetching] = useState<'idle' | 'busy' | { problem: string }>('idle');

  useEffect(() => {
    if (delivery.header.trim() === '') return setChecked(undefined);
    let current = true;
    const nowMs = Date.now();
    void loadVerify()
      .then(({ verifyDelivery }) => verifyDelivery(delivery, nowMs))
      .then((steps) => current && setChecked({ steps, nowMs }));
    return () => {
      current = false;
    };
  }, [delivery]);

  const fromSandbox = async () => {
    setFetching('busy');
    try {
      const { sandboxTestDelivery } = await loadSandboxDelivery();
      setDelivery(await sandboxTestDelivery());
      setFetching('idle');
    } catch (error) {
      setFetching({ problem: error instanceof Error ? error.message : String(error) });
    }
  };

  const field = (name: keyof Delivery) => ({
    id: `${id}-${name}`,
    value: delivery[name],
    spellCheck: false,
    autoComplete: 'off',
    onChange: (event: { target: { value: string } }) => setDelivery((current) => ({ ...current, [name]: event.target.value })),
  });

  const warnings = verify?.payloadWarnings(delivery.payload) ?? [];
  return (
    <section className={shared.tool} aria-label="Webhook signature verifier" data-testid="webhook-verifier" onPointerEnter={warm} onFocus={warm}>
      <PrivacyNote />
      {problem && <p className={shared.bad}>{problem}</p>}
      <div className={shared.fields}>
        <label className={shared.field} htmlFor={`${id}-payload`}>
          <span>Payload (the raw request body)</span>
          <textarea {...field('payload')} rows={5} />
        </label>
        <div className={styles.column}>
          <label className={shared.field} htmlFor={`${id}-header`}>
            <span>DataStack-Signature header</span>
            <input {...field('header')} className={shared.mono} placeholder="t=…,v1=…" />
          </label>
          <label className={shared.field} htmlFor={`${id}-secret`}>
            <span>Signing secret</span>
            <input {...field('secret')} className={shared.mono} placeholder="whsec_…" />
          </label>
        </div>
      </div>
      {warnings.map((warning) => (
        <p key={warning} className={shared.warn}>
          {warning}
        </p>
      ))}
      <div className={shared.actions}>
        <button type="button" className="button button--sm button--secondary" onClick={() => void fromSandbox()} disabled={fetching === 'busy'}>
          {fetching === 'busy' ? 'Asking the sandbox…' : 'Fill in a test delivery from the sandbox'}
        </button>
        <span className={shared.hint}>Starts the sandbox in this tab, which signs a real test event.</span>
      </div>
      {typeof fetching === 'object' && (
        <p className={shared.bad} role="alert">
          The sandbox did not provide a delivery. {fetching.problem}
        </p>
      )}
      {checked && verify && <Steps steps={checked.steps} nowMs={checked.nowMs} explanations={verify.failureExplanations} />}
    </section>
  );
}
