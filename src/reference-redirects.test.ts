/**
 * Every link the source pages make to a reference page must land on one: either the page is still
 * generated under that path, or a redirect sends the reader to the page that replaced it. Derived
 * from the bundled spec, so renaming an operation without adding a redirect fails here, before a
 * build.
 */
import { resolve } from 'node:path';

import type * as OpenApiPlugin from 'docusaurus-plugin-openapi-docs';
// The generator's own naming, called without writing pages (not the plugin's documented API).
import { processOpenapiFiles, readOpenapiFiles } from 'docusaurus-plugin-openapi-docs/lib/openapi';
import { describe, expect, it } from 'vitest';

import config from '../docusaurus.config';
import sourcePageLinks from '../e2e/fixtures/source-page-links.json';
import { referencePages } from '../e2e/support/spec';
import { referenceRedirects } from './reference-redirects';

const pages = referencePages();
const pagePaths = new Set(pages.map((page) => page.path));

/** The options the site gives the generator for its one API, read from the site config. */
function openApiDocsOptions(): OpenApiPlugin.Options & { specPath: string; outputDir: string } {
  const entry = (config.plugins ?? []).find(
    (plugin): plugin is [string, { config: Record<string, OpenApiPlugin.Options> }] =>
      Array.isArray(plugin) && plugin[0] === 'docusaurus-plugin-openapi-docs',
  );
  const [options] = Object.values(entry?.[1].config ?? {});
  if (!options?.specPath || !options.outputDir) throw new Error('docusaurus.config.ts configures no docusaurus-plugin-openapi-docs API');
  return { ...options, specPath: options.specPath, outputDir: options.outputDir };
}

describe('reference pages', () => {
  it('are named as docusaurus-plugin-openapi-docs generates them', async () => {
    const options = openApiDocsOptions();
    // The generator resolves a relative spec path against another directory than the working one.
    const files = await readOpenapiFiles(resolve(options.specPath));
    const [items] = await processOpenapiFiles(files, options, options.sidebarOptions ?? {});
    const generated = items.map((item) => ({ kind: item.type === 'api' ? 'operation' : item.type, path: `/docs/api/${item.id}`, title: item.title }));
    expect(pages).toEqual(expect.arrayContaining(generated));
    expect(pages).toHaveLength(generated.length);
  });
});

describe('the source pages’ reference links', () => {
  it.each(sourcePageLinks.links.map((link) => [`${link.source}:${link.line} [${link.text}](${link.href})`, link] as const))(
    '%s lands on a reference page',
    (name, link) => {
      const redirect = referenceRedirects.find((candidate) => candidate.from === link.href);
      const target = redirect?.to ?? link.href;
      expect(pagePaths.has(target), `${name}: ${target} is not a generated reference page${redirect ? ' (redirect target)' : ' and has no redirect'}`).toBe(true);
    },
  );
});

describe('reference redirects', () => {
  it.each(referenceRedirects.map((redirect) => [redirect.from, redirect] as const))('%s leads to a generated page', (_from, redirect) => {
    // A redirect from a path that is a page would be ignored by the plugin (the page wins).
    expect(pagePaths.has(redirect.from), `${redirect.from} is itself a page`).toBe(false);
    expect(pagePaths.has(redirect.to), `${redirect.to} is not a generated reference page`).toBe(true);
    expect(redirect.from).toMatch(/^\/docs\/api\/[a-z0-9-]+$/);
  });

  it('sends each old path to one place', () => {
    const froms = referenceRedirects.map((redirect) => redirect.from);
    expect(new Set(froms).size).toBe(froms.length);
  });
});
