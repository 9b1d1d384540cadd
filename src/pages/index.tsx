import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

import HomeCards from '@site/src/components/HomeCards';
import styles from './index.module.css';

export default function Home(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  return (
    <Layout title="Authentication and API access" description={siteConfig.tagline}>
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1" className={styles.title}>
            Authenticate to DataStack
          </Heading>
          <p className={styles.lead}>
            Everything you need to call the DataStack API safely: which credential to use, how to get
            one, how scopes decide what it may do, and what every error means.
          </p>
          <div className={styles.actions}>
            <Link className="button button--primary button--lg" to="/docs/quickstart">
              Start the quickstart
            </Link>
            <Link className="button button--secondary button--lg" to="/docs/api/datastack-auth-access-api">
              Browse the API reference
            </Link>
          </div>
        </div>
      </header>
      <main className="container margin-vert--xl">
        <HomeCards />
      </main>
    </Layout>
  );
}
