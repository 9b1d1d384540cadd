import type { Options as ClientRedirectsOptions } from '@docusaurus/plugin-client-redirects';
import type * as Preset from '@docusaurus/preset-classic';
import type { Config, Plugin } from '@docusaurus/types';
import type { PluginOptions as SearchOptions } from '@easyops-cn/docusaurus-search-local';
import type * as OpenApiPlugin from 'docusaurus-plugin-openapi-docs';
import { themes as prismThemes } from 'prism-react-renderer';

import { referenceRedirects } from './src/reference-redirects';
import languageTabs from './src/remark/language-tabs';

/** Written by `npm run bundle:spec` (build output, not in git); also served for download. */
const bundledSpec = 'static/openapi.yaml';

/**
 * The in-browser sandbox (MSW + the mock) only ever loads in the browser, through a dynamic
 * import; keep it out of the server-rendering bundle altogether.
 */
function sandboxClientOnly(): Plugin {
  return {
    name: 'sandbox-client-only',
    configureWebpack: (_config, isServer) => (isServer ? { resolve: { alias: { '@site/mock-server/hosts/browser': false } } } : {}),
  };
}

const config: Config = {
  title: 'DataStack Developer Docs',
  tagline: 'Authenticate to the DataStack API: tokens, keys, OAuth 2.0 and the sandbox to try them in.',
  favicon: 'img/favicon.svg',
  url: 'https://docs.datastack.example',
  baseUrl: process.env.DOCS_BASE_URL ?? '/',
  trailingSlash: false,

  future: { v4: true, faster: true },

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          docItemComponent: '@theme/ApiItem',
          remarkPlugins: [languageTabs],
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    [
      'docusaurus-plugin-openapi-docs',
      {
        id: 'openapi',
        docsPluginId: 'classic',
        config: {
          datastack: {
            specPath: bundledSpec,
            outputDir: 'docs/api',
            downloadUrl: '/openapi.yaml',
            sidebarOptions: { groupPathsBy: 'tag', categoryLinkSource: 'tag' },
          } satisfies OpenApiPlugin.Options,
        },
      },
    ],
    // Old reference addresses that outside pages still link to (the list and the reason for each
    // live in src/reference-redirects.ts).
    ['@docusaurus/plugin-client-redirects', { redirects: [...referenceRedirects] } satisfies ClientRedirectsOptions],
    sandboxClientOnly,
  ],

  themes: [
    'docusaurus-theme-openapi-docs',
    '@docusaurus/theme-mermaid',
    [
      // Full-text search with no external service: the build writes a Lunr index of every doc
      // (guides and the generated reference) and the navbar box fetches it, in a Web Worker,
      // only when the reader first hovers or focuses it, so no page's first load carries it.
      '@easyops-cn/docusaurus-search-local',
      {
        indexDocs: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: '/docs',
        // The file name carries a hash of the docs' MDX sources and the plugin's version (not of
        // these options), so an edited page gets a new name that a CDN may cache for good.
        hashed: 'filename',
        explicitSearchResultPath: true,
        searchResultLimits: 10,
        ignoreCssSelectors: [
          // A tag page's cards repeat the titles of the pages they link to: one hit per page is enough.
          '.theme-doc-card-container',
          // A reference page's row of status-code tabs would make "429" match every operation
          // instead of the pages that explain it.
          '.openapi-tabs__response-list-container',
          // Every response of every operation lists the same headers (X-Request-Id, RateLimit-*):
          // four fifths of a reference page's text, documented once on the API's overview page.
          'details:has(> summary:contains("Response Headers"))',
        ],
      } satisfies SearchOptions,
    ],
  ],
  clientModules: ['./src/clientModules/sandbox-fetch.ts'],

  themeConfig: {
    navbar: {
      title: 'DataStack Docs',
      logo: { alt: 'DataStack', src: 'img/logo.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'guides', position: 'left', label: 'Guides' },
        { type: 'docSidebar', sidebarId: 'api', position: 'left', label: 'API reference' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Learn',
          items: [
            { label: 'Authentication overview', to: '/docs/authentication' },
            { label: 'API reference', to: '/docs/api/datastack-auth-access-api' },
          ],
        },
      ],
      copyright: 'DataStack is a fictional product. Documentation licensed CC BY 4.0.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'json', 'python', 'go', 'http'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
