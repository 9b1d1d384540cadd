/**
 * The pure half of the `@theme/Markdown` swizzle: turns one Markdown description from the spec into
 * the parts the component renders (HTML, code for `@theme/CodeBlock`, admonitions for
 * `@theme/Admonition`), with `marked` configured once for GFM and raw HTML.
 */
import { Marked, type Token, type Tokens, type TokenizerExtension } from 'marked';

/** One piece of a rendered description, in document order. */
export type MarkdownPart =
  | { readonly kind: 'html'; readonly html: string }
  /** A GFM table as HTML, apart so the component can let it scroll sideways. */
  | { readonly kind: 'table'; readonly html: string }
  | { readonly kind: 'code'; readonly language: string | undefined; readonly code: string }
  | {
      readonly kind: 'admonition';
      readonly type: string;
      readonly title: string | undefined;
      readonly parts: readonly MarkdownPart[];
    };

interface AdmonitionToken extends Tokens.Generic {
  readonly type: 'admonition';
  readonly admonitionType: string;
  readonly title: string | undefined;
  readonly tokens: Token[];
}

// The `:::type[title]` … `:::` block the original theme understands, opening and closing lines on
// their own; only at the top level, as in the original.
const admonitionPattern = /^:::(\w+)(?:\[([^\]\n]*)\])?[ \t]*\n(?:([\s\S]*?)\n)?:::[ \t]*(?:\n+|$)/;

const admonition: TokenizerExtension = {
  name: 'admonition',
  level: 'block',
  tokenizer(src): AdmonitionToken | undefined {
    if (!this.lexer.state.top) return undefined;
    const match = admonitionPattern.exec(src);
    if (!match?.[1]) return undefined;
    return {
      type: 'admonition',
      raw: match[0],
      admonitionType: match[1],
      title: match[2]?.trim() || undefined,
      tokens: this.lexer.blockTokens(match[3] ?? ''),
    };
  },
};

// No sanitiser: every string rendered here is first-party content from our own OpenAPI spec.
const marked = new Marked({ async: false, gfm: true, extensions: [admonition] });

function isCode(token: Token): token is Tokens.Code {
  return token.type === 'code';
}

function isTable(token: Token): token is Tokens.Table {
  return token.type === 'table';
}

function isAdmonition(token: Token): token is AdmonitionToken {
  return token.type === 'admonition';
}

function toParts(tokens: readonly Token[]): MarkdownPart[] {
  const parts: MarkdownPart[] = [];
  let run: Token[] = [];
  const flush = (): void => {
    // Space and link-definition tokens render to nothing; drop runs made only of them.
    const html = run.length > 0 ? marked.parser(run).trim() : '';
    if (html !== '') parts.push({ kind: 'html', html });
    run = [];
  };
  for (const token of tokens) {
    if (isCode(token)) {
      flush();
      // The info string's first word is the language, as remark reads it (`ts title="x"` → `ts`).
      const language = token.lang?.split(/\s/, 1)[0] || undefined;
      parts.push({ kind: 'code', language, code: token.text });
    } else if (isTable(token)) {
      flush();
      parts.push({ kind: 'table', html: marked.parser([token]).trim() });
    } else if (isAdmonition(token)) {
      flush();
      parts.push({ kind: 'admonition', type: token.admonitionType, title: token.title, parts: toParts(token.tokens) });
    } else {
      run.push(token);
    }
  }
  flush();
  return parts;
}

/**
 * Renders GFM Markdown (tables, strikethrough, autolinks, raw HTML) to parts, synchronously, so the
 * server and the client produce the same output.
 *
 * @param markdown A description, summary or qualifier from the spec.
 * @returns Its parts in document order; empty for blank input.
 */
export function renderMarkdown(markdown: string): MarkdownPart[] {
  return toParts(marked.lexer(markdown));
}
