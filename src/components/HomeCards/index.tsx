import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import type { ReactNode } from 'react';

import styles from './styles.module.css';

interface Card {
  title: string;
  to: string;
  body: string;
}

const cards: readonly Card[] = [
  {
    title: 'Choose a credential',
    to: '/docs/authentication#choosing-a-credential',
    body: 'Personal access tokens, API keys, OAuth 2.0 access tokens and client-signed JWTs: what each is for and which one your integration needs.',
  },
  {
    title: 'Scopes and permissions',
    to: '/docs/authentication#scopes',
    body: 'Every operation is gated by one scope. Learn how read and manage scopes combine, and how the scope header makes intent explicit.',
  },
  {
    title: 'When a call is refused',
    to: '/docs/authentication#when-a-request-is-refused',
    body: '401, 403 and 429 mean different things. See what each response carries and how to react to it.',
  },
  {
    title: 'OAuth 2.0 endpoints',
    to: '/docs/api/exchange-credentials-for-access-token',
    body: 'Authorization code with PKCE, client credentials, refresh tokens and the device flow for desktop and CLI apps.',
  },
  {
    title: 'Manage keys and tokens',
    to: '/docs/api/create-api-key',
    body: 'Create, list, rotate and revoke API keys and personal access tokens from code, with the secret shown exactly once.',
  },
  {
    title: 'Webhook signatures',
    to: '/docs/api/create-webhook',
    body: 'Every event is signed with HMAC-SHA256 over a timestamp and the body, so you can reject forgeries and replays.',
  },
];

export default function HomeCards(): ReactNode {
  return (
    <section className={styles.grid} aria-label="What these docs cover">
      {cards.map((card) => (
        <Link key={card.title} to={card.to} className={styles.card}>
          <Heading as="h2" className={styles.cardTitle}>
            {card.title}
          </Heading>
          <p>{card.body}</p>
        </Link>
      ))}
    </section>
  );
}
