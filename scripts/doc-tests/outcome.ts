/**
 * Does a response body contain what the page shows? The shown JSON is a pattern:
 *
 * - an object matches an object that has every key shown, each matching (extra keys allowed);
 * - an array matches an array whose first elements match the ones shown (a prefix);
 * - a string containing `…` (U+2026) is a placeholder: each `…` stands for any run of
 *   characters, so `"tok_…"` is any string starting with `tok_`; a lone `"…"` is any value;
 * - anything else must be equal.
 */

export const placeholder = '\u2026';

/** One place where the body differs from the page, `path` in JSONPath style (`$.data[0].id`). */
export interface Mismatch {
  path: string;
  message: string;
}

/** Every mismatch between the shown pattern and the actual value; empty when it matches. */
export function matchJson(expected: unknown, actual: unknown, path = '$'): Mismatch[] {
  if (expected === placeholder) return [];
  if (typeof expected === 'string' && expected.includes(placeholder)) {
    if (typeof actual === 'string' && matchesPlaceholder(expected, actual)) return [];
    return [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array, got ${show(actual)}` }];
    if (actual.length < expected.length) {
      return [{ path, message: `expected at least ${expected.length} element(s), got ${actual.length}` }];
    }
    return expected.flatMap((element: unknown, index) => matchJson(element, actual[index], `${path}[${index}]`));
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ path, message: `expected an object, got ${show(actual)}` }];
    return Object.entries(expected).flatMap(([key, value]) =>
      Object.hasOwn(actual, key) ? matchJson(value, actual[key], childPath(path, key)) : [{ path: childPath(path, key), message: 'missing' }],
    );
  }
  return Object.is(expected, actual) ? [] : [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }];
}

function matchesPlaceholder(pattern: string, actual: string): boolean {
  const [first = '', ...rest] = pattern.split(placeholder);
  const last = rest.pop() ?? '';
  if (!actual.startsWith(first)) return false;
  let from = first.length;
  for (const middle of rest) {
    const at = actual.indexOf(middle, from);
    if (at === -1) return false;
    from = at + middle.length;
  }
  return actual.length - last.length >= from && actual.endsWith(last);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
