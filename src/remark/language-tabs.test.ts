import { compile } from '@mdx-js/mdx';
import remarkDirective from 'remark-directive';
import { describe, expect, it } from 'vitest';

import languageTabs from './language-tabs';

/** Compiles MDX as the site's docs are compiled (directives on, then this plugin) to JSX source. */
async function compileMdx(source: string): Promise<string> {
  const output = await compile(source, { remarkPlugins: [remarkDirective, languageTabs], jsx: true });
  return String(output);
}

const fence = (lang: string, code: string, meta = '') => ['```' + `${lang}${meta ? ` ${meta}` : ''}`, code, '```'].join('\n');

describe('languageTabs', () => {
  it('turns a :::tabs container into one tab per fence, labelled by language, in the written order', async () => {
    const jsx = await compileMdx(
      [':::tabs', '', fence('bash', 'curl "$URL/v1/me"', 'title="Who am I?" run'), '', fence('python', 'print(1)', 'run'), '', fence('go', 'package main'), '', ':::'].join('\n'),
    );
    expect(jsx).toContain(`import LanguageTabs__Tabs from '@theme/Tabs';`);
    expect(jsx).toContain(`import LanguageTabs__TabItem from '@theme/TabItem';`);
    const tabs = [...jsx.matchAll(/<LanguageTabs__TabItem value="(\w+)" label="(\w+)">/g)].map(([, value, label]) => `${value}:${label}`);
    expect(tabs).toEqual(['curl:curl', 'python:Python', 'go:Go']);
    expect(jsx).toContain('<LanguageTabs__Tabs groupId="language">');
    expect(jsx).toMatch(/<LanguageTabs__TabItem value="curl" label="curl"><_components.pre><_components.code className="language-bash">/);
  });

  it('finds containers inside other elements and leaves pages without one untouched', async () => {
    const nested = await compileMdx(['<div>', '', ':::tabs', '', fence('js', 'x()'), '', ':::', '', '</div>'].join('\n'));
    expect(nested).toContain('<LanguageTabs__TabItem value="javascript" label="JavaScript">');
    const plain = await compileMdx(fence('bash', 'echo hi', 'run'));
    expect(plain).not.toContain('LanguageTabs__');
  });

  it.each([
    ['prose inside', [':::tabs', '', 'Some words.', '', ':::'], /holds only code fences, one per language; found paragraph/, 3],
    ['a language without a tab', [':::tabs', '', fence('ruby', 'puts 1'), '', ':::'], /must be in one of bash, .*; found "ruby"/, 3],
    ['a language twice', [':::tabs', '', fence('sh', 'a'), '', fence('bash', 'b'), '', ':::'], /two curl fences in one :::tabs container/, 7],
  ])('stops the build on %s, pointing at the line', async (_case, lines, message, line) => {
    const compiling = compileMdx(lines.join('\n'));
    await expect(compiling).rejects.toThrow(message);
    await expect(compiling).rejects.toMatchObject({ line });
  });
});
