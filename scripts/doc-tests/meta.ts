/**
 * The meta string of a fenced code block (everything after the language), as Docusaurus reads
 * it: `title="List your keys" run` is the attribute `title` and the flag `run`.
 */

/** Flags (bare words) and attributes (`name="value"`) of one code fence. */
export interface FenceMeta {
  flags: ReadonlySet<string>;
  attributes: ReadonlyMap<string, string>;
}

// A name with an optional `="quoted"`, `='quoted'` or bare value; or a quoted string or other
// token (`{1,4-6}` line highlights) that is neither and is skipped.
const token = /([A-Za-z_][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']*)))?|"[^"]*"|'[^']*'|\S+/g;

/** Splits a fence's meta string into flags and attributes; words inside quotes are never flags. */
export function parseFenceMeta(meta: string | null | undefined): FenceMeta {
  const flags = new Set<string>();
  const attributes = new Map<string, string>();
  for (const match of (meta ?? '').matchAll(token)) {
    const [whole, name, doubleQuoted, singleQuoted, bare] = match;
    if (name === undefined) continue;
    const value = doubleQuoted ?? singleQuoted ?? bare;
    if (value === undefined && whole === name) flags.add(name);
    else attributes.set(name, value ?? '');
  }
  return { flags, attributes };
}
