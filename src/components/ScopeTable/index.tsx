/**
 * Every scope the spec defines, what it allows and the operations that need it, rendered from
 * the catalogue `npm run gen:types` writes from the spec: a writer places `<ScopeTable />` and
 * never retypes a scope, so the table cannot drift from the API.
 */
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import kebabCase from 'lodash/kebabCase';
import type { ReactNode } from 'react';

import { scopeCovers } from '@site/mock-server/core/scopes';
import { operations, type Scope, scopeDescriptions } from '@site/mock-server/generated/catalogue';
import HorizontalScroll from '@site/src/components/HorizontalScroll';

import styles from './styles.module.css';

type Operation = (typeof operations)[number];

const scopes = Object.keys(scopeDescriptions) as Scope[];

/** The id of a scope's row, so other rows and pages can link to it: `read:clusters` → `scope-read-clusters`. */
export const scopeAnchor = (scope: string): string => `scope-${kebabCase(scope)}`;

/** The generated reference page of an operation, named as docusaurus-plugin-openapi-docs names it. */
const referencePath = (operation: Operation): string => `/docs/api/${kebabCase(operation.operationId)}`;

/** The spec's descriptions are Markdown with code spans only: render those as `<code>`. */
function InlineMarkdown({ text }: { text: string }): ReactNode {
  return text.split(/`([^`]+)`/).map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

function ScopeName({ scope }: { scope: Scope }): ReactNode {
  return <code>{scope}</code>;
}

function OperationsCell({ scope }: { scope: Scope }): ReactNode {
  const own = operations.filter((operation) => operation.scope === scope);
  const included = scopes.filter((other) => other !== scope && scopeCovers(scope, other));
  if (own.length === 0 && included.length === 0) return <span className={styles.none}>None: it opens no operation by itself.</span>;
  return (
    <>
      {own.length > 0 && (
        <ul className={styles.operations}>
          {own.map((operation) => (
            <li key={operation.operationId}>
              <Link to={referencePath(operation)}>
                <code>
                  {operation.method} {operation.path}
                </code>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {included.map((other) => (
        <p key={other} className={styles.included}>
          and every operation of <Link to={`#${scopeAnchor(other)}`}><ScopeName scope={other} /></Link>
        </p>
      ))}
    </>
  );
}

/** The table of every scope: name, description from the spec, and the operations that need it. */
export default function ScopeTable(): ReactNode {
  const brokenLinks = useBrokenLinks();
  for (const scope of scopes) brokenLinks.collectAnchor(scopeAnchor(scope));
  return (
    <HorizontalScroll label="Scopes">
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col" className={styles.description}>
              What it allows
            </th>
            <th scope="col">Operations that need it</th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => (
            <tr key={scope} id={scopeAnchor(scope)}>
              <th scope="row" className={styles.scope}>
                <ScopeName scope={scope} />
              </th>
              <td>
                <InlineMarkdown text={scopeDescriptions[scope]} />
              </td>
              <td>
                <OperationsCell scope={scope} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </HorizontalScroll>
  );
}
