/**
 * Turns a `:::tabs` container of code fences into the site's language tabs, so a writer shows one
 * example in several languages with plain Markdown:
 *
 * ````mdx
 * :::tabs
 *
 * ```bash title="Who am I?" run
 * curl "$DATASTACK_BASE_URL/v1/me" -H "Authorization: Bearer $DATASTACK_TOKEN"
 * ```
 *
 * ```python title="Who am I?" run
 * …
 * ```
 *
 * :::
 * ````
 *
 * Each fence becomes one tab, labelled by its language, in the order written. Every tab group
 * shares one `groupId`, so the reader's choice carries to every page. The fences stay as they are,
 * so the doc-test runner finds and runs them like any other.
 */
import type { Code, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxjsEsm } from 'mdast-util-mdx';
import type { VFile } from 'vfile';

import { type CodeLanguage, codeLanguageOf } from './code-languages';

/** The directive's name: `:::tabs`. */
export const languageTabsDirective = 'tabs';

/** The `groupId` every language tab group shares, so one choice applies everywhere. */
const languageGroup = 'language';

interface Tab {
  /** Stored as the reader's choice; kept stable so choices made before a change still apply. */
  readonly value: string;
  readonly label: string;
}

const tabOf: Readonly<Record<CodeLanguage, Tab>> = {
  bash: { value: 'curl', label: 'curl' },
  javascript: { value: 'javascript', label: 'JavaScript' },
  python: { value: 'python', label: 'Python' },
  go: { value: 'go', label: 'Go' },
};

// Local names no page would choose, so a page's own `Tabs` import cannot collide with them.
const tabsName = 'LanguageTabs__Tabs';
const tabItemName = 'LanguageTabs__TabItem';

function attribute(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}

/** `import <name> from '<source>';` as MDX needs it: the text and its ESTree. */
function importDefault(name: string, source: string): MdxjsEsm {
  return {
    type: 'mdxjsEsm',
    value: `import ${name} from '${source}';`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
            source: { type: 'Literal', value: source, raw: `'${source}'` },
            attributes: [],
          },
        ],
      },
    },
  };
}

/**
 * The tabs for one `:::tabs` container.
 * @throws the vfile's message, pointing at the container, when it holds anything but fences in
 *   known languages, one fence per tab
 */
function toTabs(container: ContainerDirective, file: VFile): MdxJsxFlowElement {
  const seen = new Set<string>();
  const items = container.children.map((child): MdxJsxFlowElement => {
    if (child.type !== 'code') {
      file.fail(`a :::${languageTabsDirective} container holds only code fences, one per language; found ${child.type}`, child);
    }
    const fence: Code = child;
    const language = codeLanguageOf[(fence.lang ?? '').toLowerCase()];
    if (!language) {
      const known = Object.keys(codeLanguageOf).join(', ');
      file.fail(`a :::${languageTabsDirective} fence must be in one of ${known}; found ${JSON.stringify(fence.lang ?? '')}`, fence);
    }
    const tab = tabOf[language];
    if (seen.has(tab.value)) file.fail(`two ${tab.label} fences in one :::${languageTabsDirective} container`, fence);
    seen.add(tab.value);
    return { type: 'mdxJsxFlowElement', name: tabItemName, attributes: [attribute('value', tab.value), attribute('label', tab.label)], children: [fence] };
  });
  if (items.length === 0) file.fail(`an empty :::${languageTabsDirective} container`, container);
  return { type: 'mdxJsxFlowElement', name: tabsName, attributes: [attribute('groupId', languageGroup)], children: items, position: container.position };
}

/** Replaces every `:::tabs` container below `parent`; says whether it replaced any. */
function replaceContainers(parent: { children: RootContent[] }, file: VFile): boolean {
  let replaced = false;
  parent.children = parent.children.map((child) => {
    if (child.type === 'containerDirective' && child.name === languageTabsDirective) {
      replaced = true;
      return toTabs(child, file);
    }
    if ('children' in child && replaceContainers(child as { children: RootContent[] }, file)) replaced = true;
    return child;
  });
  return replaced;
}

/** The remark plugin (`remarkPlugins` of the docs preset). */
export default function languageTabs() {
  return (tree: Root, file: VFile): void => {
    if (replaceContainers(tree, file)) {
      tree.children.unshift(importDefault(tabsName, '@theme/Tabs'), importDefault(tabItemName, '@theme/TabItem'));
    }
  };
}
