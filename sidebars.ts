import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

// Written by `npm run gen:api-docs` from the bundled spec (info page, then one category per tag).
import apiSidebar from './docs/api/sidebar';

const sidebars: SidebarsConfig = {
  guides: [
    'authentication',
    'quickstart',
    'personal-access-tokens',
    'api-keys',
    'oauth',
    'device-flow',
    'client-jwt',
    'scopes',
    'token-lifecycle',
    'errors',
    'rate-limits',
    'webhooks',
    'security',
    'interactive-tools',
    'writing-docs',
  ],
  api: apiSidebar,
};

export default sidebars;
